"""Painting a household tile: room number, resident count and distinct symbols for key,
party-member, vacant and rental households."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPen

from gridterm.reports.coverage import Band, TileCoverage
from gridterm.services.register import HouseholdTile
from ui.models.floors import COVERAGE_ROLE
from ui.theme import Theme
from ui.widgets.icons import pixmap
from ui.widgets.tile_painting import SYMBOL_PX, CardDelegate, Tile

TILE_W, TILE_H = 118, 92
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
    ours, theirs = (base.red(), base.green(), base.blue()), (tint.red(), tint.green(), tint.blue())
    mix = [round(b + (t - b) * share) for b, t in zip(ours, theirs, strict=True)]
    return QColor(*mix)


def tile_symbols(tile: HouseholdTile) -> list[str]:
    """The symbols a tile shows."""
    flags = (tile.key, tile.party_member, tile.vacant, tile.rental)
    return [name for name, on in zip(SYMBOLS, flags, strict=True) if on]


class TileDelegate(CardDelegate):
    """Draws one household as a rounded tile; empty cells stay blank."""

    size = QSize(TILE_W, TILE_H)

    def __init__(self, theme: Theme, parent: QObject | None = None):
        super().__init__(theme, parent)
        #: Shade tiles by days since the last visit, and mark overdue key households.
        self.shading = False

    def paint_tile(self, cell: Tile) -> None:
        tile: HouseholdTile = cell.row
        painter, rect = cell.painter, cell.rect
        t = self.theme
        if tile.vacant:
            fill, border = t.color("surface_alt"), t.color("muted")
            pen = QPen(border, 2, Qt.PenStyle.DashLine)
        else:
            fill = t.color("surface")
            border = t.color("warning") if tile.key else t.color("border")
            pen = QPen(border, 3 if tile.key else 1.5)
        coverage: TileCoverage | None = cell.index.data(COVERAGE_ROLE) if self.shading else None
        if coverage is not None and not tile.vacant:
            fill = shade(t, coverage.band)
        self.card(cell, fill, pen)

        painter.setFont(self.font(cell, t.font_px + 3, bold=True))
        painter.setPen(t.color("muted") if tile.vacant else t.color("text"))
        top = QRect(rect.toRect().adjusted(10, 6, -8, 0))
        top.setHeight(t.font_px + 12)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, tile.room)
        if tile.residents and not tile.vacant:
            painter.setFont(self.font(cell, t.font_px - 4))
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
