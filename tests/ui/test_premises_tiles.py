"""The market floor plan's premises tiles in every text size: laid out from their fonts (number,
name lines, status line, nothing painted over anything else), as much name as fits, and a
standard row of stalls across a landscape tablet without scrolling sideways."""

from __future__ import annotations

from itertools import combinations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from gridterm.services.premises import PremisesStatus
from tests.ui.conftest import DEMO_INSPECTOR, log_in
from tests.ui.layout import tablet_window
from tests.ui.tours import inspector_tour
from ui.models.base import ROW_ROLE
from ui.models.premises import PremisesGridModel
from ui.theme import Theme
from ui.widgets.premises_tiles import (
    CELL_MARGIN,
    lay_out_tile,
    name_lines,
    tile_fonts,
    tile_size,
)

NAMES = ("华强五金机电商行", "永盛阀门经营部", "Riverside Hardware & Pumps", "佳和线缆")


@pytest.fixture(params=["normal", "large"])
def theme(qapp, request):
    t = Theme(qapp, "normal", request.param)
    yield t
    t.apply("normal", "normal")
    t.deleteLater()


@pytest.mark.parametrize("name", NAMES)
def test_a_tile_lays_out_its_lines_apart_inside_the_card(theme, qapp, name) -> None:
    fonts = tile_fonts(qapp.font(), theme.font_px)
    narrowest, preferred, height = tile_size(fonts)
    assert 48 <= narrowest <= preferred and height >= 48
    for width in (narrowest, preferred):
        card = QRect(0, 0, width, height).adjusted(
            CELL_MARGIN, CELL_MARGIN, -CELL_MARGIN, -CELL_MARGIN
        )
        layout = lay_out_tile(card, fonts, name, "12")
        parts = layout.parts()
        assert all(card.contains(r) for r in parts), (width, parts)
        assert not [(a, b) for a, b in combinations(parts, 2) if a.intersects(b)], (width, parts)
        assert 1 <= len(layout.name_lines) <= 2
        # a line below another starts below it (no descender over the next line or the symbol)
        tops = [r.top() for r in parts[:-1]]
        assert tops == sorted(tops)


def test_a_chinese_name_takes_two_lines_rather_than_an_ellipsis(theme, qapp) -> None:
    fonts = tile_fonts(qapp.font(), theme.font_px)
    narrowest, preferred, _ = tile_size(fonts)
    inner = preferred - 2 * CELL_MARGIN - 18
    assert "".join(name_lines("华强五金机电商行", fonts.name, inner)) == "华强五金机电商行"
    lines = name_lines("华强五金机电商行", fonts.name, narrowest - 2 * CELL_MARGIN - 18)
    assert len(lines) == 2 and len(lines[0]) >= 4
    long = name_lines("东湖机电五金城华强五金机电设备经营部", fonts.name, inner)
    assert len(long) == 2 and long[-1].endswith("…")


def _ink(image: QImage, rect: QRect, colour: QColor) -> int:
    """How many pixels of ``rect`` are (nearly) ``colour``."""
    found = 0
    for x in range(rect.left(), rect.right() + 1):
        for y in range(rect.top(), rect.bottom() + 1):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red())
                + abs(c.green() - colour.green())
                + abs(c.blue() - colour.blue())
                < 40
            ):
                found += 1
    return found


def market_grid(qtbot, window):
    """The demo inspector's market as a floor plan."""
    log_in(qtbot, window, DEMO_INSPECTOR)
    tour = inspector_tour(window, lambda ok: qtbot.waitUntil(ok, timeout=5000))
    market = next(screen for name, screen in tour if name == "market_grid")
    QApplication.processEvents()
    return market


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1280, 800), (800, 1280)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("colours", ["normal", "high_contrast"])
def test_the_floor_plan_in_large_text_paints_no_name_over_a_symbol(
    qtbot, demo_window, locale, size, colours
) -> None:
    ctx = demo_window.ctx
    with tablet_window(qtbot, ctx, size, locale, "large", colours) as window:
        market = market_grid(qtbot, window)
        grid, model, delegate = market.grid, market.grid_model, market.tile_delegate
        narrowest, _, height = delegate.tile_size(grid.font())
        assert grid.rowHeight(0) == height and grid.columnWidth(0) >= narrowest
        image = grid.viewport().grab().toImage()
        muted = ctx.theme.color("muted")
        fonts = delegate.fonts(grid.font())
        checked = 0
        for column in range(model.columnCount()):
            index = model.index(0, column)
            status: PremisesStatus | None = index.data(ROW_ROLE)
            cell = grid.visualRect(index)
            if status is None or not grid.viewport().rect().contains(cell):
                continue
            card = cell.adjusted(CELL_MARGIN, CELL_MARGIN, -CELL_MARGIN, -CELL_MARGIN)
            count = str(status.open_hazards or "")
            layout = lay_out_tile(card, fonts, status.premises.name, count)
            assert all(card.contains(r) for r in layout.parts())
            # the name's grey is painted in its lines, never on the symbol or the count
            for r in (layout.symbol, layout.count):
                if r is not None:
                    assert _ink(image, r, muted) == 0, (status.premises.name, r)
            assert sum(_ink(image, r, muted) for r, _ in layout.name_lines) > 0
            assert status.premises.name in index.data(Qt.ItemDataRole.ToolTipRole)
            checked += 1
        assert checked >= 4


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_ten_stalls_fit_a_landscape_row_in_normal_text(qtbot, demo_window, locale) -> None:
    with tablet_window(qtbot, demo_window.ctx, (1280, 800), locale, "normal") as window:
        market = market_grid(qtbot, window)
        model: PremisesGridModel = market.grid_model
        first_row = [s for s in model.premises if (s.premises.floor, s.premises.row) == ("1", "1")]
        model.set_rows(first_row[:10])
        QApplication.processEvents()
        grid = market.grid
        assert model.columnCount() == 10
        assert grid.horizontalScrollBar().maximum() == 0
        narrowest, preferred, _ = market.tile_delegate.tile_size(grid.font())
        assert narrowest <= grid.columnWidth(0) <= preferred


def test_the_tiles_grow_and_shrink_with_a_live_text_size_change(qtbot, demo_window) -> None:
    ctx = demo_window.ctx
    with tablet_window(qtbot, ctx, (1280, 800), "zh_CN", "normal") as window:
        market = market_grid(qtbot, window)
        grid, delegate = market.grid, market.tile_delegate
        normal = grid.rowHeight(0)
        ctx.theme.apply(text="large")  # as Settings does
        QApplication.processEvents()
        narrowest, _, height = delegate.tile_size(grid.font())
        assert grid.rowHeight(0) == height > normal and grid.columnWidth(0) >= narrowest
        ctx.theme.apply(text="normal")
        QApplication.processEvents()
        assert grid.rowHeight(0) == normal
