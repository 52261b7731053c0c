"""On every screen, landscape and portrait: touch targets ≥ 48 px and no button or one-line
label squeezed below its text (clipped text); the window keeps the tablet's size."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as WaitTimedOut

from tests.ui.conftest import log_in
from tests.ui.tours import tour
from ui.main_window import MainWindow
from ui.widgets.table import TouchTable
from ui.widgets.touch import TOUCH_PX, ElidedLabel


def problems(window) -> list[str]:
    found = []
    for b in window.findChildren(QAbstractButton):
        qt_own = b.objectName().startswith("qt_") or isinstance(b.parent(), QLineEdit | QTabBar)
        if not b.isVisible() or qt_own:
            continue  # a line edit's clear button, a tab bar's arrows, a table's corner
        name = f"{type(b).__name__}#{b.objectName()} {b.text()!r}"
        if b.height() < TOUCH_PX:
            found.append(f"{name}: {b.height()} px high")
        if b.text() and b.width() < b.minimumSizeHint().width() - 1:
            found.append(f"{name}: {b.width()} px wide, needs {b.minimumSizeHint().width()}")
    for lab in window.findChildren(QLabel):
        if not lab.isVisible() or lab.wordWrap() or isinstance(lab, ElidedLabel) or not lab.text():
            continue
        if lab.width() < lab.minimumSizeHint().width() - 1:
            found.append(f"label {lab.text()!r}: {lab.width()} px wide, needs more")
    for header in window.findChildren(QHeaderView):
        if not header.isVisible() or header.orientation() != Qt.Orientation.Horizontal:
            continue
        model = header.model()
        for section in range(header.count()):
            text = model.headerData(section, Qt.Orientation.Horizontal) if model else None
            if header.isSectionHidden(section) or not text:
                continue
            needs = header.sectionSizeFromContents(section).width()
            if header.sectionSize(section) < needs - 1:
                found.append(
                    f"column {text!r}: {header.sectionSize(section)} px wide, needs {needs}"
                )
    for table in window.findChildren(TouchTable):
        if table.isVisible() and table.wordWrap():
            found += _words_cut(table)
    return found


def _words_cut(table) -> list[str]:
    """In a table whose rows wrap, a word wider than its column is cut ("rectifica…")."""
    header, model, metrics = table.horizontalHeader(), table.model(), table.fontMetrics()
    cut = []
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        for row in range(model.rowCount()):
            text = model.index(row, column).data()
            for word in str(text or "").split():
                if metrics.horizontalAdvance(word) + 4 > header.sectionSize(column):
                    cut.append(f"word {word!r} cut in a {header.sectionSize(column)} px column")
    return cut


def settled_problems(qtbot, window) -> list[str]:
    """``problems`` once the layouts have caught up: a text set as data arrives (the ticket
    filter's counts) is laid out over the next turns of the event loop, and on a busy
    machine the check could run in between. What is still wrong after a second stays wrong."""
    with contextlib.suppress(WaitTimedOut):
        qtbot.waitUntil(lambda: not problems(window), timeout=1000)
    return problems(window)


def wait_for(qtbot) -> Callable[[Callable[[], bool]], None]:
    """The ``wait`` a tour takes: up to five seconds for a screen's data."""
    return lambda ok: qtbot.waitUntil(ok, timeout=5000)


def problems_on_tour(
    qtbot, window, steps: Iterable[tuple[str, QWidget]], size: tuple[int, int]
) -> list[str]:
    """Walk a tour's screens, checking the window keeps the tablet's size; every screen's
    settled problems, named by screen."""
    bad = []
    for name, _screen in steps:
        QApplication.processEvents()
        assert (window.width(), window.height()) == size, name
        bad += [f"{name}: {p}" for p in settled_problems(qtbot, window)]
    return bad


@pytest.mark.parametrize(
    ("size", "locale", "text"),
    [
        ((1280, 800), "zh_CN", "normal"),
        ((800, 1280), "zh_CN", "normal"),
        ((1280, 800), "en", "large"),
        ((800, 1280), "en", "large"),
    ],
    ids=["landscape", "portrait", "landscape-en-large", "portrait-en-large"],
)
def test_every_screen_fits_the_tablet(qtbot, ctx, size, locale, text) -> None:
    ctx.i18n.switch(locale)
    ctx.theme.apply("normal", text)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.resize(*size)
    log_in(qtbot, window)
    window.workspace.tickets.open(
        grid_id="g1", category="物业管理", title="楼道灯坏了", urgent=True
    )
    bad = problems_on_tour(qtbot, window, tour(window, wait_for(qtbot)), size)
    window.workspace.close()
    window.workspace = None
    ctx.theme.apply("normal", "normal")
    ctx.i18n.switch("zh_CN")
    assert bad == [], "\n".join(bad)
