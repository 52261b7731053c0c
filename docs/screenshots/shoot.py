"""The walks of make.py: one window per configuration and user, each shot saved as it shows.

One QApplication serves every window; a window's operations are stopped, the window closed
and deleted before the next one opens. The script pumps events itself and never runs an
event loop, so each turn also delivers deferred deletes (``pump``): without that no screen
closed with ``deleteLater`` (every ``back``) and no window was ever deleted; they piled up
with their timers and their connections to the shared theme and language, every look
change restyled all the earlier windows, and a nested event loop could delete the lot at
an arbitrary moment (the likely cause of the run that died with SIGSEGV).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from make import (
    CONFIGS,
    HOUSEHOLDS,
    INSPECTOR_SCREENS,
    WORKER_SCREENS,
    Config,
    make_pictures,
    save_png,
)

Walk = Callable[[Any, Callable[[Callable[[], bool]], None]], Iterator[tuple[str, Any]]]


def worker_walk(window: Any, wait: Any) -> Iterator[tuple[str, Any]]:
    """The grid worker's tour (tests/ui/tours/screens.py)."""
    from tests.ui.tours import tour

    yield from tour(window, wait)


def inspector_walk(window: Any, wait: Any) -> Iterator[tuple[str, Any]]:
    """The market inspector's screens, then part of an inspection."""
    from tests.ui.tours import inspection_tour, inspector_tour

    yield from inspector_tour(window, wait)
    yield from inspection_tour(window.shell, wait)


class Shooter:
    """Builds the demo, then walks each configuration as the worker and as the inspector."""

    def __init__(self, out: Path, only: set[str] | None):
        self.out = out
        self.only = only
        self.made: list[str] = []

    def run(self) -> list[str]:
        """Every walk; returns the names of the shots saved, in order."""
        import asyncio

        import qasync
        from PySide6.QtWidgets import QApplication

        from gridterm.demo.generator import build_demo
        from gridterm.store.keys import FAST_KDF
        from ui.context import DemoUser
        from ui.demo_db import save_demo_users
        from ui.gc import GuiThreadCollector
        from ui.i18n import Translations
        from ui.theme import Theme

        self.work = Path(tempfile.mkdtemp(prefix="gridterm-shots-"))
        self.db = self.work / "demo" / "gridterm-demo.db"
        result = build_demo(self.db, HOUSEHOLDS, kdf=FAST_KDF)
        self.users = [DemoUser(u.worker_id, u.name, u.role.value, u.pin) for u in result.users]
        save_demo_users(self.db, self.users)
        worker = self.users[0]
        inspector = next(u for u in self.users if u.role == "market_inspector")

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        collector = GuiThreadCollector(self.app)
        self.loop = qasync.QEventLoop(self.app)
        asyncio.set_event_loop(self.loop)
        asyncio.events._set_running_loop(self.loop)  # the script pumps Qt events itself
        self.i18n = Translations(self.app)
        self.theme = Theme(self.app)
        self.pictures = make_pictures(self.work / "Pictures")
        for config in CONFIGS:
            self.walk(config, worker, worker_walk, WORKER_SCREENS)
        for config in CONFIGS:
            self.walk(config, inspector, inspector_walk, INSPECTOR_SCREENS)
        collector.stop()
        shutil.rmtree(self.work, ignore_errors=True)
        return self.made

    def wanted(self, config: Config, screen: str) -> bool:
        """Whether this configuration saves ``screen`` (and ``--only`` asks for it)."""
        full = f"{config.prefix}-{screen}"
        return config.shows(screen) and (self.only is None or full in self.only)

    def pump(self) -> None:
        """One turn of the event loop the app would run: events, then deferred deletes (a
        closed screen's ``deleteLater``), which ``processEvents`` alone never delivers
        outside a running loop; as QTest.qWait does."""
        from PySide6.QtCore import QCoreApplication, QEvent

        self.app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        time.sleep(0.01)

    def wait(self, ok: Callable[[], bool], timeout: float = 30.0) -> None:
        """Pump events until ``ok()`` (a screen's data has come)."""
        end = time.monotonic() + timeout
        while not ok():
            if time.monotonic() > end:
                raise TimeoutError("the screen did not load")
            self.pump()

    def settle(self) -> None:
        """Let layouts, repaints, queued signals and deletions finish."""
        for _ in range(20):
            self.pump()

    def walk(self, config: Config, user: Any, walk: Walk, screens: tuple[str, ...]) -> None:
        """Log ``user`` in a new window of ``config`` and save the screens it wants."""
        if not any(self.wanted(config, s) for s in screens):
            return
        window, ctx = self.open_window(config)
        try:
            if "login" in screens:
                window.stack.setCurrentWidget(window.first_run)
                self.save(config, window, "first_run")
                window.stack.setCurrentWidget(window.login)
                self.save(config, window, "login")
            window.login.worker_id.setText(user.worker_id)
            window.login.pin.setText(user.pin)
            window.login.submit.click()
            self.wait(lambda: window.shell is not None)
            for name, screen in walk(window, self.wait):
                self.save(config, window, name, screen)
        finally:
            self.close_window(window, ctx)

    def open_window(self, config: Config) -> tuple[Any, Any]:
        """A main window in ``config``'s language, look and size, on the shared demo."""
        from ui.context import AppContext
        from ui.main_window import MainWindow
        from ui.ops import Ops
        from ui.settings import PHOTO_FOLDER, AppSettings

        self.i18n.switch(config.locale)
        self.theme.apply(*config.look)
        settings = AppSettings(self.work / f"{config.prefix}.ini")
        settings.set(PHOTO_FOLDER, str(self.pictures))  # what the photo picker shows
        ctx = AppContext(
            settings=settings,
            ops=Ops(self.loop),
            i18n=self.i18n,
            theme=self.theme,
            db_path=self.db,
            demo_users=self.users,
            locate=False,
        )
        window = MainWindow(ctx)
        window.resize(*config.size)
        window.show()
        self.settle()
        return window, ctx

    def close_window(self, window: Any, ctx: Any) -> None:
        """Wait for the window's operations, close it and delete it."""
        self.settle()  # the results of operations still on their way reach live widgets
        ctx.ops.shutdown()  # before the store closes: a reload in flight would fail
        self.settle()
        window.close()
        window.deleteLater()
        self.settle()

    def save(self, config: Config, window: Any, name: str, screen: Any = None) -> None:
        """Save ``screen`` (a dialog as itself, anything else as the whole window)."""
        from PySide6.QtWidgets import QDialog

        if not self.wanted(config, name):
            return
        self.settle()
        target = screen if isinstance(screen, QDialog) else window
        full = f"{config.prefix}-{name}"
        save_png(target.grab(), self.out / f"{full}.png")
        self.made.append(full)
        print(f"{full}.png", flush=True)
