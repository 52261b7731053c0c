"""The one "Next step" widget of the ticket and hazard screens."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPushButton

from tests.ui.conftest import tap
from ui.widgets.action_panel import ActionPanel


def panel(qtbot) -> tuple[ActionPanel, list[str]]:
    opened: list[str] = []
    widget = ActionPanel(str.upper, "nothing to do", "Cancel", asks=lambda s: s != "start")
    widget.form.row("Note", QLineEdit(), "note")
    widget.opened.connect(opened.append)
    qtbot.addWidget(widget)
    widget.show()
    return widget, opened


def test_a_refresh_keeps_the_open_step_and_its_buttons(qtbot) -> None:
    widget, opened = panel(qtbot)
    widget.set_allowed(["accept", "escalate"])
    assert widget.action_buttons() == ["accept", "escalate"]
    first = widget.findChild(QPushButton, "action_escalate")
    tap(qtbot, first)
    assert opened == ["escalate"] and widget.pending == "escalate"
    assert widget.confirm.text() == "ESCALATE" and widget.panel.isVisible()
    widget.set_allowed(["accept", "escalate"])  # the sync engine touched the record
    assert widget.findChild(QPushButton, "action_escalate") is first
    assert widget.pending == "escalate" and widget.panel.isVisible()
    widget.set_allowed(["close"])  # another terminal took the step
    assert widget.pending is None and not widget.panel.isVisible()
    assert not widget.confirm.isVisible() and not widget.nothing.isVisible()
    widget.set_allowed([])
    assert widget.nothing.isVisible() and widget.action_buttons() == []


def test_a_step_that_asks_for_nothing_shows_only_its_buttons(qtbot) -> None:
    widget, _ = panel(qtbot)
    widget.set_allowed(["start"])
    confirmed: list[str] = []
    widget.confirmed.connect(confirmed.append)
    tap(qtbot, widget.findChild(QPushButton, "action_start"))
    assert not widget.panel.isVisible() and widget.confirm.isVisible()
    tap(qtbot, widget.confirm)
    assert confirmed == ["start"]
    tap(qtbot, widget.cancel)
    assert widget.pending is None and not widget.confirm.isVisible()


def test_long_steps_wrap_instead_of_widening_the_column(qtbot) -> None:
    widget, _ = panel(qtbot)
    widget.labels = lambda step: f"{step}: dispatch to a department"
    widget.set_allowed(["escalate", "dispatch", "mark_handled"])
    buttons = [widget.findChild(QPushButton, f"action_{s}") for s in widget.action_buttons()]
    # a column as wide as the widest step plus a little, where the three side by side do
    # not fit (measured, not a fixed 420 px: the font is the look earlier tests left)
    width = max(b.sizeHint().width() for b in buttons) + 60
    assert sum(b.sizeHint().width() for b in buttons) > width
    assert widget.minimumSizeHint().width() <= width
    widget.resize(width, 400)
    qtbot.waitUntil(lambda: widget.findChild(QPushButton, "action_dispatch").y() > 0)
    for button in buttons:
        assert button.geometry().right() <= width
