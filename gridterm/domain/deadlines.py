"""Deadlines (办理时限): when a ticket must be accepted or settled, when a hazard rectified.

A ticket's clock starts when it reaches the level that holds it (its report, or the last
escalation: the new level starts again, as the ticket does). While nobody has accepted it the
response deadline runs (urgent: the 10-minute promise); once accepted or dispatched, the settle
deadline; once handled, nothing: it waits for verification. A hazard's deadline is the day its
rectification is due, to the end of that day. Each deadline comes from the street office's
settings (``gridterm.domain.office_settings``). Pure: no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from gridterm.domain.hazards import RECTIFICATION_PENDING, Hazard
from gridterm.domain.office_settings import OfficeSettings
from gridterm.domain.tickets import Level, Ticket, TicketAction, TicketStatus, Transition

#: How soon a deadline counts as near (alerts, the amber colour): within a day.
SOON = timedelta(days=1)


class DueKind(StrEnum):
    """What the deadline is for."""

    RESPOND = "respond"  # 响应: accept the ticket
    SETTLE = "settle"  # 办结: have it handled
    RECTIFY = "rectify"  # 整改: the hazard put right


class DueState(StrEnum):
    """Where a record stands against its deadline at a moment."""

    OVERDUE = "overdue"  # 已超时
    SOON = "soon"  # 即将到期 (within a day)
    RUNNING = "running"


@dataclass(frozen=True, slots=True)
class Due:
    """A deadline: what must happen by ``at``."""

    kind: DueKind
    at: datetime

    def left(self, now: datetime) -> timedelta:
        """Time left at ``now``; negative once overdue."""
        return self.at - now

    def state(self, now: datetime) -> DueState:
        """Overdue, due within a day, or running."""
        left = self.left(now)
        if left < timedelta():
            return DueState.OVERDUE
        return DueState.SOON if left <= SOON else DueState.RUNNING

    def overdue(self, now: datetime) -> bool:
        """Past the deadline at ``now``."""
        return self.left(now) < timedelta()


def level_since(ticket: Ticket, steps: Iterable[Transition]) -> datetime:
    """When the ticket reached the level holding it: its last escalation, else its report."""
    escalations = [s.at for s in steps if s.action is TicketAction.ESCALATE]
    return max(escalations, default=ticket.reported_at)


def ticket_due(ticket: Ticket, since: datetime, settings: OfficeSettings) -> Due | None:
    """The deadline running for ``ticket`` (held at its level since ``since``), or None when
    it waits for nobody's deadline (handled, verified, closed)."""
    return due_at(ticket.category, ticket.level, ticket.urgent, ticket.status, since, settings)


def due_at(
    category: str,
    level: Level,
    urgent: bool,
    status: TicketStatus,
    since: datetime,
    settings: OfficeSettings,
) -> Due | None:
    """``ticket_due`` from a ticket's parts (reports hold rows, not tickets)."""
    deadline = settings.deadline(category, level, urgent)
    if status is TicketStatus.REPORTED:
        return Due(DueKind.RESPOND, since + deadline.respond)
    if status in (TicketStatus.ACCEPTED, TicketStatus.DISPATCHED):
        return Due(DueKind.SETTLE, since + deadline.settle)
    return None


def day_end(day: date, tz: tzinfo) -> datetime:
    """The last moment of ``day`` in the time zone ``tz`` (a deadline day is due all day)."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=tz) - timedelta(microseconds=1)


def hazard_due(hazard: Hazard, tz: tzinfo) -> Due | None:
    """A hazard's rectification deadline until it is rectified (None after: it waits for
    the re-inspection, which has no deadline of its own)."""
    if hazard.status not in RECTIFICATION_PENDING:
        return None
    return Due(DueKind.RECTIFY, day_end(hazard.deadline, tz))
