"""A personal field in a form (phone, ID number, health): masked and read-only until the
worker taps Show, for a role that may read it; the reveal is recorded, then it can be edited."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from gridterm.domain.residents import mask
from ui.widgets.touch import button

translate = QCoreApplication.translate


class PersonalEdit(QWidget):
    """``edit`` shows the value masked; ``wanted`` asks the screen to reveal it (a recorded
    ``Reveals.reveal`` off the GUI thread), which then calls ``revealed`` with the value."""

    wanted = Signal()

    def __init__(self, field: str, value: str, *, may_reveal: bool, new: bool = False):
        super().__init__()
        self.field = field
        self.edit = QLineEdit()
        self.edit.setObjectName(field)
        self.setFocusProxy(self.edit)  # the form focuses the field a bad value names
        self.show_button = button(translate("Personal", "Show"), "", f"show_{field}")
        self.show_button.setToolTip(
            translate("Personal", "Show it in clear (the view is recorded)")
        )
        self.show_button.clicked.connect(self.wanted.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.show_button)
        if new and may_reveal:  # nothing to hide yet: a new record's field is typed in clear
            self.show_button.hide()
        elif not may_reveal:
            self.edit.setText(mask(field, value))
            self.edit.setReadOnly(True)
            self.edit.setPlaceholderText(translate("Personal", "Hidden for your role"))
            self.show_button.hide()
        else:
            self.edit.setText(mask(field, value))
            self.edit.setReadOnly(True)
            self.show_button.setVisible(bool(value))

    def revealed(self, value: str) -> None:
        """The reveal was recorded: show the value in clear and let it be corrected."""
        self.edit.setText(value)
        self.edit.setReadOnly(False)
        self.show_button.hide()

    def changed_value(self) -> str | None:
        """The text to save, or None while the field was never revealed (left unchanged)."""
        return None if self.edit.isReadOnly() else self.edit.text().strip()
