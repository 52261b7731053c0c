"""How often key households must be visited, and who is due or overdue on a given day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from gridterm.domain.office_settings import OfficeSettings, built_in
from gridterm.domain.territory import KeyReason


class DueState(StrEnum):
    """Where a key household stands in its visit cycle."""

    OVERDUE = "overdue"  # 已逾期
    DUE = "due"  # 今日应访
    NOT_DUE = "not_due"


@dataclass(frozen=True, slots=True)
class VisitDue:
    """A key household's place in its cycle on ``today``."""

    household_id: str
    interval_days: int
    last_visit: date | None
    due_on: date
    state: DueState
    reasons: frozenset[KeyReason]
    days_overdue: int = 0


def interval_for(
    reasons: Iterable[KeyReason], settings: OfficeSettings | None = None
) -> int | None:
    """The shortest interval among ``reasons`` in the street office's ``settings`` (days
    between visits per reason: 独居老人 weekly, …; the built-in ones when None); None for a
    household that is not key."""
    return (settings or built_in()).interval_for(reasons)


def visit_due(
    household_id: str,
    reasons: frozenset[KeyReason],
    last_visit: date | None,
    today: date,
    settings: OfficeSettings | None = None,
) -> VisitDue | None:
    """The due state of one household, or None when it has no visit frequency.

    A key household never visited is overdue from the start: it was due the day it became key,
    which the terminal does not know, so it comes first on the round.
    """
    interval = interval_for(reasons, settings)
    if interval is None:
        return None
    if last_visit is None:
        return VisitDue(household_id, interval, None, today, DueState.OVERDUE, reasons, 0)
    due_on = last_visit + timedelta(days=interval)
    if due_on < today:
        state = DueState.OVERDUE
    elif due_on == today:
        state = DueState.DUE
    else:
        state = DueState.NOT_DUE
    return VisitDue(
        household_id, interval, last_visit, due_on, state, reasons, max(0, (today - due_on).days)
    )


def round_order(items: Iterable[VisitDue]) -> list[VisitDue]:
    """Overdue first (never visited, then longest overdue), then due today; not-due left out."""
    pending = [i for i in items if i.state is not DueState.NOT_DUE]
    return sorted(
        pending,
        key=lambda i: (
            i.state is not DueState.OVERDUE,
            i.last_visit is not None,
            -i.days_overdue,
            i.interval_days,
            i.household_id,
        ),
    )
