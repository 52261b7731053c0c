"""What the walk of issue 12 found on a ticket's page (docs/ui.md, *The walk of
2026-12-03*): its time limit is on the page as in the list, an escalation's level reads as
Chinese, and opening a step's form moves none of the step buttons."""

from __future__ import annotations

from gridterm.domain.tickets import TicketStatus
from tests.ui.conftest import log_in, tap
from tests.ui.helpers import history_steps, report


def open_ticket(qtbot, window, ticket_id: str):
    window.shell.show_tab("tickets")
    window.shell.open_ticket(ticket_id)
    detail = window.shell.top_screen()
    qtbot.waitUntil(lambda: detail.data is not None)
    return detail


def test_the_ticket_page_shows_its_time_limit_as_the_list_does(qtbot, window) -> None:
    log_in(qtbot, window)
    ticket = report(window)
    detail = open_ticket(qtbot, window, ticket.id)
    # the list said 剩余 23 小时 59 分; the page had no time limit at all
    assert detail.values["due"].text().startswith("剩余 ")
    window.workspace.tickets.act(ticket.id, "accept")
    window.workspace.tickets.act(ticket.id, "mark_handled", note="修好了")
    qtbot.waitUntil(lambda: detail.data.ticket.status.value == "handled", timeout=5000)
    assert detail.values["due"].text() == "—"  # nobody's deadline runs while it is verified


def test_an_escalation_names_its_level_in_chinese_brackets(qtbot, window) -> None:
    log_in(qtbot, window)
    ticket = report(window)
    window.workspace.tickets.act(ticket.id, "escalate", note="物业不处理")
    detail = open_ticket(qtbot, window, ticket.id)
    qtbot.waitUntil(lambda: len(history_steps(detail)) == 2)
    # it read "上报上级 → 已上报 (社区)", an English bracket and space in the Chinese UI
    assert history_steps(detail)[-1].endswith("已上报（社区）")


def test_opening_a_step_with_a_photo_moves_no_step_button(qtbot, window) -> None:
    log_in(qtbot, window)
    window.resize(1280, 800)
    ticket = report(window)
    window.workspace.tickets.act(ticket.id, "accept")
    window.workspace.tickets.act(ticket.id, "mark_handled", note="修好了")
    detail = open_ticket(qtbot, window, ticket.id)
    qtbot.waitUntil(lambda: "verify" in detail.action_buttons())
    verify = detail.findChild(type(detail.confirm), "action_verify")
    before = verify.mapTo(window, verify.rect().topLeft())
    tap(qtbot, verify)
    qtbot.waitUntil(lambda: detail.verify_photos.isVisible())
    qtbot.wait(300)  # the layout settles as on the screen
    # the form made the page taller than the window: its scroll bar appeared and narrowed
    # the page, moving the buttons the finger was on 6 px to the left
    assert verify.mapTo(window, verify.rect().topLeft()) == before


def test_a_closed_ticket_waits_for_nobody(qtbot, demo_window) -> None:
    # the screenshots of 2026-12-06: a ticket closed in August said "Waiting 117 d" on its
    # page (the list said —)
    log_in(qtbot, demo_window, "G0001")
    closed = demo_window.workspace.tickets.in_my_area(TicketStatus.CLOSED)[0]
    detail = open_ticket(qtbot, demo_window, closed.id)
    assert detail.values["waited"].text() == "—"
