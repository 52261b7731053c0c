"""Starting the app: QApplication, translations, theme, qasync loop, the main window.

Start-up does only what the login screen needs; the database, pinyin and every other screen
load after login (start_to_login_s in bench/ui_startup.py keeps this honest).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from gridterm.applog import setup_logging, write_crash_report
from ui.context import AppContext
from ui.gc import GuiThreadCollector
from ui.i18n import Translations
from ui.labels import error_message
from ui.main_window import MainWindow
from ui.ops import Ops
from ui.settings import COLOURS, DB_PATH, IDLE_LOCK_MINUTES, LANGUAGE, TEXT_SIZE, AppSettings
from ui.theme import Theme
from ui.window_fit import fit_to_screen

log = logging.getLogger(__name__)
APP_NAME = "gridterm"
#: The app's icon (also the menu entry's, installed by packaging/install.sh).
APP_ICON = Path(__file__).resolve().parent.parent / "resources" / "app" / "gridterm.svg"


def set_identity(app: QApplication) -> None:
    """The names and icon the desktop shows for the app: the window icon on X11 and Windows,
    the .desktop file (gridterm.desktop, with the same icon) on Wayland."""
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("GridTerm")
    app.setDesktopFileName("gridterm")  # positioning (geoclue) asks who is locating, too
    app.setWindowIcon(QIcon(str(APP_ICON)))


def settings_path(given: Path | str | None = None) -> Path:
    """The settings file: ``given`` or ``ui.ini`` under the user config dir."""
    return Path(given) if given else platformdirs.user_config_path(APP_NAME) / "ui.ini"


def install_excepthook(window_ref: list[MainWindow]) -> None:
    """Errors escaping a slot (qasync sends them to sys.excepthook) are logged, written to a
    crash report in the log folder, and shown."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("".join(traceback.format_exception(kind, error, tb)))
        write_crash_report(kind, error, tb)
        if window_ref and QApplication.instance() is not None:
            QMessageBox.warning(window_ref[0], "GridTerm", error_message(error))

    sys.excepthook = hook


#: The login screen is painted before the event loop machinery loads, within this time.
FIRST_PAINT_WAIT_S = 3.0


def make_context(app: QApplication, args: argparse.Namespace) -> AppContext:
    """Settings, translations, theme and the database location for this run."""
    settings = AppSettings(settings_path(getattr(args, "settings", None)))
    i18n = Translations(app)
    i18n.switch(getattr(args, "lang", None) or settings.get(LANGUAGE))
    theme = Theme(
        app,
        getattr(args, "colours", None) or settings.get(COLOURS),
        getattr(args, "text_size", None) or settings.get(TEXT_SIZE),
    )
    ctx = AppContext(
        settings=settings,
        ops=Ops(),
        i18n=i18n,
        theme=theme,
        idle_lock_ms=settings.get(IDLE_LOCK_MINUTES) * 60_000,
    )
    if getattr(args, "db", None):
        ctx.db_path = Path(args.db)
    elif getattr(args, "demo", False):
        from ui.demo_db import demo_db_path, load_demo_users

        ctx.db_path = demo_db_path()
        ctx.demo_users = load_demo_users(ctx.db_path)
    elif settings.get(DB_PATH):
        ctx.db_path = Path(settings.get(DB_PATH))
        from ui.demo_db import load_demo_users

        ctx.demo_users = load_demo_users(ctx.db_path)
    return ctx


def main(args: argparse.Namespace, on_window: Callable[[MainWindow], None] | None = None) -> int:
    """Run the app until its window closes; returns the exit status. An exception before the
    window shows (no translations, no database folder) leaves a crash report and one line.

    ``on_window`` is called with the main window before it is shown (bench/ui_driver.py
    attaches its drive there); without it, ``GRIDTERM_BENCH`` attaches the start check
    (ui/start_check.py)."""
    log_file = setup_logging()
    log.info("GridTerm starting (log %s)", log_file)
    try:
        return _run(args, on_window)
    except Exception as exc:
        report = write_crash_report(type(exc), exc, exc.__traceback__)
        print(f"GridTerm could not start: {exc} (details in {report})", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, on_window: Callable[[MainWindow], None] | None) -> int:
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)  # widgets need a QApplication, not a QCoreApplication
    set_identity(app)
    collector = GuiThreadCollector(app)
    ctx = make_context(app, args)
    window = MainWindow(ctx)
    screen = app.primaryScreen()
    if screen is not None:  # 1280×800 would overrun a portrait tablet's 800×1280
        fit_to_screen(window, screen.availableGeometry())
    install_excepthook([window])
    if on_window is not None:
        on_window(window)
    elif os.environ.get("GRIDTERM_BENCH"):
        from ui.start_check import attach

        attach(window)
    window.show()
    paint_first(app, window)

    # Loaded after the first paint: nothing on the login screen needs asyncio.
    import asyncio

    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    ctx.ops.loop = loop
    if getattr(args, "demo", False) and (ctx.db_path is None or not ctx.db_path.exists()):
        window.build_demo()
    try:
        with loop:
            loop.run_forever()
    finally:
        ctx.ops.shutdown()
        collector.stop()
    return 0


def paint_first(app: QApplication, window: MainWindow) -> None:
    """Process events until the first screen is on the display (or a few seconds passed)."""
    painted: list[bool] = []
    for screen in (window.login, window.first_run):
        if hasattr(screen, "first_painted"):
            screen.first_painted.connect(lambda: painted.append(True))
    if window.stack.currentWidget() is not window.login:
        app.processEvents()
        return
    deadline = time.monotonic() + FIRST_PAINT_WAIT_S
    while not painted and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
