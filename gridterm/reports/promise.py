"""The 10-minute response promise (10分钟服务承诺) and when a ticket counts as overdue.

Both are measured from a ticket's transitions, in one place each, and follow the street
office's settings (``gridterm.domain.office_settings``): the promise is its urgent response
time, overdue its deadlines per category and level (``gridterm.domain.deadlines``). Times are
on the server's clock once the server has stamped a step (``gridterm.domain.server_clock``),
so a terminal with a wrong clock neither keeps nor breaks the promise by it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from gridterm.domain.deadlines import due_at
from gridterm.domain.office_settings import OfficeSettings
from gridterm.domain.server_clock import step_time
from gridterm.domain.tickets import Level, TicketAction, TicketStatus
from gridterm.reports.rows import StepRow, TicketRow

#: Statuses of a ticket nobody needs to act on any more.
DONE_STATUSES = frozenset({"closed"})


@dataclass(frozen=True, slots=True)
class Response:
    """How an urgent ticket was answered: first accepted at ``accepted_at`` (None: not yet).

    ``kept`` is True within the promise, False when broken, None while the clock still runs.
    """

    ticket_id: str
    reported_at: datetime
    accepted_at: datetime | None
    minutes: float | None
    kept: bool | None


def reported_at(ticket: TicketRow, steps: Iterable[StepRow]) -> datetime:
    """When the ticket was reported: its report step on the server's clock, else as stored."""
    first = [step_time(s.at, s.server_at) for s in steps if s.action == TicketAction.REPORT.value]
    return min(first, default=ticket.reported_at)


def first_response(
    ticket: TicketRow, steps: Iterable[StepRow], now: datetime, limit: timedelta
) -> Response:
    """The response to ``ticket``: from its report to the first acceptance at any level,
    against ``limit`` (the office's urgent response time; 10 minutes unless it set another).

    A ticket still waiting has broken the promise once ``limit`` is over at ``now``.
    """
    steps = list(steps)
    start = reported_at(ticket, steps)
    accepts = [step_time(s.at, s.server_at) for s in steps if s.action == TicketAction.ACCEPT.value]
    if not accepts:
        kept = None if now - start <= limit else False
        return Response(ticket.id, start, None, None, kept)
    first = min(accepts)
    waited = max(timedelta(), first - start)
    return Response(ticket.id, start, first, waited / timedelta(minutes=1), waited <= limit)


def is_overdue(
    ticket: TicketRow, steps: Iterable[StepRow], settings: OfficeSettings, at: datetime
) -> bool:
    """An open ticket past the deadline running for it at ``at`` (response or settle, at the
    level holding it since its last escalation)."""
    if ticket.status in DONE_STATUSES:
        return False
    steps = list(steps)
    escalations = [step_time(s.at, s.server_at) for s in steps if s.action == "escalate"]
    since = max(escalations, default=reported_at(ticket, steps))
    due = due_at(
        ticket.category,
        Level(ticket.level),
        ticket.urgent,
        TicketStatus(ticket.status),
        since,
        settings,
    )
    return due is not None and due.overdue(at)


def closed_at(steps: Iterable[StepRow]) -> datetime | None:
    """When the ticket was closed (销号): its last ``close`` step."""
    closes = [s.at for s in steps if s.action == TicketAction.CLOSE.value]
    return max(closes) if closes else None
