"""The 10-minute promise and overdue in the reports, with a controlled clock: measured on the
server's clock when a terminal's was wrong, and by the office's deadlines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gridterm.domain import server_clock
from gridterm.domain.office_settings import built_in, parse
from gridterm.reports.promise import first_response, is_overdue
from gridterm.reports.rows import StepRow, TicketRow

AT = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
TEN = timedelta(minutes=10)


def _ticket(urgent: bool = True, status: str = "reported", level: str = "grid") -> TicketRow:
    return TicketRow("t", "g1", "环境卫生", "井盖破损", urgent, status, level, "u", AT)


def test_a_reliable_clock_is_trusted_and_a_wrong_one_moved_by_its_skew() -> None:
    received = AT + timedelta(hours=3)
    # recorded offline three hours ago by a right clock: kept as recorded
    small = server_clock.skew(received - timedelta(seconds=20), received)
    assert server_clock.reliable(small)
    assert server_clock.on_server_clock(AT, small, received) == AT
    # a clock an hour behind: the step happened an hour later than it says
    behind = server_clock.skew(received - timedelta(hours=1), received)
    assert not server_clock.reliable(behind)
    moved = server_clock.on_server_clock(AT, behind, received)
    assert moved == AT + timedelta(hours=1)
    # nothing happens after its receipt, whatever the clock says
    assert server_clock.on_server_clock(received + timedelta(days=1), None, received) == received


def test_the_promise_is_measured_on_the_servers_clock() -> None:
    ticket = _ticket()
    # the reporter's clock was 3 hours behind: by the terminals' clocks 3 h passed
    report = StepRow("t", "report", "u", AT, server_at=AT + timedelta(hours=3))
    accept = StepRow("t", "accept", "v", AT + timedelta(hours=3, minutes=4))
    assert first_response(ticket, [accept], AT + timedelta(days=1), TEN).kept is False
    on_server = first_response(ticket, [report, accept], AT + timedelta(days=1), TEN)
    assert on_server.kept is True and round(on_server.minutes) == 4
    # an acceptance stamped later than it says (its clock ahead) breaks it
    stamped = StepRow("t", "accept", "v", accept.at, server_at=AT + timedelta(hours=3, minutes=15))
    assert first_response(ticket, [report, stamped], AT + timedelta(days=1), TEN).kept is False


def test_overdue_follows_the_offices_deadlines() -> None:
    s = built_in()
    ticket = _ticket(urgent=False)
    assert not is_overdue(ticket, [], s, AT + timedelta(hours=23))
    assert is_overdue(ticket, [], s, AT + timedelta(hours=25))
    accepted = _ticket(urgent=False, status="accepted")
    assert not is_overdue(accepted, [], s, AT + timedelta(days=2))
    assert is_overdue(accepted, [], s, AT + timedelta(days=3, minutes=1))
    # escalated a day later: the community's week starts then
    up = _ticket(urgent=False, status="accepted", level="community")
    escalated = [StepRow("t", "escalate", "u", AT + timedelta(days=1))]
    assert not is_overdue(up, escalated, s, AT + timedelta(days=7, hours=23))
    assert is_overdue(up, escalated, s, AT + timedelta(days=8, minutes=1))
    # an office that gives its grids a week
    relaxed = parse({"deadlines": {"grid": {"settle_days": 7}}})
    assert not is_overdue(accepted, [], relaxed, AT + timedelta(days=5))
    assert not is_overdue(_ticket(status="closed"), [], s, AT + timedelta(days=90))
