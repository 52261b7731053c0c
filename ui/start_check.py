"""The start check the terminal bundle's smoke test runs (packaging/bundle.py): as JSON lines
on stdout, when the login screen and then Today were painted.

Attached by ui/app.py only when ``GRIDTERM_BENCH`` is set: ``start`` quits at the painted
login screen; ``today`` logs in with ``GRIDTERM_BENCH_LOGIN`` ("worker:pin") and quits at the
painted Today. It only reads: the database stays as it was. The benchmark's longer run
(a building, searches, memory) is bench/ui_driver.py, which builds on this and is not shipped.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow


def mark(name: str, **values: Any) -> None:
    """One line of stdout for the smoke test or the bench to read."""
    print(json.dumps({"mark": name, "t": time.time(), **values}), flush=True)


def memory_mb() -> dict[str, float]:
    """Resident and peak resident memory of this process."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return {
        "rss_mb": round(found.get("VmRSS", 0), 1),
        "peak_rss_mb": round(found.get("VmHWM", 0), 1),
    }


def wait(ok: Callable[[], bool], timeout: float = 60.0) -> None:
    """Process events until ``ok()`` holds; TimeoutError after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while not ok():
        if time.monotonic() > end:
            raise TimeoutError("start check step did not finish")
        QApplication.processEvents()
        time.sleep(0.001)


def when_login_painted(window: MainWindow, then: Callable[[], None]) -> None:
    """Mark the painted login screen, then call ``then`` once the event loop runs (ui/app.py
    starts it only after the first paint)."""

    def running() -> None:
        if window.ctx.ops.loop is None or not window.ctx.ops.loop.is_running():
            QTimer.singleShot(10, running)
        else:
            then()

    def painted() -> None:
        mark("login_painted", **memory_mb())
        running()

    window.login.first_painted.connect(painted)


def log_in_to_today(window: MainWindow, login: str) -> dict[str, Any]:
    """Type ``login`` ("worker:pin") on the login screen, tap Log in and wait for the painted
    Today with its due list; returns the figures."""
    worker, _, pin = login.partition(":")
    screen = window.login
    screen.worker_id.setText(worker)
    screen.pin.setText(pin)
    started = time.perf_counter()
    screen.submit.click()
    wait(lambda: window.shell is not None)
    shell: Any = window.shell  # the screens' own attributes are read below
    today = shell.top_screen()
    wait(lambda: today.data is not None)
    today.repaint()
    return {
        "login_to_today_s": round(time.perf_counter() - started, 3),
        "due_households": len(today.data.due),
    }


def attach(window: MainWindow) -> None:
    """Run the check ``GRIDTERM_BENCH`` names (``start``, else ``today``), then quit."""

    def today() -> None:
        results = log_in_to_today(window, os.environ["GRIDTERM_BENCH_LOGIN"])
        mark("done", results=results)
        QTimer.singleShot(0, QApplication.quit)

    if os.environ.get("GRIDTERM_BENCH") == "start":
        when_login_painted(window, QApplication.quit)
    else:
        when_login_painted(window, today)
