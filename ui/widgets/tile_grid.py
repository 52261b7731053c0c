"""A plan of tiles (a building's households floor by floor, a market's premises row by row)
and the legend of its symbols.

The tiles are the cells of a ``QTableView`` of fixed-size sections drawn by a
``tile_painting.CardDelegate``; a tap on one is the view's ``clicked``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QEvent, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QTableView, QWidget

from ui.widgets import accessible
from ui.widgets.flow import FlowLayout
from ui.widgets.touch import kinetic
from ui.widgets.touch import label as text_label


class TileGrid(QTableView):
    """Tiles of ``tile`` size on a transparent ground, one selectable at a time, scrolled
    kinetically; ``name`` and ``description`` say what it shows to a screen reader."""

    def __init__(
        self,
        model: QAbstractItemModel,
        tile: QSize,
        object_name: str,
        name: str,
        description: str,
    ):
        super().__init__()
        self.setObjectName(object_name)
        accessible.name(self, name, description)
        self.setModel(model)
        self.setShowGrid(False)
        self.setCornerButtonEnabled(False)  # "select all" means nothing here
        self.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        for header, size in (
            (self.horizontalHeader(), tile.width()),
            (self.verticalHeader(), tile.height()),
        ):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setDefaultSectionSize(size)
            header.setHighlightSections(False)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("QTableView { background: transparent; border: none; }")
        kinetic(self)
        self._widths: tuple[int, int] | None = None
        model.modelReset.connect(self._fit_columns)

    def fit_tiles(self, narrowest: int, widest: int, height: int) -> None:
        """Tiles ``height`` high, sharing the width among a row's tiles but no narrower than
        ``narrowest`` (then the plan scrolls sideways) nor wider than ``widest``."""
        self.verticalHeader().setDefaultSectionSize(height)
        self._widths = (narrowest, widest)
        self._fit_columns()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().viewportEvent(event)

    def _fit_columns(self) -> None:
        columns = self.model().columnCount()
        if self._widths is None or columns == 0:
            return
        narrowest, widest = self._widths
        share = self.viewport().width() // columns
        width = max(narrowest, min(widest, share))
        if width != self.horizontalHeader().defaultSectionSize():
            self.horizontalHeader().setDefaultSectionSize(width)


def symbol_legend(entries: Iterable[tuple[QPixmap, str]]) -> tuple[QWidget, FlowLayout]:
    """What each symbol of a plan means: the symbol, then its words, wrapping as needed."""
    legend = QWidget()
    flow = FlowLayout(legend, spacing=16)
    for symbol_pixmap, text in entries:
        entry = QWidget()
        pair = QHBoxLayout(entry)
        pair.setContentsMargins(0, 0, 0, 0)
        symbol = QLabel()
        symbol.setPixmap(symbol_pixmap)
        pair.addWidget(symbol)
        pair.addWidget(text_label(text, wrap=False))
        flow.addWidget(entry)
    return legend, flow
