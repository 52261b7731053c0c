"""What a worker reads fits and cannot be misread: dates as 2026-10-18 in both languages, the
ticket states all on a portrait screen, the English due list's headers and reasons whole."""

from __future__ import annotations

import contextlib
import re
from datetime import date

import pytest
from PySide6.QtCore import QDate, QRect, Qt
from pytestqt.exceptions import TimeoutError as WaitTimedOut

from tests.ui.conftest import log_in, open_tab
from ui.formatting import date_text, long_date_text
from ui.main_window import MainWindow
from ui.models.due import DueModel
from ui.widgets.dates import date_edit

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}\b")


def shown_window(qtbot, ctx, size: tuple[int, int]) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.resize(*size)
    return window


def close(window: MainWindow, ctx) -> None:
    if window.workspace is not None:
        window.workspace.close()
        window.workspace = None
    ctx.i18n.switch("zh_CN")


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_dates_read_year_month_day_in_both_languages(qtbot, ctx, locale) -> None:
    ctx.i18n.switch(locale)
    try:
        day = date(2026, 10, 18)
        assert date_text(day) == "2026-10-18"  # never 10/18/26
        assert long_date_text(day).startswith("2026-10-18 ")
        edit = date_edit("when", QDate(2026, 10, 18))
        qtbot.addWidget(edit)
        assert edit.text() == "2026-10-18"
        window = shown_window(qtbot, ctx, (1280, 800))
        log_in(qtbot, window)
        today = window.shell.top_screen()
        qtbot.waitUntil(lambda: today.data is not None)
        assert ISO_DAY.match(today.heading.text()), today.heading.text()
    finally:
        close(window, ctx)


def test_every_ticket_state_is_on_a_portrait_screen(qtbot, ctx) -> None:
    window = shown_window(qtbot, ctx, (800, 1280))
    try:
        log_in(qtbot, window)
        tickets = open_tab(qtbot, window, "tickets")
        qtbot.waitUntil(lambda: tickets.filter.buttons["closed"].text() != "已销号")

        def cut() -> list[str]:
            return [
                value
                for value, b in tickets.filter.buttons.items()
                if not b.isVisible()
                or b.visibleRegion().boundingRect().size() != b.size()
                or b.mapTo(window, b.rect().topRight()).x() >= window.width()
            ]

        # The counts arrive after the screen: give the layout its turn, then it must hold.
        with contextlib.suppress(WaitTimedOut):
            qtbot.waitUntil(lambda: not cut(), timeout=1000)
        assert cut() == [], "cut or off screen"
        assert "已销号" in tickets.filter.buttons["closed"].text()
    finally:
        close(window, ctx)


def test_the_english_due_list_shows_its_headers_and_reasons_whole(qtbot, ctx) -> None:
    ctx.i18n.switch("en")
    window = shown_window(qtbot, ctx, (1280, 800))
    try:
        log_in(qtbot, window)
        reasons = ["elderly_alone", "disabled", "low_income", "patient"]
        window.workspace.register.edit_household("h-g1-501", key_reasons=reasons)
        today = window.shell.top_screen()
        table = today.due_table
        qtbot.waitUntil(lambda: today.due_model.rowCount() > 0)
        qtbot.wait(50)
        header = table.horizontalHeader()
        for column, _ in enumerate(DueModel.HEADERS):
            text = today.due_model.headerData(column, Qt.Orientation.Horizontal)
            need = header.fontMetrics().horizontalAdvance(text)
            assert header.sectionSize(column) >= need, f"header {text!r} is clipped"
        metrics = table.fontMetrics()
        width = header.sectionSize(DueModel.COL_REASONS) - 8
        for row in range(today.due_model.rowCount()):
            text = today.due_model.index(row, DueModel.COL_REASONS).data()
            lines = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
            assert table.rowHeight(row) >= lines.height(), f"reasons {text!r} are cut"
    finally:
        close(window, ctx)


@pytest.mark.parametrize(
    ("room", "expected"),
    [
        ((800, 1280), (800, 1280)),
        ((1280, 800), (1280, 800)),
        ((1920, 1080), (1280, 800)),
        ((1024, 600), (1024, 600)),
        ((800, 1232), (800, 1232)),
    ],
)
def test_the_window_takes_the_screens_orientation_and_stays_on_it(
    qtbot, ctx, room, expected
) -> None:
    from PySide6.QtCore import QSize

    from ui.window_fit import fit_to_screen, window_size

    assert window_size(QSize(*room)) == QSize(*expected)
    window = MainWindow(ctx)  # as the app starts it, before it is shown
    qtbot.addWidget(window)
    available = QRect(0, 48, *room)  # below a panel, as availableGeometry leaves it
    fit_to_screen(window, available)
    window.show()
    assert window.size() == QSize(*expected) and available.contains(window.geometry())
    # a geometry kept from a run on a larger screen is brought back inside this one
    window.setProperty("restored", True)
    window.setGeometry(300, 200, 1280, 800)
    fit_to_screen(window, available)
    assert available.contains(window.geometry())
    close(window, ctx)


def test_the_window_fits_the_platforms_own_screen(qtbot, ctx, qapp) -> None:
    from ui.window_fit import fit_to_screen

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    available = qapp.primaryScreen().availableGeometry()  # offscreen: 800×800
    fit_to_screen(window, available)
    window.show()
    # (its size: offscreen moves a shown window by a 2 px frame it pretends to draw)
    assert available.size().boundedTo(window.size()) == window.size(), window.geometry()
    close(window, ctx)
