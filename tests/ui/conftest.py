"""UI test fixtures: offscreen Qt, a qasync loop per test, a small database, the app context."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from gridterm.search import index
from gridterm.store import Store
from gridterm.store.keys import FAST_KDF, keyfile_path
from tests.conftest import PIN, Territory
from ui.context import AppContext
from ui.i18n import Translations, compile_translations
from ui.main_window import MainWindow
from ui.ops import Ops
from ui.settings import AppSettings
from ui.theme import Theme


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """The ``.qm`` catalogues as the ``.ts`` sources say now (the app never compiles them)."""
    compile_translations()


@pytest.fixture(scope="session", autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """No cyclic garbage collection on pool threads (see ui/gc.py); collect after each test."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_after_test() -> Iterator[None]:
    """Free each test's widgets on the GUI thread."""
    yield
    gc.collect()


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop that asyncio sees as running while qtbot pumps Qt events.

    pytest-qt drives Qt's event loop, not asyncio's (pytest-qt#448); qasync schedules its
    callbacks as Qt events, so marking the loop running is all coroutines need. Closed at
    teardown: its executor threads must not outlive the test.
    """
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    yield loop
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)


def _populate(store: Store) -> None:
    territory = Territory(store)
    for room, tags in (
        ("501", {"key_reasons": '["elderly_alone"]'}),
        ("502", {"party_member": 1}),
        ("601", {"vacant": 1}),
        ("602", {"rental": 1}),
    ):
        territory.household(room=room, **tags)
    store.write(
        lambda tx: tx.insert(
            "resident",
            {
                "id": "r-501",
                "household_id": "h-g1-501",
                "name": "王秀英",
                "gender": "female",
                "relation": "head",
                "birth_date": "1941-03-02",
                "phone": "13812345678",
                "id_number": "420106194103021220",
            },
            outbox=False,
        )
    )
    index.install(store)
    store.write(index.rebuild)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small territory database made once; tests get their own copy."""
    path = tmp_path_factory.mktemp("template") / "gridterm.db"
    store = Store.create(path, "w1", PIN, FAST_KDF)
    _populate(store)
    for worker in ("p1", "s1"):
        store.add_local_user(worker, PIN, FAST_KDF)
    store.close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    """This test's own copy of the template database."""
    target = tmp_path / "db" / template_db.name
    target.parent.mkdir()
    shutil.copy2(template_db, target)
    shutil.copy2(keyfile_path(template_db), keyfile_path(target))
    return target


@contextlib.contextmanager
def app_context(
    qapp: QApplication, loop: asyncio.AbstractEventLoop, tmp_path: Path, db_path: Path
) -> Iterator[AppContext]:
    """The app context on ``db_path``, in Chinese, normal theme; shut down after the block."""
    i18n = Translations(qapp)
    i18n.switch("zh_CN")
    theme = Theme(qapp, "normal")
    context = AppContext(
        settings=AppSettings(tmp_path / "ui.ini"),
        ops=Ops(loop),
        i18n=i18n,
        theme=theme,
        db_path=db_path,
        locate=False,
    )
    yield context
    context.ops.shutdown()
    theme.deleteLater()


def close_window(w: MainWindow) -> None:
    """Close the window and its workspace and let Qt delete them."""
    if w.workspace is not None:
        w.workspace.close()
        w.workspace = None
    w.close()
    w.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def ctx(qapp: QApplication, loop: asyncio.AbstractEventLoop, tmp_path: Path, db_path: Path):
    """The app context on this test's database, in Chinese, normal theme."""
    with app_context(qapp, loop, tmp_path, db_path) as context:
        yield context


@pytest.fixture
def window(qtbot, ctx: AppContext) -> Iterator[MainWindow]:
    """The main window, shown, on the login screen."""
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    yield w
    close_window(w)


def log_in(qtbot, window: MainWindow, worker: str = "w1", pin: str = PIN) -> None:
    """Type the worker ID and PIN, tap Log in, wait for the shell."""
    window.login.worker_id.setText("")
    qtbot.keyClicks(window.login.worker_id, worker)
    qtbot.keyClicks(window.login.pin, pin)
    qtbot.mouseClick(window.login.submit, qt_left())
    qtbot.waitUntil(lambda: window.shell is not None and window.shell.isVisible(), timeout=5000)


def type_text(qtbot, widget, text: str) -> None:
    """Type into a widget: keys for ASCII, an input-method commit for Chinese (as a pinyin
    IME delivers it; QTest cannot press keys for CJK characters)."""
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def tap(qtbot, widget) -> None:
    """Scroll ``widget`` into view if it is in a scroll area, then click it.

    QTest delivers a click at the widget's window position, like a finger: a widget scrolled
    out of view would not get it.
    """
    from PySide6.QtWidgets import QScrollArea

    # Let pending layout requests run first: a finger taps what is drawn, where it is drawn.
    QApplication.processEvents()
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(widget)
    qtbot.mouseClick(widget, qt_left())


def click_row(qtbot, table, row: int, column: int = 0) -> None:
    """Tap a table row (through the viewport, as a finger would)."""
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), qt_left(), pos=rect.center())


def open_tab(qtbot, window: MainWindow, name: str):
    """Tap a section in the navigation and return its screen."""
    qtbot.mouseClick(window.shell.nav.buttons[name], qt_left())
    qtbot.waitUntil(lambda: window.shell.current == name)
    return window.shell.top_screen()


def wait_idle(qtbot, window: MainWindow) -> None:
    """Wait until no operation is running off the GUI thread (and its results are shown)."""
    qtbot.waitUntil(lambda: window.ctx.ops.busy == 0, timeout=5000)


def qt_left():
    """The left mouse button."""
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo street office (a market with stalls, inspections and hazards at every
    stage), built once; every demo user's PIN is ``PIN``."""
    from gridterm.demo.generator import build_demo

    path = tmp_path_factory.mktemp("demo") / "gridterm-demo.db"
    build_demo(path, 300, pin=PIN, kdf=FAST_KDF)
    return path


@pytest.fixture
def demo_window(qtbot, qapp, loop, tmp_path: Path, demo_template: Path) -> Iterator[MainWindow]:
    """The main window on this test's copy of the demo database, in Chinese, on the login."""
    target = tmp_path / "demo" / demo_template.name
    target.parent.mkdir()
    shutil.copy2(demo_template, target)
    shutil.copy2(keyfile_path(demo_template), keyfile_path(target))
    with app_context(qapp, loop, tmp_path, target) as context:
        w = MainWindow(context)
        qtbot.addWidget(w)
        w.resize(1280, 800)
        w.show()
        yield w
        close_window(w)


#: The demo's first market inspector (市场巡查员), as gridterm/demo names its staff.
DEMO_INSPECTOR = "M0001"
