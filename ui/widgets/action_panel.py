"""The "Next step" of a record (a ticket, a hazard): a button for each step allowed now, and
the panel of the step tapped, with its fields, Cancel and the confirm button.

The screen says which steps are allowed (the core decides) and what each one asks for
(``opened``: show the rows of ``form`` it needs); ``submit`` runs the step off the GUI thread
and shows a refusal in the worker's language under the confirm button, where an error never
moves that button from under the finger.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.ops import CoreOp, Ops
from ui.widgets.flow import FlowLayout
from ui.widgets.form import Form, confirm_row
from ui.widgets.touch import button, clear, widgets_in
from ui.widgets.touch import label as text_label


class ActionPanel(QWidget):
    """Step buttons (``action_<step>``), then the tapped step's form and its buttons.

    ``labels(step)`` is a step's button text; ``nothing`` is said when no step is allowed;
    ``asks(step)`` whether a step has anything to fill in (else only its buttons show).
    ``pending`` is the step whose panel is open (None when closed). ``opened(step)`` lets the
    screen fill and show the form's rows; ``confirmed(step)`` asks it to run the step.
    """

    opened = Signal(str)
    confirmed = Signal(str)

    def __init__(
        self,
        labels: Callable[[str], str],
        nothing: str,
        cancel_text: str,
        asks: Callable[[str], bool] = lambda _step: True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.labels = labels
        self.asks = asks
        self.pending: str | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        # the steps wrap onto another line: three long English ones in one row widened the
        # column and squeezed the record's facts beside it
        self.row = FlowLayout(spacing=8)
        column.addLayout(self.row)
        self.nothing = text_label(nothing, "muted")
        column.addWidget(self.nothing)
        self.panel = QWidget()
        self.form = Form(errors_beside=False)  # its errors under the confirm button
        self.panel.setLayout(self.form)
        column.addWidget(self.panel)
        buttons, self.cancel, self.confirm = confirm_row(cancel_text, self.dismiss, self._confirm)
        column.addLayout(buttons)
        # The error goes under the buttons: above them it pushed "confirm" from under the finger.
        column.addWidget(self.form.error)
        self.dismiss()

    def set_allowed(self, steps: Sequence[str]) -> None:
        """Offer ``steps`` (rebuilt only when they changed); close a panel no longer allowed
        but keep one that is: a refresh (another write, the sync engine) must not close what
        the worker is typing."""
        steps = [str(s) for s in steps]
        self.nothing.setVisible(not steps)
        if steps != self.action_buttons():
            clear(self.row)
            for step in steps:
                b = button(self.labels(step), object_name=f"action_{step}")
                b.clicked.connect(lambda _=False, s=step: self.open(s))
                self.row.addWidget(b)
        if self.pending is not None and self.pending not in steps:
            self.dismiss()

    def action_buttons(self) -> list[str]:
        """The steps offered now (for tests and the screenshot script)."""
        return [w.objectName().removeprefix("action_") for w in widgets_in(self.row)]

    def open(self, step: str) -> None:
        """Open the panel of ``step``, its rows chosen by the screen's ``opened`` handler."""
        self.pending = step
        self.form.clear_error()
        self.confirm.setText(self.labels(step))
        # The rows first, then show: showing lays the panel out at once, and a row hidden
        # after that moved the confirm button once the layout caught up.
        self.opened.emit(step)
        self.panel.setVisible(self.asks(step))
        self.cancel.show()
        self.confirm.show()

    def dismiss(self) -> None:
        """Close the panel without doing anything (not ``close``: that is QWidget's own)."""
        self.pending = None
        self.panel.hide()
        self.form.clear_error()
        self.cancel.hide()
        self.confirm.hide()

    def _confirm(self) -> None:
        if self.pending is not None:
            self.confirmed.emit(self.pending)

    def submit(self, ops: Ops, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run ``work`` (the step) off the GUI thread with the confirm button held down; on
        success the panel closes and ``done(result)`` follows, a refusal shows under it."""
        self.confirm.setEnabled(False)

        def succeeded(result: Any) -> None:
            self.dismiss()
            done(result)

        CoreOp(self, work).success(succeeded).failure(self.form.show_error).finally_(
            lambda: self.confirm.setEnabled(True)
        ).run(ops)

    def buttons(self) -> list[QPushButton]:
        """Cancel and confirm (their places must not move when an error shows)."""
        return [self.cancel, self.confirm]
