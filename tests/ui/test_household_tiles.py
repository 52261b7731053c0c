"""The building's household tiles in every text size and language: the room number, the
resident count, the symbols and an overdue key household's clock painted apart from each
other and inside the tile, the tiles as big as their text needs and no column header cut."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from gridterm.reports.coverage import Band, TileCoverage
from gridterm.services.register import HouseholdTile
from tests.ui.conftest import log_in, tap
from tests.ui.helpers import open_building
from tests.ui.layout import settled_problems, tablet_window
from ui.models.base import ROW_ROLE
from ui.models.floors import COVERAGE_ROLE

#: Apart by at least this much: a count touching the room number reads as one number (17013).
APART_PX = 3
OVERDUE = TileCoverage(days=40, band=Band.QUARTER, overdue=True)


def high_floor(tiles: list[HouseholdTile]) -> list[HouseholdTile]:
    """The building's two floors as floors 17 and 23: four-digit rooms, a full household, a
    key household with every symbol."""
    out = []
    for i, t in enumerate(sorted(tiles, key=lambda t: (t.floor, t.unit, t.room))):
        floor = 17 if t.floor == min(x.floor for x in tiles) else 23
        out.append(
            replace(t, floor=floor, room=f"{floor}{t.room[-2:]}", residents=(3, 12, 8, 1)[i % 4])
        )
    out[0] = replace(out[0], key=True, party_member=True, rental=True, vacant=False)
    return out


def paint(delegate, view, tile: HouseholdTile, coverage: TileCoverage | None) -> QImage:
    """``tile`` painted by the grid's delegate in a cell of the grid's size."""
    cell = QRect(0, 0, view.columnWidth(0), view.rowHeight(0))
    item = QStandardItem()
    item.setData(tile, ROW_ROLE)
    item.setData(coverage, COVERAGE_ROLE)
    model = QStandardItemModel()
    model.appendRow(item)
    option = QStyleOptionViewItem()
    option.rect, option.font, option.state = cell, view.font(), QStyle.StateFlag.State_Enabled
    image = QImage(cell.size(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0, 0))
    painter.end()
    return image


def ink(full: QImage, without: QImage) -> QRect:
    """Where ``full`` differs from the same tile painted ``without`` one of its parts."""
    xs, ys = [], []
    for x in range(full.width()):
        for y in range(full.height()):
            if full.pixel(x, y) != without.pixel(x, y):
                xs.append(x)
                ys.append(y)
    assert xs, "the part painted nothing"
    return QRect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)


def parts_painted(delegate, view, tile: HouseholdTile) -> dict[str, QRect]:
    """The ink of each part of ``tile`` (each painted, then painted without it)."""
    delegate.shading = True
    full = paint(delegate, view, tile, OVERDUE)
    parts = {"room": ink(full, paint(delegate, view, replace(tile, room=""), OVERDUE))}
    if tile.residents and not tile.vacant:  # a vacant household shows no count
        parts["count"] = ink(full, paint(delegate, view, replace(tile, residents=0), OVERDUE))
    if tile.party_member or tile.rental:  # the symbols after the key's, as one part
        plain = replace(tile, party_member=False, rental=False)
        parts["symbols"] = ink(full, paint(delegate, view, plain, OVERDUE))
    if tile.key:
        on_time = replace(OVERDUE, overdue=False)  # the same shade, no clock
        parts["clock"] = ink(full, paint(delegate, view, tile, on_time))
    return parts


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1280, 800), (800, 1280)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("text", ["normal", "large"])
def test_a_household_tiles_texts_and_symbols_are_apart_inside_it(
    qtbot, ctx, locale, size, text
) -> None:
    with tablet_window(qtbot, ctx, size, locale, text) as window:
        log_in(qtbot, window)
        building = open_building(qtbot, window)
        tiles = high_floor(building.model.tiles)
        building.model.set_rows(tiles, {tiles[0].household_id: OVERDUE})
        tap(qtbot, building.shading)
        QApplication.processEvents()
        view, delegate = building.view, building.delegate
        assert view.columnWidth(0) >= 48 and view.rowHeight(0) >= 48
        # inside the card (the cell less its margin) and its 3 px border
        card = QRect(0, 0, view.columnWidth(0), view.rowHeight(0)).adjusted(7, 7, -7, -7)
        for tile in tiles:
            parts = parts_painted(delegate, view, tile)
            outside = {n: r for n, r in parts.items() if not card.contains(r)}
            assert not outside, (tile.room, card, outside)
            grown = {n: r.adjusted(-APART_PX, -1, APART_PX, 1) for n, r in parts.items()}
            touching = [(a, b) for a, b in combinations(grown, 2) if grown[a].intersects(grown[b])]
            assert not touching, (tile.room, tile.residents, parts)
        assert not [p for p in settled_problems(qtbot, window) if "column" in p]


def test_the_tiles_grow_and_shrink_with_a_live_text_size_change(qtbot, ctx) -> None:
    with tablet_window(qtbot, ctx, (1280, 800), "zh_CN", "normal") as window:
        log_in(qtbot, window)
        building = open_building(qtbot, window)
        plain = dict(key=False, party_member=False, rental=False)  # only the room and count
        building.model.set_rows([replace(t, **plain) for t in high_floor(building.model.tiles)])
        view = building.view
        normal = (view.columnWidth(0), view.rowHeight(0))
        ctx.theme.apply(text="large")  # as Settings does
        QApplication.processEvents()
        narrowest, _, height = building.delegate.tile_size(view.font(), building.model.tiles)
        assert view.rowHeight(0) == height and view.columnWidth(0) >= narrowest
        assert view.columnWidth(0) > normal[0] and view.rowHeight(0) >= normal[1]
        ctx.theme.apply(text="normal")
        QApplication.processEvents()
        assert (view.columnWidth(0), view.rowHeight(0)) == normal
