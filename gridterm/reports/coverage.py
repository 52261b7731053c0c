"""Coverage at a glance (不留空白、不留盲区): how long since each household was visited, and
which key households are overdue — for the building's floor-by-room view."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from gridterm.domain.office_settings import OfficeSettings
from gridterm.domain.territory import KeyReason
from gridterm.domain.visit_schedule import DueState, visit_due
from gridterm.reports.period import local_day
from gridterm.services import office_settings
from gridterm.services.session import Session
from gridterm.store.reader import Reader


class Band(StrEnum):
    """Days since the last visit, in the steps a shaded floor plan shows."""

    WEEK = "week"  # within 7 days
    MONTH = "month"  # within 30 days
    QUARTER = "quarter"  # within 90 days
    NONE = "none"  # longer, or never visited


#: The upper bound (days, inclusive) of each band but the last.
BAND_DAYS = ((7, Band.WEEK), (30, Band.MONTH), (90, Band.QUARTER))


@dataclass(frozen=True, slots=True)
class TileCoverage:
    """One household's coverage: days since its last visit (None: never), its band, and
    whether it is a key household overdue for a visit."""

    days: int | None
    band: Band
    overdue: bool


def band_of(days: int | None) -> Band:
    """The band of a household last visited ``days`` ago (None: never)."""
    if days is not None:
        for limit, band in BAND_DAYS:
            if days <= limit:
                return band
    return Band.NONE


def tile_coverage(
    key_reasons: frozenset[KeyReason],
    last: date | None,
    today: date,
    settings: OfficeSettings | None = None,
) -> TileCoverage:
    """Coverage of one household from its key reasons and the day of its last visit."""
    days = None if last is None else max(0, (today - last).days)
    due = visit_due("", key_reasons, last, today, settings)
    return TileCoverage(days, band_of(days), due is not None and due.state is DueState.OVERDUE)


def building_coverage(session: Session, building_id: str) -> dict[str, TileCoverage]:
    """household id → coverage for every household of a building in the user's area."""
    today = local_day(session.now())

    def read(r: Reader) -> dict[str, TileCoverage]:
        grid = r.scalar("SELECT grid_id FROM building WHERE id = ?", (building_id,))
        if grid is None:
            return {}
        session.require_grid(r, grid)
        settings = office_settings.current(r)
        out = {}
        for row in r.iter(
            "SELECT h.id, h.key_reasons, h.vacant, (SELECT max(visited_at) FROM visit v"
            " WHERE v.household_id = h.id) AS last FROM household h WHERE h.building_id = ?",
            (building_id,),
        ):
            last = local_day(datetime.fromisoformat(row["last"])) if row["last"] else None
            reasons = (
                frozenset()
                if row["vacant"]
                else frozenset(KeyReason(k) for k in json.loads(row["key_reasons"]))
            )
            out[row["id"]] = tile_coverage(reasons, last, today, settings)
        return out

    return session.store.read(read)
