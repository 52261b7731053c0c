"""Layout checks of a shown window, shared by the screen tests: touch targets of 48 px, no
text squeezed below its size, and the same over every screen of a tour."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabBar,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as WaitTimedOut

from ui.main_window import MainWindow
from ui.widgets.table import TouchTable, unbreakable_parts
from ui.widgets.touch import TOUCH_PX, ElidedLabel


def problems(window) -> list[str]:
    """What is wrong on the window as shown: a touch target under 48 px, a button, label or
    column header narrower than its text, a word cut in a wrapping table, a form that
    scrolls sideways."""
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
            found += words_cut(table)
        rows = table.model().rowCount() if table.model() else 0
        if table.isVisible() and rows and table.viewport().height() < table.rowHeight(0):
            # squeezed to its header: the rows are there and none can be seen
            found.append(f"table {table.objectName()!r}: none of its {rows} rows in view")
    return found + scrolls_sideways(window) + cut_at_the_edge(window)


def cut_at_the_edge(window) -> list[str]:
    """A one-line label that runs past the right edge of a box it is in: its own width is
    its text's, but the box clips it ("Key household: Chronic / regular trea"). Inside a
    scroll area's view only up to the view: scrolled content is ``scrolls_sideways``'."""
    found = []
    for lab in window.findChildren(QLabel):
        if not lab.isVisible() or lab.wordWrap() or isinstance(lab, ElidedLabel) or not lab.text():
            continue
        right = lab.mapTo(window, QPoint(lab.width(), 0)).x()
        box = lab.parentWidget()
        while box is not None and box is not window:
            if isinstance(box.parentWidget(), QAbstractScrollArea):
                break  # the view of a scroll area: its content may be wider
            edge = box.mapTo(window, QPoint(box.width(), 0)).x()
            if right > edge + 1:
                found.append(f"label {lab.text()!r}: cut {right - edge} px by its box")
                break
            box = box.parentWidget()
    return found


def scrolls_sideways(window) -> list[str]:
    """A form scrolls up and down; one wider than the screen hides its right edge (the
    visit's outcome, a concern's Remove) behind a sideways scroll bar. Only a row made to
    scroll sideways (form.scrolling_row: no vertical bar) may."""
    found = []
    for area in window.findChildren(QScrollArea):
        sideways = area.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if area.isVisible() and not sideways and area.horizontalScrollBar().isVisible():
            inner = area.widget()
            found.append(
                f"scroll area {area.objectName() or type(area.parent()).__name__}: its "
                f"{inner.width() if inner else 0} px content in a {area.viewport().width()} "
                "px view scrolls sideways"
            )
    return found


def views_scroll_sideways(window) -> list[str]:
    """A shown table whose columns are wider than its view: a finger has to drag it sideways
    to read the rest of a row (the walk of issue 12 measured the residents list 326 px
    over, the hazards list 587 px). How far over, and which columns it has."""
    found = []
    for table in window.findChildren(TouchTable):
        if not table.isVisible():
            continue
        header = table.horizontalHeader()
        bar = table.horizontalScrollBar().maximum()
        over = max(header.length() - table.viewport().width(), bar)
        if over > 1:
            model = table.model()
            shown = [
                f"{model.headerData(c, Qt.Orientation.Horizontal)}={header.sectionSize(c)}"
                for c in range(header.count())
                if not header.isSectionHidden(c)
            ]
            name = table.objectName() or table.accessibleName()
            found.append(
                f"table {name!r}: {over} px wider than its {table.viewport().width()} px view "
                f"({', '.join(shown)})"
            )
    return found


def words_cut(table) -> list[str]:
    """In a table whose rows wrap, a word wider than its column is cut ("rectifica…")."""
    header, model, metrics = table.horizontalHeader(), table.model(), table.fontMetrics()
    cut = []
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        for row in range(model.rowCount()):
            text = model.index(row, column).data()
            for word in unbreakable_parts(str(text or "")):
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
    for name, screen in steps:
        QApplication.processEvents()
        assert (window.width(), window.height()) == size, name
        assert screen.isVisible(), f"{name}: the tour's screen is not the one shown"
        bad += [f"{name}: {p}" for p in settled_problems(qtbot, window)]
    return bad


@contextlib.contextmanager
def tablet_window(
    qtbot, ctx, size: tuple[int, int], locale: str, text: str, colours: str = "normal"
) -> Iterator[MainWindow]:
    """A main window of ``size``, shown, in ``locale`` with ``colours`` at text size ``text``;
    once the block is done, its workspace closed and the context back in Chinese, normal."""
    ctx.i18n.switch(locale)
    ctx.theme.apply(colours, text)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.resize(*size)
    try:
        yield window
    finally:
        if window.workspace is not None:  # not when the block failed before logging in
            window.workspace.close()
            window.workspace = None
        ctx.theme.apply("normal", "normal")
        ctx.i18n.switch("zh_CN")


def title_cut(title: QLabel) -> str | None:
    """What an eliding title (``ElidedLabel``) shows short of its text, or None when whole:
    the top bar's title must keep room for the screen's name."""
    needs = title.fontMetrics().horizontalAdvance(title.text())
    if title.contentsRect().width() < needs:
        return f"title {title.text()!r}: {title.contentsRect().width()} px wide, needs {needs}"
    return None
