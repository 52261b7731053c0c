"""Household, resident and premises edits keep a draft as the visit form does: a crash loses
nothing, reopening the form brings the values back, saving discards the draft."""

from __future__ import annotations

from tests.ui.conftest import log_in, tap, type_text
from tests.ui.helpers import open_household, open_market
from ui.main_window import MainWindow


def drafts(store, kind: str) -> list[dict]:
    return store.query("SELECT id, payload FROM draft WHERE kind = ?", (kind,))


def open_household_edit(qtbot, window, household_id: str):
    household = open_household(qtbot, window, household_id)
    tap(qtbot, household.edit_button)
    return household, window.shell.top_screen()


def drop(window, screen) -> None:
    """The screen goes without a chance to save anything (what a crash does to it)."""
    stack = window.shell._stacks[window.shell.current]
    stack.removeWidget(screen)
    screen.deleteLater()


def test_a_household_edit_survives_a_crash(qtbot, ctx, window) -> None:
    log_in(qtbot, window)
    _, edit = open_household_edit(qtbot, window, "h-g1-601")
    with qtbot.waitSignal(edit.draft.saved, timeout=3000):
        tap(qtbot, edit.rental)
        type_text(qtbot, edit.notes, "新租户，下周回访")
    # The app dies: no save, no back; the database stays as it was at that moment.
    workspace, window.workspace = window.workspace, None
    workspace.close()
    window.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    again.show()
    try:
        log_in(qtbot, again)
        household, edit = open_household_edit(qtbot, again, "h-g1-601")
        qtbot.waitUntil(lambda: edit.rental.isChecked(), timeout=3000)
        assert edit.notes.toPlainText() == "新租户，下周回访"
        assert edit.findChild(type(edit.draft.notice), "draftRestored").isVisible()
        assert edit.changes() == {"rental": True, "notes": "新租户，下周回访"}
        store = again.workspace.store
        tap(qtbot, edit.save)
        qtbot.waitUntil(lambda: again.shell.top_screen() is household)
        qtbot.waitUntil(lambda: household.data is not None and household.data.household.rental)
        assert drafts(store, "household_edit") == []  # saved: the draft is gone
    finally:
        if again.workspace is not None:
            again.workspace.close()
            again.workspace = None
        again.close()


def test_a_new_resident_comes_back_after_the_form_was_lost(qtbot, window) -> None:
    log_in(qtbot, window)
    household = open_household(qtbot, window, "h-g1-602")
    tap(qtbot, household.add_resident)
    edit = window.shell.top_screen()
    with qtbot.waitSignal(edit.draft.saved, timeout=3000):
        type_text(qtbot, edit.name, "李建国")
        tap(qtbot, edit.gender.buttons["male"])
        qtbot.keyClicks(edit.personal["phone"].edit, "13900001111")
    drop(window, edit)
    tap(qtbot, household.add_resident)
    edit = window.shell.top_screen()
    qtbot.waitUntil(lambda: edit.name.text() == "李建国", timeout=3000)
    assert edit.gender.value() == "male"
    assert edit.personal["phone"].edit.text() == "13900001111"
    tap(qtbot, edit.save)
    qtbot.waitUntil(lambda: window.shell.top_screen() is household)
    qtbot.waitUntil(lambda: drafts(window.workspace.store, "resident_edit") == [])


def test_a_premises_edit_keeps_its_draft_over_the_stored_record(qtbot, demo_window) -> None:
    window = demo_window
    market = open_market(qtbot, window)
    tap(qtbot, market.add_button)
    edit = window.shell.top_screen()
    with qtbot.waitSignal(edit.draft.saved, timeout=3000):
        type_text(qtbot, edit.inputs["name"], "永安汽配")
        qtbot.keyClicks(edit.inputs["number"], "B2-04-01")
    drop(window, edit)
    tap(qtbot, market.add_button)
    edit = window.shell.top_screen()
    qtbot.waitUntil(lambda: edit.inputs["name"].text() == "永安汽配", timeout=3000)
    assert edit.inputs["number"].text() == "B2-04-01"
    tap(qtbot, edit.save)
    qtbot.waitUntil(lambda: window.shell.top_screen() is market)
    qtbot.waitUntil(lambda: drafts(window.workspace.store, "premises_edit") == [])
