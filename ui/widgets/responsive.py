"""A row of panels that becomes a column when the screen is narrower than it is tall."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QWidget

#: Below this width the panels stack (800 px portrait tablets, minus the navigation).
STACK_BELOW_PX = 960


class ResponsiveRow(QWidget):
    """Side by side in landscape, one above the other in portrait."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 16):
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(spacing)

    def add(self, widget: QWidget, stretch: int = 1) -> None:
        """Add a panel."""
        self.box.addWidget(widget, stretch)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = event.size().width() < STACK_BELOW_PX
        self.box.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
