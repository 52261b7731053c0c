"""Painting a household tile: room number, resident count and distinct symbols for key,
party-member, vacant and rental households.

A tile is laid out from its fonts' metrics as the market's premises tiles are
(``premises_tiles``): the room number and, right of it, the resident count on the top line,
the symbols (and an overdue key household's clock at the right) on the bottom line. Its size
follows the text size and the building's widest room, count and row of symbols
(``household_tile_size``), so large text makes bigger tiles instead of a count painted into
the room number. The painter draws exactly the rectangles ``lay_out_household`` gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QObject, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPen

from gridterm.reports.coverage import Band, TileCoverage
from gridterm.services.register import HouseholdTile
from ui.models.floors import COVERAGE_ROLE
from ui.theme import Theme
from ui.widgets.icons import pixmap
from ui.widgets.premises_tiles import CELL_MARGIN, GAP, PAD_LEFT, PAD_RIGHT, PAD_Y, line_height
from ui.widgets.tile_painting import SYMBOL_PX, CardDelegate, Tile

#: The tile before the text size and the rooms are known, and the least it shrinks to
#: where a building has room (the grid takes ``household_tile_size`` once they are known).
TILE_W, TILE_H = 118, 92
#: Between the room number and the resident count, and between two symbols.
COUNT_GAP, SYMBOL_GAP = 8, 4
#: Measured when a building has no tiles yet: a high floor's room, a full household.
SAMPLE_ROOM, SAMPLE_COUNT = "1701", "12"
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


def tile_count(tile: HouseholdTile) -> str:
    """The resident count a tile shows ("" for none, or a vacant household)."""
    return f"{tile.residents}" if tile.residents and not tile.vacant else ""


@dataclass(frozen=True, slots=True)
class HouseholdFonts:
    """The two fonts of a household tile."""

    room: QFont
    count: QFont


@dataclass(frozen=True, slots=True)
class HouseholdLayout:
    """Where each part of a household tile goes, inside its card."""

    room: QRect
    count: QRect | None
    symbols: tuple[QRect, ...]
    clock: QRect

    def parts(self, clock: bool = False) -> list[QRect]:
        """Every text and symbol rectangle (with the clock's when shown); none overlaps."""
        counted = [self.count] if self.count is not None else []
        return [self.room, *counted, *self.symbols] + ([self.clock] if clock else [])


@lru_cache(maxsize=16)
def household_fonts(base: QFont, font_px: int) -> HouseholdFonts:
    """A household tile's fonts for body text of ``font_px`` pixels, in ``base``'s family."""
    room, count = QFont(base), QFont(base)
    room.setPixelSize(max(12, font_px + 3))
    room.setBold(True)
    count.setPixelSize(max(12, font_px - 4))
    return HouseholdFonts(room, count)


def _advance(font: QFont, text: str) -> int:
    return QFontMetrics(font).horizontalAdvance(text)


def _top_height(fonts: HouseholdFonts) -> int:
    return max(line_height(fonts.room), line_height(fonts.count))


def _symbols_width(symbols: int, clock: bool) -> int:
    """The bottom line's width: ``symbols`` side by side, then the clock apart from them."""
    drawn = symbols + (1 if clock else 0)
    return drawn * SYMBOL_PX + max(0, drawn - 1) * SYMBOL_GAP


def household_tile_size(
    fonts: HouseholdFonts, tiles: Iterable[HouseholdTile]
) -> tuple[int, int, int]:
    """A cell's (narrowest width, preferred width, height) for ``tiles`` in these fonts: as
    wide as the widest room with its count and the longest row of symbols (a key household's
    with room for its overdue clock), as high as the top line over the symbols."""
    top, bottom = 0, _symbols_width(0, True)
    for tile in tiles:
        count = tile_count(tile)
        line = _advance(fonts.room, tile.room)
        top = max(top, line + (COUNT_GAP + _advance(fonts.count, count) if count else 0))
        bottom = max(bottom, _symbols_width(len(tile_symbols(tile)), tile.key))
    if top == 0:
        top = _advance(fonts.room, SAMPLE_ROOM) + COUNT_GAP + _advance(fonts.count, SAMPLE_COUNT)
    frame = 2 * CELL_MARGIN + PAD_LEFT + PAD_RIGHT
    narrowest = max(48, frame + top, frame + bottom)
    height = 2 * (CELL_MARGIN + PAD_Y) + _top_height(fonts) + GAP + SYMBOL_PX
    return narrowest, max(narrowest, TILE_W), max(48, TILE_H, height)


def lay_out_household(
    card: QRect, fonts: HouseholdFonts, room: str, count: str, symbols: int
) -> HouseholdLayout:
    """The room number, ``count`` (empty: none), ``symbols`` symbols and the clock's place of
    a tile inside ``card``: the room at the left of the top line, the count at its right,
    the symbols from the left of the bottom line, the clock at its right."""
    inner = card.adjusted(PAD_LEFT, PAD_Y, -PAD_RIGHT, -PAD_Y)
    top = _top_height(fonts)
    room_w = min(_advance(fonts.room, room), inner.width())
    room_rect = QRect(inner.left(), inner.top(), room_w, top)
    counted = None
    if count:
        width = _advance(fonts.count, count)
        counted = QRect(inner.right() + 1 - width, inner.top(), width, top)
    y = inner.bottom() + 1 - SYMBOL_PX
    step = SYMBOL_PX + SYMBOL_GAP
    drawn = tuple(QRect(inner.left() + i * step, y, SYMBOL_PX, SYMBOL_PX) for i in range(symbols))
    clock = QRect(inner.right() + 1 - SYMBOL_PX, y, SYMBOL_PX, SYMBOL_PX)
    return HouseholdLayout(room_rect, counted, drawn, clock)


class TileDelegate(CardDelegate):
    """Draws one household as a rounded tile; empty cells stay blank."""

    size = QSize(TILE_W, TILE_H)

    def __init__(self, theme: Theme, parent: QObject | None = None):
        super().__init__(theme, parent)
        #: Shade tiles by days since the last visit, and mark overdue key households.
        self.shading = False

    def fonts(self, base: QFont) -> HouseholdFonts:
        """The tile fonts for the theme's text size."""
        return household_fonts(base, self.theme.font_px)

    def tile_size(self, base: QFont, tiles: Iterable[HouseholdTile]) -> tuple[int, int, int]:
        """(narrowest width, preferred width, height) of a cell for ``tiles`` in the theme's
        text size."""
        return household_tile_size(self.fonts(base), tiles)

    def paint_tile(self, cell: Tile) -> None:
        tile: HouseholdTile = cell.row
        painter = cell.painter
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

        fonts = self.fonts(cell.option.font)
        count, symbols = tile_count(tile), tile_symbols(tile)
        layout = lay_out_household(cell.rect.toRect(), fonts, tile.room, count, len(symbols))
        middle = Qt.AlignmentFlag.AlignVCenter
        painter.setFont(fonts.room)
        painter.setPen(t.color("muted") if tile.vacant else t.color("text"))
        painter.drawText(layout.room, Qt.AlignmentFlag.AlignLeft | middle, tile.room)
        if layout.count is not None:
            painter.setFont(fonts.count)
            painter.setPen(t.color("muted"))
            painter.drawText(layout.count, Qt.AlignmentFlag.AlignRight | middle, count)
        for name, rect in zip(symbols, layout.symbols, strict=True):
            painter.drawPixmap(rect.topLeft(), pixmap(name, size=SYMBOL_PX))
        if coverage is not None and coverage.overdue:
            # an overdue key household: a red clock in the corner, seen at a glance
            clock = pixmap("timer", t.color("danger"), SYMBOL_PX)
            painter.drawPixmap(layout.clock.topLeft(), clock)
