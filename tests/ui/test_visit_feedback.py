"""The visit form says it saved, and shows the ticket row only when a ticket is the outcome."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.conftest import log_in, tap, type_text
from tests.ui.helpers import HOME, open_visit


def _shown_captions(visit) -> set[str]:
    return {
        lab.text()
        for lab in visit.findChildren(QLabel)
        if lab.isVisible() and lab.property("role") == "muted"
    }


def test_the_ticket_caption_shows_only_with_the_ticket_outcome(qtbot, window) -> None:
    log_in(qtbot, window)
    visit = open_visit(qtbot, window)
    assert "工单" not in _shown_captions(visit)
    tap(qtbot, visit.outcome.buttons["ticket"])
    assert "工单" in _shown_captions(visit) and visit.ticket_title.isVisible()
    tap(qtbot, visit.outcome.buttons["settled"])
    assert "工单" not in _shown_captions(visit)


def test_saving_a_visit_says_so_briefly(qtbot, window) -> None:
    log_in(qtbot, window)
    window.shell.open_household(HOME)
    household = window.shell.top_screen()
    visit = open_visit(qtbot, window)
    tap(qtbot, visit.visit_type.buttons["routine"])
    tap(qtbot, visit.outcome.buttons["nothing_raised"])
    tap(qtbot, visit.save)
    qtbot.waitUntil(lambda: window.shell.top_screen() is household)
    toast = window.findChild(QLabel, "toast")
    assert toast is not None and toast.isVisible() and toast.text() == "走访已保存。"
    # Over the screen, inside the window, and gone again by itself.
    assert window.rect().contains(toast.geometry())
    qtbot.waitUntil(lambda: window.findChild(QLabel, "toast") is None, timeout=5000)


def test_a_visit_that_opened_a_ticket_says_so(qtbot, window) -> None:
    # the walk of 2026-12-03: the toast read only "visit saved" when the visit opened a ticket
    log_in(qtbot, window)
    window.shell.open_household(HOME)
    household = window.shell.top_screen()
    visit = open_visit(qtbot, window)
    tap(qtbot, visit.visit_type.buttons["routine"])
    tap(qtbot, visit.findChild(type(visit.save), "addConcern"))
    concern = visit.concerns[0]
    tap(qtbot, concern.kind.buttons["complaint"])
    type_text(qtbot, concern.text, "楼道灯坏了三天")
    tap(qtbot, visit.outcome.buttons["ticket"])
    tap(qtbot, visit.save)
    qtbot.waitUntil(lambda: window.shell.top_screen() is household)
    toast = window.findChild(QLabel, "toast")
    assert toast is not None and toast.text() == "走访已保存，已生成工单。"
