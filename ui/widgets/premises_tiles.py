"""Painting a premises tile of the market floor grid: its number, name, open-hazard count and a
status symbol in colour (overdue, open, being rectified, clear) — never colour alone.

A tile is laid out from its fonts' metrics (``lay_out_tile``), one line under the other: the
number, up to two lines of name, then the symbol and the count; its height follows the text
size (``tile_size``), so large text makes taller tiles instead of text painted over symbols.
The painter draws exactly the rectangles the layout gives, which is what the tests check.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyleOptionViewItem

from gridterm.services.premises import PremisesStatus
from ui.models.premises import STATE_SYMBOLS, number_in_row, premises_state, state_pixmap
from ui.theme import Theme
from ui.widgets.tile_painting import SYMBOL_PX, CardDelegate, Tile

#: The tile before the text size is known (the grid takes ``tile_size`` once it is).
PREMISES_TILE_W, PREMISES_TILE_H = 112, 122
#: Around the card inside its cell (``CardDelegate.paint``), and inside the card.
CELL_MARGIN = 4
PAD_LEFT, PAD_RIGHT, PAD_Y, GAP = 10, 8, 6, 2
NAME_LINES = 2
#: Characters of a Chinese name a line holds: at least, and when there is room.
NAME_CHARS_MIN, NAME_CHARS_WIDE = 4, 6
#: Measured for a line's height: a Chinese character (a fallback font, taller than the
#: Latin one) and Latin ascenders and descenders.
LINE_SAMPLE = "国Ágy"
WRAP = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


@dataclass(frozen=True, slots=True)
class TileFonts:
    """The three fonts of a premises tile."""

    number: QFont
    name: QFont
    count: QFont


@dataclass(frozen=True, slots=True)
class TileLayout:
    """Where each part of a tile goes, inside its card."""

    number: QRect
    name_lines: tuple[tuple[QRect, str], ...]
    symbol: QRect
    count: QRect | None

    def parts(self) -> list[QRect]:
        """Every text and symbol rectangle; none overlaps another."""
        rects = [self.number, *(r for r, _ in self.name_lines), self.symbol]
        return rects + ([self.count] if self.count is not None else [])


# The layout helpers are cached: every paint of the plan asks the same of each tile again
# (fonts hash by value, so a copy of the same font finds its entry).
@lru_cache(maxsize=16)
def tile_fonts(base: QFont, font_px: int) -> TileFonts:
    """A tile's fonts for body text of ``font_px`` pixels, in ``base``'s family."""

    def sized(px: int, bold: bool) -> QFont:
        font = QFont(base)
        font.setPixelSize(max(12, px))
        font.setBold(bold)
        return font

    return TileFonts(sized(font_px + 2, True), sized(font_px - 5, False), sized(font_px, True))


@lru_cache(maxsize=64)
def line_height(font: QFont) -> int:
    """The height of a line of ``font``, fallback fonts (Chinese) included."""
    layout = QTextLayout(LINE_SAMPLE, font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return max(QFontMetrics(font).height(), int(line.height() + 0.999))


def tile_size(fonts: TileFonts) -> tuple[int, int, int]:
    """A cell's (narrowest width, preferred width, height) for these fonts: the number line,
    two name lines and the status line, and as wide as 4 (preferably 6) Chinese characters
    of name."""
    status = max(SYMBOL_PX, line_height(fonts.count))
    lines = line_height(fonts.number) + NAME_LINES * line_height(fonts.name) + status
    height = 2 * (CELL_MARGIN + PAD_Y) + 2 * GAP + lines
    em = QFontMetrics(fonts.name).horizontalAdvance("国")
    frame = 2 * CELL_MARGIN + PAD_LEFT + PAD_RIGHT
    count = QFontMetrics(fonts.count).horizontalAdvance("99")
    narrowest = max(48, frame + NAME_CHARS_MIN * em, frame + SYMBOL_PX + 4 + count)
    return narrowest, max(narrowest, frame + NAME_CHARS_WIDE * em), max(48, height)


@lru_cache(maxsize=4096)
def name_lines(name: str, font: QFont, width: int, most: int = NAME_LINES) -> tuple[str, ...]:
    """``name`` broken into at most ``most`` lines of ``width`` pixels (at word boundaries, or
    anywhere in Chinese), the last elided when the name is longer."""
    layout = QTextLayout(name, font)
    option = QTextOption()
    option.setWrapMode(WRAP)
    layout.setTextOption(option)
    layout.beginLayout()
    starts: list[tuple[int, int]] = []
    while len(starts) < most:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [name[s : s + n].strip() for s, n in starts]
    if starts and sum(starts[-1]) < len(name):  # more than fits: elide what is left
        rest = name[starts[-1][0] :].strip()
        lines[-1] = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return tuple(line for line in lines if line)


def lay_out_tile(card: QRect, fonts: TileFonts, name: str, count: str) -> TileLayout:
    """The number, name lines, symbol and ``count`` (empty: none) of a tile inside ``card``,
    each line below the one before, from the fonts' metrics."""
    inner = card.adjusted(PAD_LEFT, PAD_Y, -PAD_RIGHT, -PAD_Y)
    number = QRect(inner.left(), inner.top(), inner.width(), line_height(fonts.number))
    y = number.bottom() + 1 + GAP
    step = line_height(fonts.name)
    lines = []
    for text in name_lines(name, fonts.name, inner.width()):
        lines.append((QRect(inner.left(), y, inner.width(), step), text))
        y += step
    status_h = max(SYMBOL_PX, line_height(fonts.count))
    status_top = inner.bottom() + 1 - status_h
    symbol = QRect(inner.left(), status_top + (status_h - SYMBOL_PX) // 2, SYMBOL_PX, SYMBOL_PX)
    counted = None
    if count:
        left = symbol.right() + 1 + 4
        width = min(QFontMetrics(fonts.count).horizontalAdvance(count), inner.right() + 1 - left)
        counted = QRect(left, status_top, width, status_h)
    return TileLayout(number, tuple(lines), symbol, counted)


class PremisesTileDelegate(CardDelegate):
    """Draws one premises (a stall or shop) as a rounded tile bordered in its state's colour."""

    size = QSize(PREMISES_TILE_W, PREMISES_TILE_H)

    def fonts(self, base: QFont) -> TileFonts:
        """The tile fonts for the theme's text size."""
        return tile_fonts(base, self.theme.font_px)

    def tile_size(self, base: QFont) -> tuple[int, int, int]:
        """(narrowest width, preferred width, height) of a cell in the theme's text size."""
        return tile_size(self.fonts(base))

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        _, preferred, height = self.tile_size(option.font)
        return QSize(preferred, height)

    def paint_tile(self, cell: Tile) -> None:
        status: PremisesStatus = cell.row
        painter = cell.painter
        t: Theme = self.theme
        state = premises_state(status)
        colour = t.color(STATE_SYMBOLS[state][1])
        pen = QPen(
            colour if state != "clear" else t.color("border"), 3 if state != "clear" else 1.5
        )
        self.card(cell, t.color("surface"), pen)

        fonts = self.fonts(cell.option.font)
        count = str(status.open_hazards) if status.open_hazards else ""
        layout = lay_out_tile(cell.rect.toRect(), fonts, status.premises.name, count)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.setFont(fonts.number)
        painter.setPen(t.color("text"))
        painter.drawText(layout.number, left, number_in_row(status.premises.number))
        painter.setFont(fonts.name)
        painter.setPen(t.color("muted"))
        for rect, text in layout.name_lines:
            painter.drawText(rect, left, text)
        painter.drawPixmap(layout.symbol.topLeft(), state_pixmap(t, state, SYMBOL_PX))
        if layout.count is not None:
            painter.setFont(fonts.count)
            painter.setPen(colour)
            painter.drawText(layout.count, left, count)
