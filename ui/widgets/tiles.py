"""Painting a household tile: room number, resident count and distinct symbols for key,
party-member, vacant and rental households."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from gridterm.reports.coverage import Band, TileCoverage
from gridterm.services.register import HouseholdTile
from ui.models.base import ROW_ROLE
from ui.models.floors import COVERAGE_ROLE
from ui.theme import Theme
from ui.widgets.icons import pixmap

TILE_W, TILE_H = 118, 92
SYMBOL_PX = 26
#: Symbol names in resources/icons, in the order they are drawn.
SYMBOLS = ("key_household", "party_member", "vacant", "rental")
#: Coverage shading: the theme colour each band mixes into the tile, and how much of it.
BAND_SHADES: dict[Band, tuple[str, float]] = {
    Band.WEEK: ("ok", 0.35),
    Band.MONTH: ("ok", 0.12),
    Band.QUARTER: ("warning", 0.25),
    Band.NONE: ("danger", 0.30),
}


def shade(theme: Theme, band: Band) -> QColor:
    """The fill of a tile in ``band`` (the surface colour tinted towards the band's)."""
    name, share = BAND_SHADES[band]
    base, tint = QColor(theme.color("surface")), QColor(theme.color(name))
    mix = [
        round(b + (t - b) * share)
        for b, t in zip(base.getRgb()[:3], tint.getRgb()[:3], strict=True)
    ]
    return QColor(*mix)


def tile_symbols(tile: HouseholdTile) -> list[str]:
    """The symbols a tile shows."""
    flags = (tile.key, tile.party_member, tile.vacant, tile.rental)
    return [name for name, on in zip(SYMBOLS, flags, strict=True) if on]


class TileDelegate(QStyledItemDelegate):
    """Draws one household as a rounded tile; empty cells stay blank."""

    def __init__(self, theme: Theme, parent: object = None):
        super().__init__(parent)  # type: ignore[arg-type]
        self.theme = theme
        #: Shade tiles by days since the last visit, and mark overdue key households.
        self.shading = False

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(TILE_W, TILE_H)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        tile: HouseholdTile | None = index.data(ROW_ROLE)
        if tile is None:
            return
        t = self.theme
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(4, 4, -4, -4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if tile.vacant:
            fill, border = t.color("surface_alt"), t.color("muted")
            pen = QPen(border, 2, Qt.PenStyle.DashLine)
        else:
            fill = t.color("surface")
            border = t.color("warning") if tile.key else t.color("border")
            pen = QPen(border, 3 if tile.key else 1.5)
        coverage: TileCoverage | None = index.data(COVERAGE_ROLE) if self.shading else None
        if coverage is not None and not tile.vacant:
            fill = shade(t, coverage.band)
        if selected:
            fill = t.color("selection")
            pen = QPen(t.color("primary"), 3)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 10, 10)

        font = QFont(option.font)
        font.setPixelSize(t.font_px + 3)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(t.color("muted") if tile.vacant else t.color("text"))
        top = QRect(rect.toRect().adjusted(10, 6, -8, 0))
        top.setHeight(t.font_px + 12)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, tile.room)
        if tile.residents and not tile.vacant:
            small = QFont(option.font)
            small.setPixelSize(max(12, t.font_px - 4))
            painter.setFont(small)
            painter.setPen(t.color("muted"))
            painter.drawText(
                top,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{tile.residents}",
            )
        x = int(rect.left()) + 8
        y = int(rect.bottom()) - SYMBOL_PX - 6
        for name in tile_symbols(tile):
            painter.drawPixmap(x, y, pixmap(name, size=SYMBOL_PX))
            x += SYMBOL_PX + 4
        if coverage is not None and coverage.overdue:
            # an overdue key household: a red clock in the corner, seen at a glance
            corner = int(rect.right()) - SYMBOL_PX - 6
            painter.drawPixmap(corner, y, pixmap("timer", t.color("danger"), SYMBOL_PX))
        painter.restore()
