"""Overdue is red everywhere, with a controlled clock: the ticket list's deadline column and
its Overdue filter, the Today count, the hazards list's days left."""

from __future__ import annotations

from datetime import timedelta

from tests.ui.conftest import log_in, open_tab, tap
from ui.models.tickets import TicketModel


def _later(window, start, hours: float) -> None:
    window.workspace.session.clock = lambda: start + timedelta(hours=hours)


def test_overdue_tickets_are_red_and_filtered(qtbot, window) -> None:
    log_in(qtbot, window)
    tickets = window.workspace.tickets
    start = window.workspace.session.now()
    late = tickets.open(grid_id="g1", category="环境卫生", title="垃圾堆积未清运")
    _later(window, start, 20)
    tickets.open(grid_id="g1", category="环境卫生", title="绿化带杂物堆积")
    _later(window, start, 25.5)  # 25.5 h after the first report: past its 24-hour response deadline
    screen = open_tab(qtbot, window, "tickets")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    first = screen.model.row_at(0)
    assert first.ticket.id == late.id  # most overdue first
    due = screen.model.index(0, TicketModel.COL_DUE)
    assert due.data().startswith("已超时 1 小时")
    red = window.ctx.theme.color("danger")
    assert screen.model.foreground(first, TicketModel.COL_DUE) == red
    assert screen.model.foreground(first, TicketModel.COL_TITLE) == red
    second = screen.model.row_at(1)
    assert screen.model.index(1, TicketModel.COL_DUE).data().startswith("剩余")
    assert screen.model.foreground(second, TicketModel.COL_TITLE) is None

    overdue = screen.filter.buttons["overdue"]
    assert overdue.text() == "已超时 1" and overdue.property("role") == "danger"
    tap(qtbot, overdue)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert screen.model.row_at(0).ticket.id == late.id

    today = open_tab(qtbot, window, "today")
    count = today.count_labels["tickets_overdue"]
    qtbot.waitUntil(lambda: count.text() == "1")
    assert count.property("role") == "overdue"


def test_a_ticket_weeks_overdue_says_days_only(qtbot, window) -> None:
    # the portrait walk of 2026-12-06: "118 天 16 小时" and "已超时 117 天 16 小时" broke
    # "小时" over two lines in the list; past a week the hours say nothing a worker acts on
    log_in(qtbot, window)
    start = window.workspace.session.now()
    window.workspace.tickets.open(grid_id="g1", category="环境卫生", title="化粪池外溢")
    _later(window, start, 118 * 24 + 16.5)
    screen = open_tab(qtbot, window, "tickets")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert screen.model.index(0, TicketModel.COL_WAITED).data() == "118 天"
    assert screen.model.index(0, TicketModel.COL_DUE).data() == "已超时 117 天"
    _later(window, start, 6 * 24 + 5.5)
    screen.model.layoutChanged.emit()
    assert screen.model.index(0, TicketModel.COL_WAITED).data() == "6 天 5 小时"
