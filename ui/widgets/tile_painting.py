"""What the building's household tiles and the market's premises tiles paint alike: a rounded
card of a fixed size in theme colours (the selection's when tapped), and their fonts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.models.base import ROW_ROLE
from ui.theme import Theme

SYMBOL_PX = 26


@dataclass(frozen=True, slots=True)
class Tile:
    """One cell being painted: its row, where, and with what."""

    painter: QPainter
    option: QStyleOptionViewItem
    index: QModelIndex | QPersistentModelIndex
    row: Any
    rect: QRectF  # inside the cell's margin


class CardDelegate(QStyledItemDelegate):
    """Draws each row (``ROW_ROLE``) as a tile of ``size``; empty cells stay blank. A
    subclass paints its row in ``paint_tile``, starting with ``card``."""

    # The painter is saved and restored around paint_tile.

    size = QSize(112, 96)

    def __init__(self, theme: Theme, parent: QObject | None = None):
        super().__init__(parent)
        self.theme = theme

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(self.size)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row = index.data(ROW_ROLE)
        if row is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(4, 4, -4, -4)
        try:
            self.paint_tile(Tile(painter, option, index, row, rect))
        finally:
            painter.restore()

    def paint_tile(self, tile: Tile) -> None:
        """Paint one row's tile."""
        raise NotImplementedError

    def card(self, tile: Tile, fill: QColor, pen: QPen) -> None:
        """The tile's rounded card in ``fill`` and ``pen``, or the selection's when tapped."""
        if tile.option.state & QStyle.StateFlag.State_Selected:
            fill = self.theme.color("selection")
            pen = QPen(self.theme.color("primary"), 3)
        tile.painter.setPen(pen)
        tile.painter.setBrush(fill)
        tile.painter.drawRoundedRect(tile.rect, 10, 10)

    def font(self, tile: Tile, px: int, bold: bool = False) -> QFont:
        """The tile's font at ``px`` pixels (12 at least)."""
        font = QFont(tile.option.font)
        font.setPixelSize(max(12, px))
        font.setBold(bold)
        return font
