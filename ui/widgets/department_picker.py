"""The department a ticket is dispatched to (派单): the usual ones as buttons, or another typed."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from ui.widgets import accessible
from ui.widgets.form import Choice, toggle

# The departments a street office calls in (吹哨), offered when dispatching.
DEPARTMENTS = ("城管", "物业", "派出所", "市场监管", "消防救援站", "司法所", "供电所", "水务")
_PER_ROW = 4


class DepartmentPicker(QWidget):
    """One of ``DEPARTMENTS`` tapped, or another department typed (typing clears the tap)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.choice = Choice([], "department")
        for i, name in enumerate(DEPARTMENTS):
            b = toggle(name, f"department_{i}")
            self.choice.group.addButton(b)
            self.choice.buttons[name] = b
            self.grid.addWidget(b, i // _PER_ROW, i % _PER_ROW)
        rows = -(-len(DEPARTMENTS) // _PER_ROW)
        self.other = QLineEdit()
        self.other.setObjectName("otherDepartment")
        self.other.setPlaceholderText(self.tr("Another department"))
        accessible.name(self.other, self.tr("Another department"))
        self.other.textEdited.connect(lambda _: self.choice.set_value(None))
        self.grid.addWidget(self.other, rows, 0, 1, _PER_ROW)

    def value(self) -> str:
        """The department chosen or typed ("" when none)."""
        return self.choice.value() or self.other.text().strip()

    def clear(self) -> None:
        """Nothing chosen, nothing typed."""
        self.choice.set_value(None)
        self.other.clear()
