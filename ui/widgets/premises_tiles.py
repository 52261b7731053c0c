"""Painting a premises tile of the market floor grid: its number, name, open-hazard count and a
status symbol in colour (overdue, open, being rectified, clear) — never colour alone."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPen

from gridterm.services.premises import PremisesStatus
from ui.models.premises import STATE_SYMBOLS, number_in_row, premises_state, state_pixmap
from ui.widgets.tile_painting import SYMBOL_PX, CardDelegate, Tile

PREMISES_TILE_W, PREMISES_TILE_H = 112, 96


class PremisesTileDelegate(CardDelegate):
    """Draws one premises (a stall or shop) as a rounded tile bordered in its state's colour."""

    size = QSize(PREMISES_TILE_W, PREMISES_TILE_H)

    def paint_tile(self, cell: Tile) -> None:
        status: PremisesStatus = cell.row
        painter, rect = cell.painter, cell.rect
        t = self.theme
        state = premises_state(status)
        colour = t.color(STATE_SYMBOLS[state][1])
        pen = QPen(
            colour if state != "clear" else t.color("border"), 3 if state != "clear" else 1.5
        )
        self.card(cell, t.color("surface"), pen)

        inner = rect.toRect().adjusted(10, 6, -8, -6)
        painter.setFont(self.font(cell, t.font_px + 2, bold=True))
        painter.setPen(t.color("text"))
        top = QRect(inner)
        top.setHeight(t.font_px + 10)
        painter.drawText(
            top,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            number_in_row(status.premises.number),
        )

        small = self.font(cell, t.font_px - 5)
        painter.setFont(small)
        painter.setPen(t.color("muted"))
        middle = QRect(inner.left(), top.bottom() + 2, inner.width(), small.pixelSize() + 6)
        name = painter.fontMetrics().elidedText(
            status.premises.name, Qt.TextElideMode.ElideRight, middle.width()
        )
        painter.drawText(middle, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)

        y = inner.bottom() - SYMBOL_PX + 1
        painter.drawPixmap(inner.left(), y, state_pixmap(t, state, SYMBOL_PX))
        if status.open_hazards:
            painter.setFont(self.font(cell, t.font_px, bold=True))
            painter.setPen(colour)
            painter.drawText(
                QRect(inner.left() + SYMBOL_PX + 4, y, inner.width() - SYMBOL_PX - 4, SYMBOL_PX),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(status.open_hazards),
            )
