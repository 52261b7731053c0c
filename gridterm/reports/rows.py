"""What a report is computed from: plain rows that the terminal and the server each supply.

The report rules (``daily``, ``monthly``, ``team``) read only these rows, through a
``ReportSource``. The terminal answers from its local database (``gridterm.reports.local``),
the server from its own (``sync.server.reports.rows``); both hold the same synced columns and
build the rows from them with the functions at the end of this module, so the same day and
area give the same figures on both sides.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from gridterm.domain.office_settings import OfficeSettings
from gridterm.domain.users import ScopeLevel


@dataclass(frozen=True, slots=True)
class Area:
    """The grid, community or street office a report covers, with the names its header shows.

    ``grid_names`` lists every grid of the area (id → name), in name order.
    """

    level: ScopeLevel
    id: str
    name: str
    street_office: str
    community: str
    grid_names: dict[str, str]

    @property
    def grid_ids(self) -> list[str]:
        """The grids covered."""
        return list(self.grid_names)


@dataclass(frozen=True, slots=True)
class WorkerRow:
    """A member of staff (网格员, 巡查员, 书记…) who works in the area."""

    id: str
    worker_id: str
    name: str
    role: str
    grid_ids: tuple[str, ...] = ()
    #: the last sync the server confirmed for this worker's device, where the source knows it
    last_sync: datetime | None = None


@dataclass(frozen=True, slots=True)
class CheckRow:
    """One 打卡: ``kind`` is ``in`` or ``out``; ``located`` when a position was recorded."""

    user_id: str
    kind: str
    at: datetime
    located: bool


@dataclass(frozen=True, slots=True)
class VisitRow:
    """One visit, with what the reports need of its household.

    ``concerns`` holds one category per concern raised (empty text when none was picked);
    ``revision_of`` names the visit a correction replaces (the original is not counted).
    """

    id: str
    user_id: str
    household_id: str
    grid_id: str
    visited_at: datetime
    visit_type: str
    outcome: str
    concerns: tuple[str, ...]
    photos: int
    address: str
    key: bool
    revision_of: str | None = None


@dataclass(frozen=True, slots=True)
class TicketRow:
    """A ticket as it stands now."""

    id: str
    grid_id: str
    category: str
    title: str
    urgent: bool
    status: str
    level: str
    reported_by: str
    reported_at: datetime
    photos: int = 0


@dataclass(frozen=True, slots=True)
class StepRow:
    """One ticket transition (``ticket_transition``): who did what, when."""

    ticket_id: str
    action: str
    by_user: str
    at: datetime
    photo: bool = False
    #: the step's time on the server's clock, once the server has stamped it
    server_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class HazardRow:
    """A hazard with its inspection's inspector and its market (the special grid)."""

    id: str
    grid_id: str
    item_code: str
    item_text: str
    severity: str
    status: str
    found_at: datetime
    found_by: str
    closed_at: datetime | None
    deadline: date


@dataclass(frozen=True, slots=True)
class KeyHouseholdRow:
    """A key household (重点户) of the area with its visit dates.

    ``visits`` are the local days of its visits from ``since`` on (the reports ask for enough
    history to tell its cycle); ``head`` and ``phone`` are as stored, masked by the report.
    """

    id: str
    grid_id: str
    address: str
    reasons: tuple[str, ...]
    head: str
    phone: str
    visits: tuple[date, ...]


class ReportSource(Protocol):
    """The rows of one area over a UTC range ``[start, end)`` of stored time text."""

    def workers(self, area: Area) -> list[WorkerRow]:
        """Staff assigned to the area's grids, and the area's supervisors and street staff."""

    def workers_by_id(self, user_ids: Sequence[str]) -> list[WorkerRow]:
        """These users (someone from elsewhere who acted in the area)."""

    def check_ins(self, user_ids: Sequence[str], start: str, end: str) -> list[CheckRow]:
        """Check-ins of these users in the range."""

    def visits(self, area: Area, start: str, end: str) -> list[VisitRow]:
        """Visits to the area's households in the range, revisions included."""

    def concerns(self, area: Area, start: str, end: str) -> list[str]:
        """The category of every concern raised on the area's visits in the range
        (corrections not counted again; empty text when none was picked)."""

    def tickets(self, area: Area, start: str, end: str) -> list[TicketRow]:
        """Tickets of the area reported in the range, or still open at ``end``, or moved by a
        step in the range."""

    def steps(self, ticket_ids: Sequence[str]) -> list[StepRow]:
        """Every transition of these tickets."""

    def hazards(self, area: Area, start: str, end: str) -> list[HazardRow]:
        """Hazards of the area found or closed in the range, or open at ``end``."""

    def key_households(self, area: Area, since: str, end: str) -> list[KeyHouseholdRow]:
        """The area's key households (not vacant) and their visit days from ``since``."""

    def open_conflicts(self, area: Area) -> int:
        """Conflicts of the area's grids open now (冲突待处理): refused values nobody has
        resolved yet."""

    def data_as_of(self) -> datetime | None:
        """When the data was last confirmed complete: the terminal's last confirmed sync, the
        server's clock (None when never synced)."""

    def settings(self, area: Area) -> OfficeSettings:
        """The street office's settings the area's figures follow (visit intervals,
        deadlines)."""


