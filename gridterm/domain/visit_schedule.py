"""How often key households must be visited, and who is due or overdue on a given day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from gridterm.domain.territory import KeyReason

#: Days between visits per reason (独居老人 weekly, …). The strictest reason of a household wins.
VISIT_INTERVAL_DAYS: dict[KeyReason, int] = {
    KeyReason.ELDERLY_ALONE: 7,
    KeyReason.COMMUNITY_CORRECTION: 7,
    KeyReason.EMPTY_NEST: 14,
    KeyReason.DISABLED: 14,
    KeyReason.PATIENT: 14,
    KeyReason.PREGNANT: 14,
    KeyReason.LEFT_BEHIND_MINOR: 14,
    KeyReason.LOW_INCOME: 30,
}


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


def interval_for(reasons: Iterable[KeyReason]) -> int | None:
    """The shortest interval among ``reasons``; None for a household that is not key."""
    days = [VISIT_INTERVAL_DAYS[r] for r in reasons]
    return min(days) if days else None


def visit_due(
    household_id: str, reasons: frozenset[KeyReason], last_visit: date | None, today: date
) -> VisitDue | None:
    """The due state of one household, or None when it has no visit frequency.

    A key household never visited is overdue from the start: it was due the day it became key,
    which the terminal does not know, so it comes first on the round.
    """
    interval = interval_for(reasons)
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
