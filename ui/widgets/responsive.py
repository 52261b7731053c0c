"""A row of panels that becomes a column when the screen is narrower than it is tall."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QWidget

#: Below this width the panels stack (800 px portrait tablets, minus the navigation).
STACK_BELOW_PX = 960


class ResponsiveRow(QWidget):
    """Side by side in landscape, one above the other in portrait.

    Stacked, only the last panel takes the height left over: the panels above it keep their
    own height. Shared out by the widths' stretch, a panel above gave up its share as soon as
    the page below it grew taller than the screen (an error under a step's buttons), and
    everything under it moved up under the finger (the portrait walk of 2026-12-06)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 16):
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(spacing)
        self._stretch: list[int] = []

    def add(self, widget: QWidget, stretch: int = 1) -> None:
        """Add a panel; ``stretch`` shares out the width side by side."""
        self._stretch.append(stretch)
        self.box.addWidget(widget, stretch)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = event.size().width() < STACK_BELOW_PX
        self.box.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        last = len(self._stretch) - 1
        for i, stretch in enumerate(self._stretch):
            self.box.setStretch(i, (1 if i == last else 0) if narrow else stretch)
