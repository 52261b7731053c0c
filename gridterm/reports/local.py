"""The terminal's rows for reports: read from its local database (works offline).

Each query is the same question ``sync.server.reports.rows`` asks the server's database; the
figures are computed from the rows by the core (``daily``, ``monthly``, ``team``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from gridterm.domain.office_settings import OfficeSettings
from gridterm.domain.users import ScopeLevel
from gridterm.reports.area import Place
from gridterm.reports.period import local_day
from gridterm.reports.rows import (
    Area,
    CheckRow,
    HazardRow,
    KeyHouseholdRow,
    StepRow,
    TicketRow,
    VisitRow,
    WorkerRow,
    concern_categories,
    hazard_row,
    item_texts,
    key_household_row,
    step_row,
    ticket_row,
    visit_row,
    worker_row,
)
from gridterm.services import office_settings
from gridterm.store.reader import Reader

#: ``sync_state`` key of the last sync that completed (``sync.client.state.LAST_SYNC_AT``).
LAST_SYNC_AT = "last_sync_at"
_CHUNK = 500


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    for i in range(0, len(values), _CHUNK):
        yield list(values[i : i + _CHUNK])


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


class LocalSource:
    """A ``ReportSource`` over one read snapshot of the terminal's database."""

    def __init__(self, r: Reader):
        self.r = r

    # -- territory ---------------------------------------------------------------------------

    def place(self, level: ScopeLevel, area_id: str) -> Place | None:
        """Where a grid, community or street office lies."""
        if level is ScopeLevel.GRIDS:
            row = self.r.one(
                "SELECT g.id, g.community_id, c.street_office_id FROM grid g"
                " JOIN community c ON c.id = g.community_id WHERE g.id = ?",
                (area_id,),
            )
            return Place(row["id"], row["community_id"], row["street_office_id"]) if row else None
        if level is ScopeLevel.COMMUNITY:
            row = self.r.one("SELECT id, street_office_id FROM community WHERE id = ?", (area_id,))
            return Place("", row["id"], row["street_office_id"]) if row else None
        row = self.r.one("SELECT id FROM street_office WHERE id = ?", (area_id,))
        return Place("", "", row["id"]) if row else None

    def area(self, level: ScopeLevel, area_id: str) -> Area:
        """The area with its names and grids (name order)."""
        column = {
            ScopeLevel.GRIDS: "g.id",
            ScopeLevel.COMMUNITY: "c.id",
            ScopeLevel.STREET_OFFICE: "s.id",
        }[level]
        rows = self.r.all(
            "SELECT g.id, g.name, c.id AS cid, c.name AS community, s.id AS sid,"
            " s.name AS office FROM grid g JOIN community c ON c.id = g.community_id"
            f" JOIN street_office s ON s.id = c.street_office_id WHERE {column} = ?"
            " ORDER BY g.name",
            (area_id,),
        )
        if level is ScopeLevel.STREET_OFFICE:
            office = self.r.scalar("SELECT name FROM street_office WHERE id = ?", (area_id,))
            return Area(level, area_id, office or "", office or "", "", _grids(rows))
        if level is ScopeLevel.COMMUNITY:
            names = self.r.one(
                "SELECT c.name, s.name AS office FROM community c"
                " JOIN street_office s ON s.id = c.street_office_id WHERE c.id = ?",
                (area_id,),
            ) or {"name": "", "office": ""}
            return Area(level, area_id, names["name"], names["office"], names["name"], _grids(rows))
        first = rows[0] if rows else {"name": "", "office": "", "community": ""}
        return Area(
            level, area_id, first["name"], first["office"], first["community"], _grids(rows)
        )

    # -- people ------------------------------------------------------------------------------

    def workers(self, area: Area) -> list[WorkerRow]:
        """Users assigned to a grid of the area, by name."""
        grids = area.grid_ids
        if not grids:
            return []
        found: dict[str, list[Any]] = {}
        for chunk in _chunks(grids):
            for row in self.r.iter(
                "SELECT u.id, u.worker_id, u.name, u.role, ug.grid_id FROM user u"
                f" JOIN user_grid ug ON ug.user_id = u.id WHERE ug.grid_id IN ({_marks(chunk)})",
                tuple(chunk),
            ):
                found.setdefault(row["id"], [row, []])[1].append(row["grid_id"])
        return sorted(
            (worker_row(row, grid_ids) for row, grid_ids in found.values()),
            key=lambda w: (w.name, w.worker_id),
        )

    def workers_by_id(self, user_ids: Sequence[str]) -> list[WorkerRow]:
        """These users, by name (ids unknown here are left out)."""
        out = []
        for chunk in _chunks(list(user_ids)):
            for row in self.r.iter(
                f"SELECT id, worker_id, name, role FROM user WHERE id IN ({_marks(chunk)})",
                tuple(chunk),
            ):
                out.append(worker_row(row, []))
        return sorted(out, key=lambda w: (w.name, w.worker_id))

    def check_ins(self, user_ids: Sequence[str], start: str, end: str) -> list[CheckRow]:
        """Check-ins of these users in the range."""
        out = []
        for chunk in _chunks(list(user_ids)):
            for row in self.r.iter(
                "SELECT user_id, kind, at, latitude FROM check_in"
                f" WHERE user_id IN ({_marks(chunk)}) AND at >= ? AND at < ?",
                (*chunk, start, end),
            ):
                out.append(
                    CheckRow(
                        row["user_id"],
                        row["kind"],
                        datetime.fromisoformat(row["at"]),
                        row["latitude"] is not None,
                    )
                )
        return out

    # -- records -----------------------------------------------------------------------------

    def visits(self, area: Area, start: str, end: str) -> list[VisitRow]:
        """Visits to the area's households in the range."""
        columns = (
            "v.id, v.user_id, v.household_id, h.grid_id, v.visited_at, v.visit_type, v.outcome,"
            " v.concerns, v.photos, h.address, h.key_reasons != '[]', v.revision_of"
        )
        return [visit_row(row) for row in self._visit_rows(area, columns, start, end)]

    def concerns(self, area: Area, start: str, end: str) -> list[str]:
        """Concern categories of the area's visits in the range."""
        where = " AND v.concerns != '[]' AND v.revision_of IS NULL"
        rows = self._visit_rows(area, "v.concerns", start, end, where)
        return [c for (text,) in rows for c in concern_categories(text)]

    def _visit_rows(
        self, area: Area, columns: str, start: str, end: str, where: str = ""
    ) -> Iterator[tuple[Any, ...]]:
        for chunk in _chunks(area.grid_ids):
            yield from self.r.conn.execute(
                f"SELECT {columns} FROM visit v JOIN household h ON h.id = v.household_id"
                f" WHERE h.grid_id IN ({_marks(chunk)}) AND v.visited_at >= ?"
                f" AND v.visited_at < ?{where}",
                (*chunk, start, end),
            )

    def tickets(self, area: Area, start: str, end: str) -> list[TicketRow]:
        """Tickets reported in the range, still open, or moved in the range."""
        out = []
        for chunk in _chunks(area.grid_ids):
            for row in self.r.iter(
                "SELECT id, grid_id, category, title, urgent, status, level, reported_by,"
                " reported_at, photos FROM ticket t"
                f" WHERE grid_id IN ({_marks(chunk)}) AND ((reported_at >= ? AND reported_at < ?)"
                " OR status != 'closed' OR EXISTS (SELECT 1 FROM ticket_transition s"
                " WHERE s.ticket_id = t.id AND s.at >= ? AND s.at < ?))",
                (*chunk, start, end, start, end),
            ):
                out.append(ticket_row(row))
        return out

    def steps(self, ticket_ids: Sequence[str]) -> list[StepRow]:
        """Every transition of these tickets."""
        out = []
        for chunk in _chunks(list(ticket_ids)):
            for row in self.r.conn.execute(
                "SELECT ticket_id, action, by_user, at, photo, server_at FROM ticket_transition"
                f" WHERE ticket_id IN ({_marks(chunk)})",
                tuple(chunk),
            ):
                out.append(step_row(row))
        return out

    def hazards(self, area: Area, start: str, end: str) -> list[HazardRow]:
        """Hazards found or closed in the range, or not closed."""
        texts = item_texts(self.r.iter("SELECT code, version, items FROM checklist_template"))
        out = []
        for chunk in _chunks(area.grid_ids):
            for row in self.r.iter(
                "SELECT z.id, z.grid_id, z.item_code, z.severity, z.status, z.found_at,"
                " z.closed_at, z.deadline, i.inspector_id, i.template_code, i.template_version"
                " FROM hazard z JOIN hazard_inspection i ON i.id = z.inspection_id"
                f" WHERE z.grid_id IN ({_marks(chunk)}) AND ((z.found_at >= ? AND z.found_at < ?)"
                " OR (z.closed_at >= ? AND z.closed_at < ?) OR z.status != 'closed')",
                (*chunk, start, end, start, end),
            ):
                out.append(hazard_row(row, texts))
        return out

    def key_households(self, area: Area, since: str, end: str) -> list[KeyHouseholdRow]:
        """Key households (not vacant) with their visit days from ``since``."""
        out = []
        for chunk in _chunks(area.grid_ids):
            days: dict[str, list[date]] = {}
            for hid, at in self.r.conn.execute(
                "SELECT v.household_id, v.visited_at FROM visit v"
                " JOIN household h ON h.id = v.household_id"
                f" WHERE h.grid_id IN ({_marks(chunk)}) AND h.key_reasons != '[]'"
                " AND v.visited_at >= ? AND v.visited_at < ? AND v.revision_of IS NULL",
                (*chunk, since, end),
            ):
                days.setdefault(hid, []).append(local_day(datetime.fromisoformat(at)))
            for row in self.r.iter(
                "SELECT h.id, h.grid_id, h.address, h.key_reasons, h.phone,"
                " (SELECT name FROM resident s WHERE s.household_id = h.id AND NOT s.moved_out"
                " ORDER BY s.relation != 'head', s.birth_date LIMIT 1) AS head FROM household h"
                f" WHERE h.grid_id IN ({_marks(chunk)}) AND h.key_reasons != '[]'"
                " AND NOT h.vacant",
                tuple(chunk),
            ):
                out.append(key_household_row(row, days.get(row["id"], [])))
        return out

    def open_conflicts(self, area: Area) -> int:
        """Open conflicts of the area's grids as this terminal last pulled them."""
        found = 0
        for chunk in _chunks(area.grid_ids):
            row = self.r.one(
                "SELECT count(*) AS n FROM sync_conflict WHERE status = 'open'"
                f" AND grid_id IN ({_marks(chunk)})",
                tuple(chunk),
            )
            found += row["n"] if row else 0
        return found

    def data_as_of(self) -> datetime | None:
        """The last sync that completed on this terminal."""
        return _time(self.r.scalar("SELECT value FROM sync_state WHERE key = ?", (LAST_SYNC_AT,)))

    def settings(self, area: Area) -> OfficeSettings:
        """The settings this terminal last received (a terminal holds one street office's)."""
        return office_settings.current(self.r)


def _grids(rows: list[dict[str, Any]]) -> dict[str, str]:
    return {row["id"]: row["name"] for row in rows}
