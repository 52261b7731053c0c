"""Every table fits the tablet's width: no sideways scrolling on a 1280×800 landscape or an
800×1280 portrait window, in Chinese and English, normal and large text (the walk of issue
12 measured the residents list 326 px wider than its view, the hazards list 587–601 px)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.exceptions import TimeoutError as WaitTimedOut

from tests.ui.conftest import DEMO_INSPECTOR, log_in, open_tab, tap, wait_idle
from tests.ui.helpers import report
from tests.ui.layout import views_scroll_sideways, wait_for
from tests.ui.tours import inspector_tour, tour
from ui.main_window import MainWindow
from ui.models.search import SearchModel

CONFIGS = [
    ((1280, 800), "zh_CN", "normal"),
    ((800, 1280), "zh_CN", "large"),
    ((1280, 800), "en", "large"),
    ((800, 1280), "en", "large"),
]
IDS = ["landscape", "portrait-large", "landscape-en-large", "portrait-en-large"]


@contextlib.contextmanager
def dressed(window: MainWindow, size: tuple[int, int], locale: str, text: str) -> Iterator[None]:
    ctx = window.ctx
    ctx.i18n.switch(locale)
    ctx.theme.apply("normal", text)
    window.resize(*size)
    try:
        yield
    finally:
        ctx.theme.apply("normal", "normal")
        ctx.i18n.switch("zh_CN")


def overflows(qtbot, window: MainWindow, steps) -> list[str]:
    bad = []
    for name, _screen in steps:
        QApplication.processEvents()
        with contextlib.suppress(WaitTimedOut):
            qtbot.waitUntil(lambda: not views_scroll_sideways(window), timeout=300)
        bad += [f"{name}: {p}" for p in views_scroll_sideways(window)]
    return bad


@pytest.mark.parametrize(("size", "locale", "text"), CONFIGS, ids=IDS)
@pytest.mark.parametrize("worker", ["G0001", "S0001", DEMO_INSPECTOR])
def test_no_table_scrolls_sideways(qtbot, demo_window, size, locale, text, worker) -> None:
    with dressed(demo_window, size, locale, text):
        log_in(qtbot, demo_window, worker)
        walk = inspector_tour if worker == DEMO_INSPECTOR else tour
        bad = overflows(qtbot, demo_window, walk(demo_window, wait_for(qtbot)))
    assert bad == [], "\n".join(bad)


def test_the_ticket_columns_stay_put_across_the_state_filters(qtbot, window) -> None:
    """Each state tab resized the columns to its own tickets: the time limit jumped under
    the finger from one tab to the next."""
    log_in(qtbot, window)
    window.resize(1280, 800)
    report(window, "灯坏了")
    long = report(window, "单元门禁失灵外人随意进出已经一个星期物业一直没有来修")
    window.workspace.tickets.act(long.id, "accept")
    tickets = open_tab(qtbot, window, "tickets")
    header = tickets.table.horizontalHeader()
    qtbot.waitUntil(lambda: tickets.model.rowCount() == 2)

    def widths(state: str) -> list[int]:
        tap(qtbot, tickets.filter.buttons[state])
        wait_idle(qtbot, window)
        qtbot.wait(50)  # the columns are fitted on the next turn of the loop
        return [header.sectionSize(c) for c in range(header.count())]

    shown = widths("open")
    for state in ("reported", "accepted", "open"):
        assert widths(state) == shown, state


def test_a_header_sits_over_its_cells(qtbot, window) -> None:
    """The search's 地址 was centred over left-aligned addresses, so it read as the name's."""
    log_in(qtbot, window)
    register = open_tab(qtbot, window, "register")
    register.search_box.setText("王")
    qtbot.waitUntil(lambda: register.search_model.rowCount() > 0)
    header = register.results_table.horizontalHeader()
    assert header.defaultAlignment() & Qt.AlignmentFlag.AlignLeft
    address = register.search_model.headerData(
        SearchModel.COL_ADDRESS, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole
    )
    assert address is None  # the cells' own (left), not centred


@pytest.mark.parametrize(("size", "locale", "text"), CONFIGS, ids=IDS)
def test_a_ticket_history_gives_its_notes_room_to_read(
    qtbot, demo_window, size, locale, text
) -> None:
    """Landscape, English, large text: the history's 备注 (Note) got a sliver, its words one
    to a line, beside a wide Step; the note is what people read there."""
    with dressed(demo_window, size, locale, text):
        log_in(qtbot, demo_window, "G0001")
        detail = next(
            s for name, s in tour(demo_window, wait_for(qtbot)) if name == "ticket_history"
        )
        table = detail.history_table
        notes = [r for r in range(table.model().rowCount()) if table.model().index(r, 3).data()]
        assert notes, "the demo's verified ticket has notes in its history"
        wait_idle(qtbot, demo_window)
        qtbot.wait(50)  # the columns are fitted on the next turn of the loop
        header = table.horizontalHeader()
        widths = [header.sectionSize(c) for c in range(header.count())]
        room = table.viewport().width()
        metrics = table.fontMetrics()
        longest = max(metrics.horizontalAdvance(table.model().index(r, 3).data()) for r in notes)
        # the notes whole, or a fair part of the table where they are longer: 30% where the
        # others can spare it, at least a quarter (landscape in large English the date, the
        # longest word of a step and the photos' header leave 26%; it had 16%)
        assert header.sectionSize(3) >= min(longest, 0.25 * room), widths
        assert not views_scroll_sideways(demo_window)
