"""One thing the residents raised on a visit (居民诉求): its kind, category and text."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QWidget

from gridterm.domain.office_settings import OfficeSettings
from gridterm.domain.visits import ConcernKind
from ui.labels import CONCERN_KINDS, category_codes, category_label, label
from ui.widgets import accessible
from ui.widgets.form import Choice
from ui.widgets.touch import button


class ConcernRow(QWidget):
    """One thing the residents raised: its kind, category and text."""

    removed = Signal(object)
    edited = Signal()

    def __init__(self, index: int, settings: OfficeSettings):
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.kind = Choice(
            [(k.value, label(CONCERN_KINDS, k)) for k in ConcernKind], f"kind{index}"
        )
        self.kind.set_value(ConcernKind.NEED.value)
        self.category = QComboBox()
        self.category.setObjectName(f"category{index}")
        accessible.name(self.category, self.tr("Category"))
        for stored in category_codes(settings):
            self.category.addItem(category_label(stored, settings), stored)
        self.text = QLineEdit()
        self.text.setObjectName(f"concern{index}")
        self.text.setPlaceholderText(
            self.tr("What did they raise? e.g. the corridor light is broken")
        )
        accessible.name(self.text, self.tr("What was raised"), self.text.placeholderText())
        remove = button(self.tr("Remove"), "danger")
        remove.clicked.connect(lambda: self.removed.emit(self))
        # The kind buttons have a row of their own: beside the category and "remove" they were
        # squeezed below their text in large English text on a portrait tablet.
        grid.addWidget(self.kind, 0, 0, 1, 3)
        grid.addWidget(self.category, 1, 0, 1, 2)
        grid.addWidget(remove, 1, 2)
        grid.addWidget(self.text, 2, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        self.kind.group.buttonClicked.connect(lambda _: self.edited.emit())
        self.category.currentIndexChanged.connect(lambda _: self.edited.emit())
        self.text.textChanged.connect(lambda _: self.edited.emit())

    def value(self) -> dict[str, str]:
        """As the core's concern dict."""
        category = self.category.currentData()
        return {
            "kind": self.kind.value() or "",
            "text": self.text.text(),
            "category": "" if category == "other" else category,
        }

    def set_value(self, value: dict[str, str]) -> None:
        """Restore from a draft."""
        self.kind.set_value(value.get("kind"))
        i = self.category.findData(value.get("category") or "other")
        self.category.setCurrentIndex(max(0, i))
        self.text.setText(value.get("text", ""))
