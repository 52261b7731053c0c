"""The worker's day at a glance (今日): who is due for a visit, with addresses, and the counts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from gridterm.domain.territory import KeyReason
from gridterm.domain.tickets import Ticket
from gridterm.domain.visit_schedule import DueState
from gridterm.reports.period import stored
from gridterm.services.deadlines import ticket_lines
from gridterm.services.schedule import due_visits
from gridterm.services.session import Session
from gridterm.store.entities import codec
from gridterm.store.reader import Reader

#: Ticket statuses that still need someone to act.
OPEN_STATUSES = ("reported", "accepted", "dispatched", "handled", "verified")


@dataclass(frozen=True, slots=True)
class DueHousehold:
    """A key household due or overdue for a visit, with what the round list shows."""

    household_id: str
    address: str
    head_name: str
    reasons: tuple[KeyReason, ...]
    state: DueState
    days_overdue: int
    last_visit: date | None
    interval_days: int


@dataclass(frozen=True, slots=True)
class DayCounts:
    """Today's numbers for the logged-in worker."""

    visits: int
    key_visits: int
    tickets_reported: int
    tickets_open: int
    urgent_open: int
    #: open tickets of the area past their deadline (办理时限) now
    tickets_overdue: int = 0


def due_households(session: Session, today: date, limit: int = 500) -> list[DueHousehold]:
    """``due_visits`` in round order with each household's address and head of household."""
    due = due_visits(session, today)[:limit]
    if not due:
        return []

    def read(r: Reader) -> dict[str, dict[str, object]]:
        found: dict[str, dict[str, object]] = {}
        ids = [d.household_id for d in due]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in r.iter(
                f"SELECT h.id, h.address, (SELECT name FROM resident s WHERE s.household_id = h.id"
                f" AND NOT s.moved_out ORDER BY s.relation != 'head', s.birth_date LIMIT 1)"
                f" AS head FROM household h WHERE h.id IN ({marks})",
                tuple(chunk),
            ):
                found[row["id"]] = row
        return found

    rows = session.store.read(read)
    return [
        DueHousehold(
            household_id=d.household_id,
            address=str(rows[d.household_id]["address"]),
            head_name=str(rows[d.household_id]["head"] or ""),
            reasons=tuple(sorted(d.reasons)),
            state=d.state,
            days_overdue=d.days_overdue,
            last_visit=d.last_visit,
            interval_days=d.interval_days,
        )
        for d in due
        if d.household_id in rows
    ]


class Today:
    """The worker's day at a glance (今日) for the Today screen."""

    def __init__(self, session: Session):
        self.session = session

    def due(self, today: date, limit: int = 500) -> list[DueHousehold]:
        """The key households due or overdue on ``today``, in round order (``due_households``,
        which the alerts count too)."""
        return due_households(self.session, today, limit)

    def counts(self, day_start: datetime, day_end: datetime) -> DayCounts:
        """Visits the worker recorded between two instants, and the tickets of their area."""
        session = self.session
        user_id = session.user.id
        # as stored (UTC text): the office's midnight (+08:00) would not compare as text
        start, end = stored(day_start), stored(day_end)

        def read(r: Reader) -> DayCounts:
            visits = r.one(
                "SELECT count(*) AS n, coalesce(sum(h.key_reasons != '[]'), 0) AS k FROM visit v"
                " JOIN household h ON h.id = v.household_id WHERE v.user_id = ?"
                " AND v.visited_at >= ? AND v.visited_at < ? AND v.revision_of IS NULL",
                (user_id, start, end),
            ) or {"n": 0, "k": 0}
            reported = r.scalar(
                "SELECT count(*) FROM ticket WHERE reported_by = ? AND reported_at >= ?"
                " AND reported_at < ?",
                (user_id, start, end),
            )
            open_n, urgent, overdue = _open_tickets(session, r)
            return DayCounts(
                int(visits["n"]), int(visits["k"]), int(reported or 0), open_n, urgent, overdue
            )

        return session.store.read(read)


def _open_tickets(session: Session, r: Reader) -> tuple[int, int, int]:
    """Open, urgent open and overdue tickets of the user's area."""
    grids = session.visible_grid_ids(r)
    if not grids:
        return 0, 0, 0
    marks = ",".join("?" * len(grids))
    states = ",".join("?" * len(OPEN_STATUSES))
    row = r.one(
        f"SELECT count(*) AS n, coalesce(sum(urgent), 0) AS u FROM ticket"
        f" WHERE grid_id IN ({marks}) AND status IN ({states})",
        (*grids, *OPEN_STATUSES),
    )
    open_n, urgent = (row["n"], row["u"]) if row else (0, 0)
    running = [
        codec(Ticket).read(t)
        for t in r.iter(
            f"SELECT * FROM ticket WHERE grid_id IN ({marks})"
            " AND status IN ('reported', 'accepted', 'dispatched')",
            tuple(grids),
        )
    ]
    now = session.now()
    return open_n, urgent, sum(line.overdue(now) for line in ticket_lines(r, running))


def reasons_of(key_reasons_json: str) -> tuple[KeyReason, ...]:
    """Decode a household's stored key reasons."""
    return tuple(sorted(KeyReason(k) for k in json.loads(key_reasons_json)))