def concern_categories(concerns_json: str) -> tuple[str, ...]:
    """The category of each concern of a stored visit (``concerns`` JSON text)."""
    if concerns_json == "[]":
        return ()
    return tuple(str(c.get("category") or "") for c in json.loads(concerns_json))


def item_texts(templates: Iterable[Any]) -> dict[tuple[str, int, str], str]:
    """(template code, version, item code) → the item's text, from stored templates."""
    out: dict[tuple[str, int, str], str] = {}
    for t in templates:
        items = json.loads(t["items"]) if isinstance(t["items"], str) else t["items"]
        for item in items:
            out[(t["code"], int(t["version"]), item["code"])] = item["text"]
    return out


# -- rows from their stored columns, built alike by both sources ---------------------------


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def worker_row(row: Any, grid_ids: list[str]) -> WorkerRow:
    """A user row (id, worker_id, name, role) with their grids in the area."""
    return WorkerRow(row["id"], row["worker_id"], row["name"], row["role"], tuple(sorted(grid_ids)))


def visit_row(row: Sequence[Any]) -> VisitRow:
    """A visit from the columns both sources select, in their order."""
    return VisitRow(
        id=row[0],
        user_id=row[1],
        household_id=row[2],
        grid_id=row[3],
        visited_at=datetime.fromisoformat(row[4]),
        visit_type=row[5],
        outcome=row[6],
        concerns=concern_categories(row[7]),
        # a JSON list of SHA-256 digests: counting its commas is enough, and much cheaper
        photos=0 if row[8] == "[]" else row[8].count(",") + 1,
        address=row[9],
        key=bool(row[10]),
        revision_of=row[11],
    )


def step_row(row: Sequence[Any]) -> StepRow:
    """(ticket_id, action, by_user, at, photo, server_at) as a ``StepRow``."""
    server_at = datetime.fromisoformat(row[5]) if row[5] else None
    return StepRow(row[0], row[1], row[2], datetime.fromisoformat(row[3]), bool(row[4]), server_at)


def ticket_row(row: Any) -> TicketRow:
    """A ticket from its stored columns."""
    return TicketRow(
        id=row["id"],
        grid_id=row["grid_id"],
        category=row["category"],
        title=row["title"],
        urgent=bool(row["urgent"]),
        status=row["status"],
        level=row["level"],
        reported_by=row["reported_by"],
        reported_at=datetime.fromisoformat(row["reported_at"]),
        photos=len(json.loads(row["photos"] or "[]")),
    )


def hazard_row(row: Any, texts: dict[tuple[str, int, str], str]) -> HazardRow:
    """A hazard joined with its inspection (inspector, template)."""
    key = (row["template_code"], int(row["template_version"]), row["item_code"])
    return HazardRow(
        id=row["id"],
        grid_id=row["grid_id"],
        item_code=row["item_code"],
        item_text=texts.get(key, row["item_code"]),
        severity=row["severity"],
        status=row["status"],
        found_at=datetime.fromisoformat(row["found_at"]),
        found_by=row["inspector_id"],
        closed_at=_time(row["closed_at"]),
        deadline=date.fromisoformat(row["deadline"]),
    )


def key_household_row(row: Any, days: list[date]) -> KeyHouseholdRow:
    """A key household with its visit days."""
    return KeyHouseholdRow(
        id=row["id"],
        grid_id=row["grid_id"],
        address=row["address"],
        reasons=tuple(sorted(json.loads(row["key_reasons"]))),
        head=row["head"] or "",
        phone=row["phone"] or "",
        visits=tuple(sorted(days)),
    )
