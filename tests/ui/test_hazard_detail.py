"""A hazard's closed loop on its detail screen (real widgets): each step offered only when
the loop allows it, refused without its evidence, escalated to a department's ticket,
closed with before and after photos side by side; an overdue hazard flagged."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from gridterm.domain.hazards import HazardStatus
from gridterm.services.tickets import Tickets
from tests.ui.conftest import log_in, tap, type_text, wait_idle
from tests.ui.helpers import history_steps, pick_photo, picture
from tests.ui.inspections import hazard_on, open_hazard, with_stalls
from ui.models.hazard_history import HazardStepModel


@pytest.fixture
def db_path(db_path: Path) -> Path:
    """The UI test database with the market inspector i1, a checklist and two stalls."""
    return with_stalls(db_path)


def act(qtbot, detail, action: str) -> None:
    tap(qtbot, detail.findChild(type(detail.confirm), f"action_{action}"))


def assert_the_whole_loop_in_the_history(detail) -> None:
    """Every step of the loop in the history, in order; the rectification recorded on the
    operator's behalf with its photo shown in its row."""
    steps = history_steps(detail)
    assert steps == [
        "巡查发现 → 已上报",
        "开始整改 → 整改中",
        "复查不合格 → 整改中",
        "吹哨：派给职能部门",
        "整改完成 → 已整改待复查",
        "复查合格 → 已复查",
        "核查销号 → 已销号",
    ]
    who = detail.history_model.index(4, HazardStepModel.COL_BY).data()
    assert who.endswith(f"（{detail.data.hazard.responsible}）")  # recorded on its behalf
    assert detail.history_model.index(4, HazardStepModel.COL_PHOTOS).data() == "1 张照片"
    cell = detail.history_model.index(4, HazardStepModel.COL_PHOTOS)
    assert len(detail.history_photos.delegate.digests(cell)) == 1  # shown in its row


def test_the_hazard_loop_on_its_detail_screen(qtbot, window, tmp_path) -> None:
    log_in(qtbot, window, "i1")
    hazard_id = hazard_on(window)
    detail = open_hazard(qtbot, window, hazard_id)
    assert detail.values["item"].text() == "私拉乱接电线"
    assert detail.values["premises"].text().startswith("鑫源五金")
    assert detail.values["status"].text() == "已上报"
    assert detail.action_buttons() == ["start_rectification", "rectify", "reinspect_fail"]
    assert len(detail.before.digests) == 1 and detail.after.digests == []

    act(qtbot, detail, "start_rectification")
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.data.hazard.status is HazardStatus.RECTIFYING)
    assert detail.action_buttons() == ["rectify", "reinspect_fail", "escalate"]

    # A failed re-inspection needs evidence, then goes back to rectifying.
    act(qtbot, detail, "reinspect_fail")
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.panel_form.error.isVisible())
    assert detail.panel_form.error.text() == "复查不合格需要照片或说明。"
    type_text(qtbot, detail.note, "仍在串接")
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.history_model.rowCount() == 3)
    assert detail.data.hazard.status is HazardStatus.RECTIFYING

    # 吹哨: a ticket dispatched to a department.
    act(qtbot, detail, "escalate")
    tap(qtbot, detail.department.choice.buttons["市场监管"])
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.data.hazard.ticket_id is not None)
    ticket = Tickets(window.workspace.session).get(detail.data.hazard.ticket_id)
    assert (ticket.status.value, ticket.department) == ("dispatched", "市场监管")
    assert "escalate" not in detail.action_buttons()
    assert detail.ticket_button.isVisible()

    # The rectification is recorded for the operator, refused without its photo.
    act(qtbot, detail, "rectify")
    assert detail.party.isVisible() and detail.action_photos.isVisible()
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.panel_form.field_errors["photos"].text() != "")
    assert detail.panel_form.field_errors["photos"].text() == "请拍摄整改后的照片。"
    pick_photo(qtbot, detail.action_photos, picture(tmp_path, "rectified", "#3366aa"))
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.data.hazard.status is HazardStatus.RECTIFIED)
    assert detail.action_buttons() == ["reinspect_pass", "reinspect_fail"]

    # Passed with an after photo, then verified closed with one; before and after side by side.
    act(qtbot, detail, "reinspect_pass")
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.panel_form.field_errors["photos"].text() != "")
    assert detail.panel_form.field_errors["photos"].text() == "复查合格须现场拍摄整改后照片。"
    pick_photo(qtbot, detail.action_photos, picture(tmp_path, "fixed", "#33aa33"))
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.data.hazard.status is HazardStatus.REINSPECTED)
    assert detail.action_buttons() == ["verify_close"]
    assert len(detail.before.digests) == 1 and len(detail.after.digests) == 2
    assert detail.before.y() == detail.after.y() and detail.before.x() < detail.after.x()
    act(qtbot, detail, "verify_close")
    pick_photo(qtbot, detail.action_photos, picture(tmp_path, "closing", "#aa3333"))
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: detail.data.hazard.status is HazardStatus.CLOSED)
    assert detail.action_buttons() == []
    assert detail.no_actions.isVisible()
    # closing the hazard settled its ticket
    assert Tickets(window.workspace.session).get(ticket.id).status.value == "closed"
    assert_the_whole_loop_in_the_history(detail)


