"""Painting a stall tile of the market floor grid: its number, name, open-hazard count and a
status symbol in colour (overdue, open, being rectified, clear) — never colour alone."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from gridterm.services.premises import PremisesStatus
from ui.models.base import ROW_ROLE
from ui.models.premises import STATE_SYMBOLS, stall_label, stall_state, state_pixmap
from ui.theme import Theme

STALL_W, STALL_H = 112, 96
SYMBOL_PX = 26


class StallDelegate(QStyledItemDelegate):
    """Draws one stall as a rounded tile with a border in its state's colour."""

    def __init__(self, theme: Theme, parent: object = None):
        super().__init__(parent)  # type: ignore[arg-type]
        self.theme = theme

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(STALL_W, STALL_H)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        stall: PremisesStatus | None = index.data(ROW_ROLE)
        if stall is None:
            return
        t = self.theme
        state = stall_state(stall)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(4, 4, -4, -4)
        colour = t.color(STATE_SYMBOLS[state][1])
        fill = t.color("surface")
        pen = QPen(
            colour if state != "clear" else t.color("border"), 3 if state != "clear" else 1.5
        )
        if option.state & QStyle.StateFlag.State_Selected:
            fill = t.color("selection")
            pen = QPen(t.color("primary"), 3)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 10, 10)

        inner = rect.toRect().adjusted(10, 6, -8, -6)
        font = QFont(option.font)
        font.setPixelSize(t.font_px + 2)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(t.color("text"))
        top = QRect(inner)
        top.setHeight(t.font_px + 10)
        painter.drawText(
            top,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            stall_label(stall.premises.number),
        )

        small = QFont(option.font)
        small.setPixelSize(max(12, t.font_px - 5))
        painter.setFont(small)
        painter.setPen(t.color("muted"))
        middle = QRect(inner.left(), top.bottom() + 2, inner.width(), small.pixelSize() + 6)
        name = painter.fontMetrics().elidedText(
            stall.premises.name, Qt.TextElideMode.ElideRight, middle.width()
        )
        painter.drawText(middle, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)

        y = inner.bottom() - SYMBOL_PX + 1
        painter.drawPixmap(inner.left(), y, state_pixmap(t, state, SYMBOL_PX))
        if stall.open_hazards:
            count = QFont(option.font)
            count.setPixelSize(t.font_px)
            count.setBold(True)
            painter.setFont(count)
            painter.setPen(colour)
            painter.drawText(
                QRect(inner.left() + SYMBOL_PX + 4, y, inner.width() - SYMBOL_PX - 4, SYMBOL_PX),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(stall.open_hazards),
            )
        painter.restore()
