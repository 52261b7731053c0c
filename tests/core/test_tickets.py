"""The ticket state machine (domain) and the ticket service over the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from gridterm.domain.tickets import Level, Ticket, TicketAction, TicketStatus
from gridterm.domain.users import Role
from gridterm.errors import (
    FieldErrors,
    NotFoundError,
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridterm.services.tickets import Tickets
from tests.conftest import NOW
from tests.core.helpers import (
    A,
    new_ticket,
    step,
)


def test_full_loop_from_report_to_closed() -> None:
    t = new_ticket()
    assert (t.status, t.level) == (TicketStatus.REPORTED, Level.GRID)
    t = step(t, A.ACCEPT)
    t = step(t, A.DISPATCH, department="物业")
    assert t.department == "物业"
    t = step(t, A.MARK_HANDLED)
    t = step(t, A.VERIFY, photo="a" * 64)
    t = step(t, A.CLOSE)
    assert t.status is TicketStatus.CLOSED
    assert t.allowed_actions() == []


def test_escalation_goes_one_level_at_a_time_and_restarts_as_reported() -> None:
    t = step(new_ticket(), A.ACCEPT)
    t = step(t, A.ESCALATE, note="需要社区协调")
    assert (t.status, t.level) == (TicketStatus.REPORTED, Level.COMMUNITY)
    t = step(t, A.ESCALATE, role=Role.COMMUNITY_SUPERVISOR, note="需要街道吹哨")
    assert t.level is Level.STREET_OFFICE
    with pytest.raises(TransitionError) as err:
        step(t, A.ESCALATE, role=Role.STREET_STAFF, note="再上报")
    assert err.value.code == "ticket.already_top_level"


def test_failed_verification_reopens_and_the_loop_runs_again() -> None:
    t = step(step(step(new_ticket(), A.ACCEPT), A.MARK_HANDLED), A.REOPEN, note="现场仍有堆物")
    assert t.status is TicketStatus.ACCEPTED
    assert A.MARK_HANDLED in t.allowed_actions(Role.GRID_WORKER)


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (A.CLOSE, TicketStatus.REPORTED),
        (A.VERIFY, TicketStatus.ACCEPTED),
        (A.DISPATCH, TicketStatus.REPORTED),
        (A.ACCEPT, TicketStatus.ACCEPTED),
    ],
)
def test_transitions_outside_the_machine_are_refused(action: A, status: TicketStatus) -> None:
    t = new_ticket()
    if status is TicketStatus.ACCEPTED:
        t = step(t, A.ACCEPT)
    with pytest.raises(TransitionError) as err:
        step(t, action, department="城管")
    assert err.value.code == "ticket.transition_not_allowed"


def test_roles_act_only_at_their_level() -> None:
    t = step(new_ticket(), A.ESCALATE, note="超出网格能力")
    with pytest.raises(PermissionDeniedError):
        step(t, A.ACCEPT, role=Role.GRID_WORKER)
    assert step(t, A.ACCEPT, role=Role.COMMUNITY_SUPERVISOR).status is TicketStatus.ACCEPTED
    assert new_ticket().allowed_actions(Role.PART_TIME_WORKER) == []


def test_missing_details_are_validation_errors() -> None:
    t = step(new_ticket(), A.ACCEPT)
    with pytest.raises(ValidationError) as err:
        step(t, A.DISPATCH)
    assert err.value.field == "department"
    with pytest.raises(ValidationError):
        step(t, A.ESCALATE)
    with pytest.raises(ValidationError):
        Ticket.report(
            id="t",
            transition_id="t0",
            grid_id="g1",
            category="",
            title="x",
            reported_by="u",
            at=NOW,
        )


def test_urgent_ticket_waiting_time() -> None:
    assert new_ticket().waited_minutes(NOW + timedelta(minutes=12, seconds=30)) == 12


def test_a_closed_ticket_waits_for_nobody() -> None:
    closed = replace(new_ticket(), status=TicketStatus.CLOSED)
    assert closed.waited_minutes(NOW + timedelta(days=117)) is None


def test_service_keeps_full_history_and_outbox(territory) -> None:
    session = territory.session("w1")
    tickets = Tickets(session)
    t = tickets.open(grid_id="g1", category="市政设施", title="路灯不亮", urgent=True)
    tickets.act(t.id, "accept")
    tickets.act(t.id, "escalate", note="需要社区协调")
    history = tickets.history(t.id)
    assert [h.action for h in history] == [A.REPORT, A.ACCEPT, A.ESCALATE]
    assert history[-1].to_level is Level.COMMUNITY
    assert tickets.get(t.id).status is TicketStatus.REPORTED
    ops = territory.store.query("SELECT entity, op FROM outbox ORDER BY seq")
    # The ticket's creation, then only transitions: the server replays them.
    assert [(o["entity"], o["op"]) for o in ops] == [
        ("ticket", "create"),
        ("ticket_transition", "create"),
        ("ticket_transition", "create"),
        ("ticket_transition", "create"),
    ]


def test_refused_action_changes_nothing(territory) -> None:
    tickets = Tickets(territory.session("w1"))
    t = tickets.open(grid_id="g1", category="治安", title="可疑人员")
    before = territory.store.query("SELECT count(*) n FROM outbox")[0]["n"]
    with pytest.raises(TransitionError):
        tickets.act(t.id, "close")
    assert territory.store.query("SELECT count(*) n FROM outbox")[0]["n"] == before
    assert len(tickets.history(t.id)) == 1


def test_tickets_outside_the_area_are_invisible(territory) -> None:
    t = Tickets(territory.session("w1")).open(grid_id="g1", category="治安", title="可疑人员")
    other = Tickets(territory.session("w2"))
    with pytest.raises(PermissionDeniedError):
        other.get(t.id)
    with pytest.raises(PermissionDeniedError):
        other.open(grid_id="g1", category="治安", title="越权上报")
    with pytest.raises(NotFoundError):
        other.act("no-such-ticket", "accept")
    assert other.in_my_area() == []
    assert [x.id for x in Tickets(territory.session("s1")).in_my_area()] == [t.id]


def test_a_department_reports_in_to_a_whistle_as_a_recorded_step() -> None:
    # 吹哨 → 报到: street staff record the department's arrival on its behalf at grid level;
    # the ticket stays dispatched, the step names the department
    dispatched = step(step(new_ticket(), TicketAction.ACCEPT), TicketAction.DISPATCH,
                      department="城管")  # fmt: skip
    moved, recorded = dispatched.apply(
        TicketAction.REPORT_IN, transition_id="r", by_user="st", role=Role.STREET_STAFF, at=NOW,
        note="城管队员已到场",
    )  # fmt: skip
    assert moved.status is TicketStatus.DISPATCHED and moved.department == "城管"
    assert (recorded.action, recorded.department, recorded.by_user) == (
        TicketAction.REPORT_IN, "城管", "st",
    )  # fmt: skip
    with pytest.raises(TransitionError):
        step(new_ticket(), TicketAction.REPORT_IN)  # nothing was dispatched yet


def test_a_report_names_every_bad_field_at_once() -> None:
    with pytest.raises(FieldErrors) as err:
        Ticket.report(
            id="t",
            transition_id="tr",
            grid_id="g",
            category="",
            title=" ",
            location="x" * 201,
            reported_by="u",
            at=NOW,
        )
    assert [e.field for e in err.value.errors] == ["category", "title", "location"]


def test_a_report_without_a_category_asks_to_choose_one() -> None:
    """A category is picked from the office's list, never typed: none is a choice not made."""
    with pytest.raises(FieldErrors) as err:
        Ticket.report(
            id="t",
            transition_id="tr",
            grid_id="g",
            category=None,
            title="楼道灯坏了",
            location="x" * 201,
            reported_by="u",
            at=NOW,
        )
    assert [(e.field, e.code) for e in err.value.errors] == [
        ("category", "field.invalid_choice"),
        ("location", "field.too_long"),
    ]


