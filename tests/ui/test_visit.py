"""The visit form: coded validation, a ticket from a visit, photos, crash-proof drafts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from tests.ui.conftest import log_in, tap, type_text, wait_idle
from tests.ui.helpers import (
    HOME,
    crash_and_restart,
    open_household,
    open_visit,
    pick_photo,
    picture,
)

LEFT = Qt.MouseButton.LeftButton


def test_saving_without_what_was_raised_explains_the_rule(qtbot, window) -> None:
    log_in(qtbot, window)
    visit = open_visit(qtbot, window)
    assert window.shell.top.title.text() == "走访 3-2-501"
    qtbot.mouseClick(visit.save, LEFT)
    errors = visit.form.field_errors
    qtbot.waitUntil(lambda: errors["outcome"].text() != "")
    assert errors["outcome"].text() == "请选择处理结果。"
    tap(qtbot, visit.visit_type.buttons["routine"])
    tap(qtbot, visit.outcome.buttons["settled"])
    qtbot.mouseClick(visit.save, LEFT)
    qtbot.waitUntil(lambda: "居民反映" in errors["concerns"].text())
    assert errors["concerns"].text() == "请记录居民反映的问题，或选择“无诉求”。"
    assert errors["outcome"].text() == ""


def test_a_visit_with_outcome_ticket_opens_a_prefilled_ticket(qtbot, window) -> None:
    log_in(qtbot, window)
    household = open_household(qtbot, window, HOME)
    qtbot.mouseClick(household.visit_button, LEFT)
    visit = window.shell.top_screen()
    qtbot.waitUntil(lambda: visit.start is not None)
    tap(qtbot, visit.visit_type.buttons["key_group_care"])
    tap(qtbot, visit.met_buttons["王秀英"])
    tap(qtbot, visit.findChild(type(visit.save), "addConcern"))
    concern = visit.concerns[0]
    tap(qtbot, concern.kind.buttons["complaint"])
    type_text(qtbot, concern.text, "楼道灯坏了三天")
    tap(qtbot, visit.outcome.buttons["ticket"])
    assert visit.ticket_box.isVisible()
    assert visit.ticket_title.text() == "楼道灯坏了三天"
    tap(qtbot, visit.urgent)
    qtbot.mouseClick(visit.save, LEFT)
    qtbot.waitUntil(lambda: window.shell.top_screen() is household)
    qtbot.waitUntil(lambda: household.ticket_model.rowCount() == 1)
    qtbot.waitUntil(lambda: household.visit_model.rowCount() == 1)
    ticket = household.ticket_model.row_at(0).ticket
    assert (ticket.title, ticket.urgent, ticket.household_id) == ("楼道灯坏了三天", True, HOME)
    assert household.visit_model.index(0, 4).data() == "转为工单"
    assert window.workspace.drafts.load("visit") == []


def test_a_photo_from_the_file_picker_is_scaled_and_stored(qtbot, window, tmp_path) -> None:
    door = picture(tmp_path, "door", "#336699", (3000, 2000))
    log_in(qtbot, window)
    visit = open_visit(qtbot, window)
    pick_photo(qtbot, visit.photos, door)
    stored = QImage.fromData(window.workspace.store.blobs.get(visit.photos.digests[0]))
    assert max(stored.width(), stored.height()) == 1600  # the default photo size


def test_a_draft_survives_a_crash_and_is_offered_on_today(qtbot, ctx, window) -> None:
    log_in(qtbot, window)
    visit = open_visit(qtbot, window)
    tap(qtbot, visit.visit_type.buttons["safety_check"])
    type_text(qtbot, visit.notes, "燃气灶具老化")
    with qtbot.waitSignal(visit.draft_saved, timeout=3000):
        pass
    wait_idle(qtbot, window)
    again = crash_and_restart(qtbot, ctx, window)
    today = again.shell.top_screen()
    qtbot.waitUntil(lambda: today.drafts_card.isVisible())
    draft_button = today.findChild(type(visit.save), "draftButton")
    assert draft_button.text() == "继续走访 3-2-501"
    qtbot.mouseClick(draft_button, LEFT)
    restored = again.shell.top_screen()
    qtbot.waitUntil(lambda: restored.start is not None)
    assert restored.visit_type.value() == "safety_check"
    assert restored.notes.toPlainText() == "燃气灶具老化"
    assert restored.restored.isVisible()
    again.workspace.close()
    again.workspace = None


def test_going_back_keeps_the_draft(qtbot, window) -> None:
    log_in(qtbot, window)
    visit = open_visit(qtbot, window)
    tap(qtbot, visit.visit_type.buttons["routine"])
    qtbot.mouseClick(window.shell.top.back, LEFT)
    wait_idle(qtbot, window)
    drafts = window.workspace.drafts.load("visit")
    assert [d["payload"]["visit_type"] for d in drafts] == ["routine"]
