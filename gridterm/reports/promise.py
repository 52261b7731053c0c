"""The 10-minute response promise (10分钟服务承诺) and when a ticket counts as overdue.

Both are measured from a ticket's transitions, in one place each, so that a later rule (the
server's clock, deadlines per category and level) changes them here and every report follows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from gridterm.domain.tickets import URGENT_RESPONSE_MINUTES, TicketAction
from gridterm.reports.rows import StepRow, TicketRow

#: Statuses of a ticket nobody needs to act on any more.
DONE_STATUSES = frozenset({"closed"})
#: Until tickets carry deadlines of their own, an open ticket older than this is overdue.
OVERDUE_AFTER = timedelta(days=7)


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


def first_response(ticket: TicketRow, steps: Iterable[StepRow], now: datetime) -> Response:
    """The response to ``ticket``: from its report to the first acceptance at any level.

    A ticket still waiting has broken the promise once the 10 minutes are over at ``now``.
    """
    accepts = [s.at for s in steps if s.action == TicketAction.ACCEPT.value]
    limit = timedelta(minutes=URGENT_RESPONSE_MINUTES)
    if not accepts:
        kept = None if now - ticket.reported_at <= limit else False
        return Response(ticket.id, ticket.reported_at, None, None, kept)
    first = min(accepts)
    waited = max(0.0, (first - ticket.reported_at).total_seconds() / 60)
    return Response(ticket.id, ticket.reported_at, first, waited, waited <= URGENT_RESPONSE_MINUTES)


def is_overdue(ticket: TicketRow, at: datetime) -> bool:
    """An open ticket older than ``OVERDUE_AFTER`` at ``at``."""
    return ticket.status not in DONE_STATUSES and at - ticket.reported_at > OVERDUE_AFTER


def closed_at(steps: Iterable[StepRow]) -> datetime | None:
    """When the ticket was closed (销号): its last ``close`` step."""
    closes = [s.at for s in steps if s.action == TicketAction.CLOSE.value]
    return max(closes) if closes else None
