"""``ServerSource``: the rows of a report read from the server's database (SQLAlchemy Core).

It asks the same questions as the terminal's ``gridterm.reports.local.LocalSource``, over the
server's copies of the same synced tables, and builds the rows with the same functions
(``gridterm.reports.rows``), so the figures of a day and area agree on both sides once the
terminals have synced. It imports nothing of the terminal's store (no SQLCipher here).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from gridterm.domain.office_settings import OfficeSettings, built_in
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
from sync.server.admin.office_settings import current
from sync.server.db import schema

_CHUNK = 500
g, c, s = schema.grid, schema.community, schema.street_office
u, ug, ci = schema.user, schema.user_grid, schema.check_in
v, h, r = schema.visit, schema.household, schema.resident
t, tt = schema.ticket, schema.ticket_transition
z, hi, ct = schema.hazard, schema.hazard_inspection, schema.checklist_template


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    for i in range(0, len(values), _CHUNK):
        yield list(values[i : i + _CHUNK])


class ServerSource:
    """A ``ReportSource`` (and area lookup) over one server connection."""

    def __init__(self, conn: Connection, now: datetime | None = None):
        self.conn = conn
        self.now = now or datetime.now(UTC)

    # -- territory ---------------------------------------------------------------------------

    def place(self, level: ScopeLevel, area_id: str) -> Place | None:
        """Where a grid, community or street office lies."""
        if level is ScopeLevel.GRIDS:
            grid = self.conn.execute(
                select(g.c.id, g.c.community_id, c.c.street_office_id)
                .join(c, c.c.id == g.c.community_id)
                .where(g.c.id == area_id)
            ).first()
            return Place(grid.id, grid.community_id, grid.street_office_id) if grid else None
        if level is ScopeLevel.COMMUNITY:
            community = self.conn.execute(
                select(c.c.id, c.c.street_office_id).where(c.c.id == area_id)
            ).first()
            return Place("", community.id, community.street_office_id) if community else None
        office = self.conn.execute(select(s.c.id).where(s.c.id == area_id)).first()
        return Place("", "", office.id) if office else None

    def area(self, level: ScopeLevel, area_id: str) -> Area:
        """The area with its names and grids (name order)."""
        column = {ScopeLevel.GRIDS: g.c.id, ScopeLevel.COMMUNITY: c.c.id}.get(level, s.c.id)
        rows = self.conn.execute(
            select(g.c.id, g.c.name, c.c.name.label("community"), s.c.name.label("office"))
            .join(c, c.c.id == g.c.community_id)
            .join(s, s.c.id == c.c.street_office_id)
            .where(column == area_id)
            .order_by(g.c.name)
        ).all()
        grids = {row.id: row.name for row in rows}
        if level is ScopeLevel.STREET_OFFICE:
            office = self.conn.execute(select(s.c.name).where(s.c.id == area_id)).scalar() or ""
            return Area(level, area_id, office, office, "", grids)
        if level is ScopeLevel.COMMUNITY:
            names = self.conn.execute(
                select(c.c.name, s.c.name.label("office"))
                .join(s, s.c.id == c.c.street_office_id)
                .where(c.c.id == area_id)
            ).first()
            name, office = (names.name, names.office) if names else ("", "")
            return Area(level, area_id, name, office, name, grids)
        first = rows[0] if rows else None
        return Area(
            level,
            area_id,
            first.name if first else "",
            first.office if first else "",
            first.community if first else "",
            grids,
        )

    # -- people ------------------------------------------------------------------------------

    def workers(self, area: Area) -> list[WorkerRow]:
        """Users assigned to a grid of the area, by name."""
        found: dict[str, list[Any]] = {}
        for chunk in _chunks(area.grid_ids):
            for row in self.conn.execute(
                select(u.c.id, u.c.worker_id, u.c.name, u.c.role, ug.c.grid_id)
                .join(ug, ug.c.user_id == u.c.id)
                .where(ug.c.grid_id.in_(chunk))
            ).mappings():
                found.setdefault(row["id"], [row, []])[1].append(row["grid_id"])
        return self._with_last_sync([worker_row(row, grids) for row, grids in found.values()])

    def workers_by_id(self, user_ids: Sequence[str]) -> list[WorkerRow]:
        """These users, by name."""
        out: list[WorkerRow] = []
        for chunk in _chunks(list(user_ids)):
            rows = self.conn.execute(
                select(u.c.id, u.c.worker_id, u.c.name, u.c.role).where(u.c.id.in_(chunk))
            ).mappings()
            out.extend(worker_row(row, []) for row in rows)
        return self._with_last_sync(out)

    def _with_last_sync(self, workers: list[WorkerRow]) -> list[WorkerRow]:
        """Each worker's last push the server committed (their device's last confirmed sync)."""
        from dataclasses import replace

        ops = schema.applied_op
        last: dict[str, int] = {}
        for chunk in _chunks([w.id for w in workers]):
            query = (
                select(ops.c.user_id, func.max(ops.c.at))
                .where(ops.c.user_id.in_(chunk))
                .group_by(ops.c.user_id)
            )
            last.update({row[0]: row[1] for row in self.conn.execute(query)})
        out = [
            replace(w, last_sync=datetime.fromtimestamp(last[w.id] / 1000, UTC))
            if w.id in last
            else w
            for w in workers
        ]
        return sorted(out, key=lambda w: (w.name, w.worker_id))

    def check_ins(self, user_ids: Sequence[str], start: str, end: str) -> list[CheckRow]:
        """Check-ins of these users in the range."""
        out = []
        for chunk in _chunks(list(user_ids)):
            for row in self.conn.execute(
                select(ci.c.user_id, ci.c.kind, ci.c.at, ci.c.latitude).where(
                    ci.c.user_id.in_(chunk), ci.c.at >= start, ci.c.at < end
                )
            ):
                out.append(
                    CheckRow(row[0], row[1], datetime.fromisoformat(row[2]), row[3] is not None)
                )
        return out

    # -- records -----------------------------------------------------------------------------

    def visits(self, area: Area, start: str, end: str) -> list[VisitRow]:
        """Visits to the area's households in the range."""
        out: list[VisitRow] = []
        key = (h.c.key_reasons != "[]").label("key")
        for chunk in _chunks(area.grid_ids):
            query = (
                select(
                    v.c.id, v.c.user_id, v.c.household_id, v.c.grid_id, v.c.visited_at,
                    v.c.visit_type, v.c.outcome, v.c.concerns, v.c.photos, h.c.address, key,
                    v.c.revision_of,
                )
                .join(h, h.c.id == v.c.household_id)
                .where(v.c.grid_id.in_(chunk), v.c.visited_at >= start, v.c.visited_at < end)
            )  # fmt: skip
            out.extend(visit_row(tuple(row)) for row in self.conn.execute(query))
        return out

    def concerns(self, area: Area, start: str, end: str) -> list[str]:
        """Concern categories of the area's visits in the range."""
        out: list[str] = []
        for chunk in _chunks(area.grid_ids):
            query = select(v.c.concerns).where(
                v.c.grid_id.in_(chunk),
                v.c.visited_at >= start,
                v.c.visited_at < end,
                v.c.concerns != "[]",
                v.c.revision_of.is_(None),
            )
            for (text,) in self.conn.execute(query):
                out.extend(concern_categories(text))
        return out

    def tickets(self, area: Area, start: str, end: str) -> list[TicketRow]:
        """Tickets reported in the range, still open, or moved in the range."""
        moved = select(tt.c.ticket_id).where(tt.c.at >= start, tt.c.at < end)
        out: list[TicketRow] = []
        for chunk in _chunks(area.grid_ids):
            query = select(
                t.c.id, t.c.grid_id, t.c.category, t.c.title, t.c.urgent, t.c.status,
                t.c.level, t.c.reported_by, t.c.reported_at, t.c.photos,
            ).where(
                t.c.grid_id.in_(chunk),
                or_(
                    and_(t.c.reported_at >= start, t.c.reported_at < end),
                    t.c.status != "closed",
                    t.c.id.in_(moved.where(tt.c.grid_id.in_(chunk))),
                ),
            )  # fmt: skip
            out.extend(ticket_row(row) for row in self.conn.execute(query).mappings())
        return out

    def steps(self, ticket_ids: Sequence[str]) -> list[StepRow]:
        """Every transition of these tickets."""
        out: list[StepRow] = []
        for chunk in _chunks(list(ticket_ids)):
            query = select(
                tt.c.ticket_id, tt.c.action, tt.c.by_user, tt.c.at, tt.c.photo, tt.c.server_at
            ).where(tt.c.ticket_id.in_(chunk))
            out.extend(step_row(row) for row in self.conn.execute(query))
        return out

    def hazards(self, area: Area, start: str, end: str) -> list[HazardRow]:
        """Hazards found or closed in the range, or not closed."""
        texts = item_texts(
            self.conn.execute(select(ct.c.code, ct.c.version, ct.c["items"])).mappings()
        )
        out: list[HazardRow] = []
        for chunk in _chunks(area.grid_ids):
            query = (
                select(
                    z.c.id, z.c.grid_id, z.c.item_code, z.c.severity, z.c.status, z.c.found_at,
                    z.c.closed_at, z.c.deadline, hi.c.inspector_id, hi.c.template_code,
                    hi.c.template_version,
                )
                .join(hi, hi.c.id == z.c.inspection_id)
                .where(
                    z.c.grid_id.in_(chunk),
                    or_(
                        and_(z.c.found_at >= start, z.c.found_at < end),
                        and_(z.c.closed_at >= start, z.c.closed_at < end),
                        z.c.status != "closed",
                    ),
                )
            )  # fmt: skip
            out.extend(hazard_row(row, texts) for row in self.conn.execute(query).mappings())
        return out

    def key_households(self, area: Area, since: str, end: str) -> list[KeyHouseholdRow]:
        """Key households (not vacant) with their visit days from ``since``."""
        head = (
            select(r.c.name)
            .where(r.c.household_id == h.c.id, r.c.moved_out == 0)
            .order_by(r.c.relation != "head", r.c.birth_date)
            .limit(1)
            .scalar_subquery()
            .label("head")
        )
        out: list[KeyHouseholdRow] = []
        for chunk in _chunks(area.grid_ids):
            days: dict[str, list[date]] = {}
            visits = (
                select(v.c.household_id, v.c.visited_at)
                .join(h, h.c.id == v.c.household_id)
                .where(
                    v.c.grid_id.in_(chunk),
                    h.c.key_reasons != "[]",
                    v.c.visited_at >= since,
                    v.c.visited_at < end,
                    v.c.revision_of.is_(None),
                )
            )
            for hid, at in self.conn.execute(visits):
                days.setdefault(hid, []).append(local_day(datetime.fromisoformat(at)))
            query = select(
                h.c.id, h.c.grid_id, h.c.address, h.c.key_reasons, h.c.phone, head
            ).where(h.c.grid_id.in_(chunk), h.c.key_reasons != "[]", h.c.vacant == 0)
            out.extend(
                key_household_row(row, days.get(row["id"], []))
                for row in self.conn.execute(query).mappings()
            )
        return out

    def open_conflicts(self, area: Area) -> int:
        """Open conflicts of the area's grids."""
        c = schema.conflict
        found = 0
        for chunk in _chunks(area.grid_ids):
            found += self.conn.execute(
                select(func.count())
                .select_from(c)
                .where(c.c.status == "open", c.c.grid_id.in_(chunk))
            ).scalar_one()
        return found

    def data_as_of(self) -> datetime | None:
        """The server's data is as of now: it holds whatever terminals have pushed."""
        return self.now

    def settings(self, area: Area) -> OfficeSettings:
        """The settings last published for the area's street office."""
        place = self.place(area.level, area.id)
        return current(self.conn, place.street_office_id) if place else built_in()