def place(widget) -> QRect:
    """Where ``widget`` is in its window, after pending layout work."""
    QApplication.processEvents()
    return QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize(
    ("size", "locale", "text"),
    [((1280, 800), "zh_CN", "normal"), ((800, 1280), "en", "large")],
    ids=["landscape", "portrait-en-large"],
)
@pytest.mark.parametrize("action", ["rectify", "reinspect_pass"])
def test_a_missing_photo_is_said_beside_the_photo_and_moves_no_button(
    qtbot, window, tmp_path, size, locale, text, action
) -> None:
    """The walk: 请拍摄整改后的照片 showed under Cancel and Confirm, far from the photo."""
    window.ctx.i18n.switch(locale)
    window.ctx.theme.apply("normal", text)
    window.resize(*size)
    log_in(qtbot, window, "i1")
    detail = open_hazard(qtbot, window, hazard_on(window))
    if action == "reinspect_pass":
        act(qtbot, detail, "rectify")
        pick_photo(qtbot, detail.action_photos, picture(tmp_path, "done", "#3366aa"))
        tap(qtbot, detail.confirm)
        qtbot.waitUntil(lambda: detail.data.hazard.status is HazardStatus.RECTIFIED)
    act(qtbot, detail, action)
    wait_idle(qtbot, window)
    place(detail.confirm)  # the panel laid out
    detail.detail_scroll.ensureWidgetVisible(detail.confirm)  # where the finger can reach it
    buttons = [detail.confirm, detail.action_panel.cancel]
    before = [place(b) for b in buttons]
    tap(qtbot, detail.confirm)
    line = detail.panel_form.field_errors["photos"]
    qtbot.waitUntil(lambda: line.text() != "")
    assert not detail.panel_form.error.isVisible()  # not under the buttons
    assert [place(b) for b in buttons] == before
    strip, shown = place(detail.action_photos), place(line)
    assert shown.left() == strip.left() and 0 <= shown.top() - strip.bottom() <= 12
    assert shown.bottom() < before[0].top()  # above the buttons, beside its field
    pick_photo(qtbot, detail.action_photos, picture(tmp_path, "fixed", "#33aa33"))
    assert line.text() == ""
    assert [place(b) for b in buttons] == before
    window.ctx.theme.apply("normal", "normal")
    window.ctx.i18n.switch("zh_CN")


def test_an_overdue_hazard_is_flagged(qtbot, window) -> None:
    log_in(qtbot, window, "i1")
    hazard_id = hazard_on(window)
    window.workspace.store.write(
        lambda tx: tx.update("hazard", hazard_id, {"deadline": "2026-11-01"}, outbox=False)
    )
    detail = open_hazard(qtbot, window, hazard_id)
    assert detail.overdue.isVisible()
    assert "已逾期" in detail.overdue.text()


def test_the_hazard_names_its_stall_as_the_stall_page_does(qtbot, window) -> None:
    # It read "永盛阀门商行 · A 1 A1-01-02"; the stall's page and the inspection say
    # "A栋 1层 1排 · 摊位 A1-01-02".
    from ui.models.premises import place_text

    log_in(qtbot, window, "i1")
    hazard_id = hazard_on(window)
    detail = open_hazard(qtbot, window, hazard_id)
    qtbot.waitUntil(lambda: detail.data is not None)
    shown = detail.values["premises"].text()
    premises = detail.data.premises
    assert shown == f"{premises.name} · {place_text(premises)}"
    assert "层" in shown and "摊位" in shown
    assert "层层" not in shown and "区栋" not in shown  # a unit the register wrote, once
