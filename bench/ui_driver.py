"""Drives the app for bench/ui_startup.py's full run: login → Today → the worker's largest
building → searches → memory, each painted milestone a JSON line on stdout.

    .venv/bin/python bench/ui_driver.py --db DB [the options of ``gridterm app``]

with ``GRIDTERM_BENCH_LOGIN`` ("worker:pin") set. It starts the app through ``ui.app.main``
with this driver attached to the window (the shipped app knows nothing of it; its own start
check, ui/start_check.py, is what ``GRIDTERM_BENCH=start|today`` runs). The driver only
reads: the benchmark database stays as it was built.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.main_window import MainWindow  # noqa: E402
from ui.start_check import log_in_to_today, mark, memory_mb, wait, when_login_painted  # noqa: E402

#: Typed as they are: a common surname, pinyin initials, a full pinyin prefix.
FIXED_QUERIES = ("王", "zs", "zhang")


def attach(window: MainWindow) -> None:
    """Run the full drive once the login screen has been painted, then quit."""
    when_login_painted(window, lambda: Driver(window).run())


class Driver:
    """The full run: login → Today → building → search → memory."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.results: dict[str, Any] = {}

    def run(self) -> None:
        """Every step, then the ``done`` mark with the figures, then quit."""
        try:
            self.results.update(log_in_to_today(self.window, os.environ["GRIDTERM_BENCH_LOGIN"]))
            self.building()
            self.search()
        finally:
            self.results.update(memory_mb())
            mark("done", results=self.results)
            QTimer.singleShot(0, QApplication.quit)

    def building(self) -> None:
        """Open the worker's largest building and wait for its painted tiles."""
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
        wait(lambda: screen.data is not None)
        screen.repaint()
        self.results["building_view_ms"] = round((time.perf_counter() - started) * 1000, 1)
        self.results["building_households"] = biggest["n"]
        shell.back()

    def search(self) -> None:
        """Type each query and wait until the register delivers its answer (the search box
        waits ``latest.delay_ms`` for the typing to stop, then searches off the GUI thread)."""
        shell: Any = self.window.shell
        register = shell.top_screen()
        wait(lambda: register.grid_model.rowCount() > 0)
        delivered: list[int] = []
        register.latest.delivered.connect(delivered.append)
        times, hits = [], []
        queries = [*FIXED_QUERIES, *self.queries_from_the_grid()]
        for query in queries:
            register.search_box.clear()
            wait(lambda: register.pages.currentWidget() is register.browse_page)
            before = register.latest.generation
            started = time.perf_counter()
            register.search_box.setText(query)
            asked = register.latest.generation
            assert asked == before + 1  # one request per query typed
            wait(lambda asked=asked: asked in delivered)  # this query's answer is in the model
            register.results_table.repaint()
            times.append((time.perf_counter() - started) * 1000)
            hits.append(register.search_model.rowCount())
        self.results["search_results_ms"] = round(statistics.median(times), 1)
        self.results["search_results_max_ms"] = round(max(times), 1)
        self.results["search_debounce_ms"] = register.latest.delay_ms
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


def main(argv: list[str] | None = None) -> int:
    """Start the app with ``gridterm app``'s options and this driver attached."""
    from ui.app import main as run_app
    from ui.cli import add_parser

    parser = argparse.ArgumentParser(prog="bench/ui_driver.py")
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["app", *(sys.argv[1:] if argv is None else argv)])
    return run_app(args, on_window=attach)


if __name__ == "__main__":
    sys.exit(main())
