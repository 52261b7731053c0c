"""Tickets with their running deadline (办理时限), for lists that show, sort and filter by it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from gridterm.domain.deadlines import Due, ticket_due
from gridterm.domain.tickets import Ticket
from gridterm.services import office_settings
from gridterm.store.reader import Reader


@dataclass(frozen=True, slots=True)
class TicketLine:
    """A ticket and the deadline running for it (None: it waits for no deadline)."""

    ticket: Ticket
    due: Due | None

    def overdue(self, now: datetime) -> bool:
        """Past its deadline at ``now``."""
        return self.due is not None and self.due.overdue(now)


def escalated_at(r: Reader, ticket_ids: Sequence[str]) -> dict[str, datetime]:
    """ticket id → its last escalation, for those escalated (the level's clock starts there)."""
    rows = r.iter_in(
        "SELECT ticket_id, max(at) AS at FROM ticket_transition WHERE action = 'escalate'"
        " AND ticket_id IN ({in}) GROUP BY ticket_id",
        ticket_ids,
    )
    return {row["ticket_id"]: datetime.fromisoformat(row["at"]) for row in rows}


def ticket_lines(r: Reader, tickets: Iterable[Ticket]) -> list[TicketLine]:
    """Each ticket with its deadline by the street office's settings, in the given order."""
    tickets = list(tickets)
    settings = office_settings.current(r)
    since = escalated_at(r, [t.id for t in tickets])
    return [TicketLine(t, ticket_due(t, since.get(t.id, t.reported_at), settings)) for t in tickets]


def by_deadline(lines: Iterable[TicketLine]) -> list[TicketLine]:
    """Soonest deadline first (the most overdue at the top); those without one last, oldest
    first."""
    return sorted(
        lines,
        key=lambda line: (
            line.due is None,
            line.due.at if line.due else line.ticket.reported_at,
            line.ticket.id,
        ),
    )
