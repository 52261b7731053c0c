"""Tickets: by state, urgent timers, only the allowed transitions as buttons, the history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from tests.ui.conftest import log_in, open_tab, tap
from tests.ui.helpers import history_steps, report
from ui.models.tickets import TicketModel

LEFT = Qt.MouseButton.LeftButton


def test_the_list_filters_by_state_and_times_urgent_tickets(qtbot, window) -> None:
    log_in(qtbot, window)
    report(window, "井盖破损", urgent=True)
    report(window, "路灯不亮")
    screen = open_tab(qtbot, window, "tickets")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    assert screen.urgent_banner.isVisible()
    assert screen.urgent_banner.text().startswith("1 张紧急工单等待响应")
    first = next(line for line in screen.model.rows() if line.ticket.urgent)
    row = screen.model.rows().index(first)
    waited = screen.model.index(row, TicketModel.COL_WAITED).data()
    assert waited.startswith("00:0")  # a mm:ss timer, not minutes
    assert screen.filter.buttons["open"].text() == "未办结 2"
    tap(qtbot, screen.filter.buttons["closed"])
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0)
    assert screen.empty.isVisible()


def test_only_allowed_steps_are_offered_and_kept_in_the_history(qtbot, window, tmp_path) -> None:
    log_in(qtbot, window)
    ticket = report(window, household="h-g1-501")
    window.shell.show_tab("tickets")
    window.shell.open_ticket(ticket.id)
    detail = window.shell.top_screen()
    qtbot.waitUntil(lambda: detail.data is not None)
    assert detail.action_buttons() == ["accept", "escalate"]
    assert detail.household_button.text() == "打开住户 3-2-501"

    tap(qtbot, detail.findChild(type(detail.confirm), "action_escalate"))
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.panel_form.error.isVisible())
    assert detail.panel_form.error.text() == "请说明上报上级的原因。"

    tap(qtbot, detail.findChild(type(detail.confirm), "action_accept"))
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.data.ticket.status.value == "accepted")
    assert detail.action_buttons() == ["escalate", "dispatch", "mark_handled"]

    tap(qtbot, detail.findChild(type(detail.confirm), "action_dispatch"))
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.panel_form.error.text() == "请填写处置部门。")
    tap(qtbot, detail.department.choice.buttons["物业"])
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.data.ticket.status.value == "dispatched")
    assert detail.action_buttons() == ["report_in", "mark_handled"]

    # 报到: the department acknowledges, recorded on its behalf; the status stays
    tap(qtbot, detail.findChild(type(detail.confirm), "action_report_in"))
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.history_model.rowCount() == 4)
    assert detail.data.ticket.status.value == "dispatched"

    tap(qtbot, detail.findChild(type(detail.confirm), "action_mark_handled"))
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.data.ticket.status.value == "handled")

    tap(qtbot, detail.findChild(type(detail.confirm), "action_verify"))
    tap(qtbot, detail.confirm)
    # said beside the photo it asks for, not under the buttons
    photo_error = detail.panel_form.field_errors["photo"]
    qtbot.waitUntil(lambda: photo_error.text() == "请在现场拍照后再核查。")
    assert not detail.panel_form.error.isVisible()
    picture = tmp_path / "fixed.png"
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#55aa55"))
    image.save(str(picture))
    detail.verify_photos.add_file(picture)
    qtbot.waitUntil(lambda: len(detail.verify_photos.digests) == 1)
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.data.ticket.status.value == "verified")
    tap(qtbot, detail.findChild(type(detail.confirm), "action_close"))
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.data.ticket.status.value == "closed")
    assert detail.action_buttons() == []
    steps = history_steps(detail)
    assert steps == [
        "上报 → 已上报",
        "受理 → 已受理",
        "吹哨：派给职能部门 → 已吹哨",
        "部门报到 → 已吹哨",
        "标记已处置 → 已处置",
        "现场核查 → 已核查",
        "销号 → 已销号",
    ]
    assert detail.history_model.rows()[2].department == "物业"
    assert detail.history_model.rows()[3].department == "物业"  # who reported in
    assert detail.history_model.rows()[5].photo is not None


def test_a_supervisor_sees_their_community_tickets(qtbot, window) -> None:
    log_in(qtbot, window)
    report(window, "占道经营")
    window.log_out()
    log_in(qtbot, window, "s1")
    screen = open_tab(qtbot, window, "tickets")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
