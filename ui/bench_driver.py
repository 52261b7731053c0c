"""Drives the app for bench/ui_startup.py: marks what was painted when, as JSON lines.

Imported only when GRIDTERM_BENCH is set. GRIDTERM_BENCH=start stops at the painted login
screen; GRIDTERM_BENCH=today logs in with GRIDTERM_BENCH_LOGIN ("worker:pin") and stops at
the painted Today (the bundle's smoke test, packaging/bundle.py); GRIDTERM_BENCH=full goes on:
opens the worker's largest building, runs searches, and reports memory. The driver only
reads: the benchmark database stays as it was built.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow

#: Typed as they are: a common surname, pinyin initials, a full pinyin prefix.
FIXED_QUERIES = ("王", "zs", "zhang")


def mark(name: str, **values: Any) -> None:
    """One line of stdout for the bench to read."""
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


def attach(window: MainWindow) -> None:
    """Start driving once the login screen has been painted."""
    phase = os.environ.get("GRIDTERM_BENCH", "full")

    def when_running(step: Callable[[], None]) -> None:
        # The event loop starts only after the login is painted (ui/app.py): wait for it.
        if window.ctx.ops.loop is None or not window.ctx.ops.loop.is_running():
            QTimer.singleShot(10, lambda: when_running(step))
        else:
            step()

    def login_painted() -> None:
        mark("login_painted", **memory_mb())
        if phase == "start":
            when_running(QApplication.quit)
        else:
            when_running(lambda: Driver(window).log_in())

    window.login.first_painted.connect(login_painted)


class Driver:
    """The full run: login → Today → building → search → memory."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.results: dict[str, Any] = {}

    def wait(self, ok: Callable[[], bool], timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while not ok():
            if time.monotonic() > end:
                raise TimeoutError("bench step did not finish")
            QApplication.processEvents()
            time.sleep(0.001)

    def log_in(self) -> None:
        worker, _, pin = os.environ["GRIDTERM_BENCH_LOGIN"].partition(":")
        login = self.window.login
        login.worker_id.setText(worker)
        login.pin.setText(pin)
        started = time.perf_counter()
        login.submit.click()
        self.wait(lambda: self.window.shell is not None)
        shell: Any = self.window.shell  # the screens' own attributes are read below
        today = shell.top_screen()
        self.wait(lambda: today.data is not None)
        today.repaint()
        self.results["login_to_today_s"] = round(time.perf_counter() - started, 3)
        self.results["due_households"] = len(today.data.due)
        if os.environ.get("GRIDTERM_BENCH") == "today":
            mark("done", results=self.results)
            QTimer.singleShot(0, QApplication.quit)
            return
        try:
            self.building()
            self.search()
        finally:
            self.results.update(memory_mb())
            mark("done", results=self.results)
            QTimer.singleShot(0, QApplication.quit)

    def building(self) -> None:
        ws = self.window.workspace
        shell: Any = self.window.shell
        assert ws is not None
        grids = ws.store.read(ws.session.visible_grid_ids)
        marks = ",".join("?" * len(grids))
        biggest = ws.store.query(
            f"SELECT building_id, count(*) AS n FROM household WHERE grid_id IN ({marks})"
            f" GROUP BY building_id ORDER BY n DESC LIMIT 1",
            tuple(grids),
        )[0]
        shell.show_tab("register")
        started = time.perf_counter()
        shell.open_building(biggest["building_id"])
        screen = shell.top_screen()
        self.wait(lambda: screen.data is not None)
        screen.repaint()
        self.results["building_view_ms"] = round((time.perf_counter() - started) * 1000, 1)
        self.results["building_households"] = biggest["n"]
        shell.back()

    def search(self) -> None:
        shell: Any = self.window.shell
        register = shell.top_screen()
        self.wait(lambda: register.grid_model.rowCount() > 0)
        times, hits = [], []
        queries = [*FIXED_QUERIES, *self.queries_from_the_grid()]
        for query in queries:
            register.search_box.clear()
            self.wait(lambda: register.pages.currentWidget() is register.browse_page)
            before = register.latest.generation
            started = time.perf_counter()
            register.search_box.setText(query)
            # Answered: the model was reset after this request (the title leaves "Searching").
            self.wait(lambda: register.results_title.text() != register.tr("Searching…"))
            register.results_table.repaint()
            times.append((time.perf_counter() - started) * 1000)
            hits.append(register.search_model.rowCount())
            assert register.latest.generation == before + 1
        self.results["search_results_ms"] = round(statistics.median(times), 1)
        self.results["search_results_max_ms"] = round(max(times), 1)
        self.results["search_debounce_ms"] = register.latest._timer.interval()
        self.results["search_hits"] = dict(zip(queries, hits, strict=True))

    def queries_from_the_grid(self) -> list[str]:
        """An address, its building-unit prefix, a name and phone digits from the worker's
        own grid (what they would really look up)."""
        ws = self.window.workspace
        assert ws is not None
        grid = ws.store.read(ws.session.visible_grid_ids)[0]
        row = ws.store.query(
            "SELECT h.address, r.name, r.phone FROM household h JOIN resident r"
            " ON r.household_id = h.id WHERE h.grid_id = ? AND r.phone != '' LIMIT 1",
            (grid,),
        )[0]
        address = row["address"]
        return [address, address.rsplit("-", 1)[0] + "-", row["name"], row["phone"][-4:]]


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run the app with GRIDTERM_BENCH set instead")
