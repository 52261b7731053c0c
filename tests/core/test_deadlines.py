"""Deadlines with a controlled clock: a ticket's response and settle deadlines by category and
level, restarting at each escalation; a hazard's rectification day; lists by deadline."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from gridterm.domain.deadlines import DueKind, DueState, hazard_due, level_since, ticket_due
from gridterm.domain.hazards import Hazard, HazardStatus
from gridterm.domain.inspections import Severity
from gridterm.domain.office_settings import built_in
from gridterm.domain.tickets import Level, Ticket, TicketAction
from gridterm.domain.users import Role
from gridterm.reports.period import LOCAL_TZ
from gridterm.services.tickets import Tickets
from gridterm.services.today import Today
from tests.conftest import NOW


def _ticket(category: str = "环境卫生", urgent: bool = False) -> tuple[Ticket, list]:
    ticket, first = Ticket.report(
        id="t",
        transition_id="t0",
        grid_id="g1",
        category=category,
        title="楼道堆物",
        urgent=urgent,
        reported_by="u",
        at=NOW,
    )
    return ticket, [first]


def _act(ticket: Ticket, steps: list, action: TicketAction, at: datetime, **kw) -> Ticket:
    new, step = ticket.apply(
        action, transition_id=f"s{len(steps)}", by_user="u", role=kw.pop("role"), at=at, **kw
    )
    steps.append(step)
    return new


def test_a_ticket_must_be_accepted_then_settled_at_its_level() -> None:
    s = built_in()
    ticket, steps = _ticket()
    due = ticket_due(ticket, level_since(ticket, steps), s)
    assert (due.kind, due.at) == (DueKind.RESPOND, NOW + timedelta(hours=24))
    assert due.state(NOW) is DueState.SOON  # a day or less left
    assert due.state(NOW + timedelta(hours=25)) is DueState.OVERDUE
    assert due.left(NOW + timedelta(hours=25)) == -timedelta(hours=1)

    accepted = _act(
        ticket, steps, TicketAction.ACCEPT, NOW + timedelta(hours=1), role=Role.GRID_WORKER
    )
    due = ticket_due(accepted, level_since(accepted, steps), s)
    assert (due.kind, due.at) == (DueKind.SETTLE, NOW + timedelta(days=3))
    assert due.state(NOW) is DueState.RUNNING

    handled = _act(
        accepted, steps, TicketAction.MARK_HANDLED, NOW + timedelta(hours=2), role=Role.GRID_WORKER
    )
    assert ticket_due(handled, level_since(handled, steps), s) is None  # waits to be verified


def test_an_escalation_starts_the_clock_of_the_new_level() -> None:
    s = built_in()
    ticket, steps = _ticket()
    later = NOW + timedelta(days=2)
    up = _act(ticket, steps, TicketAction.ESCALATE, later, role=Role.GRID_WORKER, note="需社区协调")
    assert up.level is Level.COMMUNITY
    due = ticket_due(up, level_since(up, steps), s)
    assert due.at == later + timedelta(hours=24)
    accepted = _act(up, steps, TicketAction.ACCEPT, later, role=Role.COMMUNITY_SUPERVISOR)
    assert ticket_due(accepted, level_since(accepted, steps), s).at == later + timedelta(days=7)


def test_urgent_tickets_have_ten_minutes_and_categories_their_own() -> None:
    s = built_in()
    urgent, _ = _ticket(urgent=True)
    due = ticket_due(urgent, NOW, s)
    assert due.at == NOW + timedelta(minutes=10)
    assert not due.overdue(NOW + timedelta(minutes=10))
    assert due.overdue(NOW + timedelta(minutes=10, seconds=1))
    fire, _ = _ticket("消防安全")
    assert ticket_due(fire, NOW, s).at == NOW + timedelta(hours=4)


def test_a_hazard_is_due_to_the_end_of_its_day() -> None:
    hazard = Hazard(
        "z", "i", "p", "g1", "wiring", Severity.MAJOR, date(2026, 11, 20), "店主", "",
        HazardStatus.OPEN, NOW,
    )  # fmt: skip
    due = hazard_due(hazard, LOCAL_TZ)
    assert due.kind is DueKind.RECTIFY
    assert not due.overdue(datetime(2026, 11, 20, 23, 59, tzinfo=LOCAL_TZ))
    assert due.overdue(datetime(2026, 11, 21, 0, 0, tzinfo=LOCAL_TZ))
    assert hazard_due(replace(hazard, status=HazardStatus.CLOSED), LOCAL_TZ) is None


def test_lists_put_the_most_overdue_first_and_today_counts_them(territory) -> None:
    worker = Tickets(territory.session("w1"))
    old = worker.open(grid_id="g1", category="环境卫生", title="旧的")
    urgent = Tickets(territory.session("w1", NOW + timedelta(hours=20))).open(
        grid_id="g1", category="环境卫生", title="急的", urgent=True
    )
    handled = worker.open(grid_id="g1", category="环境卫生", title="办完的")
    worker.act(handled.id, "accept")
    worker.act(handled.id, "mark_handled")

    later = NOW + timedelta(hours=20, minutes=5)
    lines = Tickets(territory.session("w1", later)).lines()
    assert [line.ticket.id for line in lines] == [urgent.id, old.id, handled.id]
    assert [line.overdue(later) for line in lines] == [False, False, False]

    much_later = NOW + timedelta(hours=25)
    lines = Tickets(territory.session("w1", much_later)).lines()
    assert [line.overdue(much_later) for line in lines] == [True, True, False]
    start = datetime(2026, 11, 20, tzinfo=UTC)
    counts = Today(territory.session("w1", much_later)).counts(start, start + timedelta(days=2))
    assert counts.tickets_overdue == 2
    counts = Today(territory.session("w1", later)).counts(start, start + timedelta(days=2))
    assert counts.tickets_overdue == 0