def test_a_quick_report_goes_to_the_workers_first_grid_by_name_or_the_one_given(territory) -> None:
    """随手拍 names no grid: the service takes the first of the worker's grids by name."""
    territory.store.write(lambda tx: tx.execute("INSERT INTO user_grid VALUES ('user-w2', 'g3')"))
    tickets = Tickets(territory.session("w2"))
    # 第三网格 sorts before 第二网格 (三 before 二), though g2 was the worker's first grid
    assert tickets.report(category="治安", title="可疑人员").grid_id == "g3"
    assert tickets.report(category="治安", title="可疑人员", grid_id="g2").grid_id == "g2"
    with pytest.raises(PermissionDeniedError):
        tickets.report(category="治安", title="越权上报", grid_id="g1")


def test_a_quick_report_without_a_grid_says_so_with_its_other_errors(territory) -> None:
    territory.store.write(lambda tx: tx.execute("DELETE FROM user_grid WHERE user_id = 'user-p1'"))
    tickets = Tickets(territory.session("p1"))
    with pytest.raises(FieldErrors) as err:
        tickets.report(category="", title="楼道灯坏了", location="x" * 201)
    assert [(e.field, e.code) for e in err.value.errors] == [
        ("grid_id", "grid.out_of_scope"),
        ("category", "field.invalid_choice"),
        ("location", "field.too_long"),
    ]
    with pytest.raises(ValidationError) as one:
        tickets.report(category="治安", title="可疑人员")
    assert (one.value.field, one.value.code) == ("grid_id", "grid.out_of_scope")
    assert territory.store.query("SELECT count(*) AS n FROM ticket")[0]["n"] == 0
    assert territory.store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == 0
