"""Section buttons: tapping the section shown goes back to its first screen."""

from __future__ import annotations

from tests.ui.conftest import log_in, open_tab, type_text
from tests.ui.helpers import HOME, open_visit


def test_tapping_the_current_section_returns_to_its_first_screen(qtbot, window) -> None:
    log_in(qtbot, window)
    shell = window.shell
    today = open_tab(qtbot, window, "today")
    shell.open_household(HOME)
    visit = open_visit(qtbot, window)
    type_text(qtbot, visit.notes, "楼道灯坏了")
    assert shell.top.back.isVisible()
    open_tab(qtbot, window, "today")
    assert shell.top_screen() is today
    assert not shell.top.back.isVisible()
    # What was typed is kept as a draft, as going back one screen at a time keeps it.
    qtbot.waitUntil(lambda: len(window.workspace.drafts.load("visit")) == 1)


def test_another_section_keeps_where_the_worker_was(qtbot, window) -> None:
    log_in(qtbot, window)
    shell = window.shell
    open_tab(qtbot, window, "today")
    shell.open_household(HOME)
    household = shell.top_screen()
    open_tab(qtbot, window, "tickets")
    assert open_tab(qtbot, window, "today") is household
