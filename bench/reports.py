"""Report bench: a community month of ≥ 60,000 visits, 5,000 tickets and 2,000 hazards.

    .venv/bin/python bench/reports.py [--month 2026-10] [--rebuild]

Builds the terminal and server databases once under ``bench/.data/reports/`` (in a child
process, so its memory is not counted), then, in this process, times what a supervisor does:

- ``daily_xlsx_s``: the community's daily work log of one day, computed and written as xlsx;
- ``monthly_xlsx_s`` / ``monthly_pdf_s``: the monthly summary computed and written as xlsx /
  as PDF (charts, embedded font);
- ``server_monthly_xlsx_s``: the same monthly xlsx made by the server from its database;
- ``peak_rss_mb``: this process's peak resident memory over all of them.

Each time is the median of ``--runs`` (3) wall-clock seconds; ``*_cpu_s`` are the same runs'
CPU seconds of this process and ``load_average`` the machine's load when they ended (the
development machines are shared: the wall clock includes waiting for others' work). The last
line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT / "bench" / ".data" / "reports"


CPU: dict[str, float] = {}


def timed(fn: Callable[[], object], runs: int, name: str = "") -> float:
    """Median wall-clock seconds of ``runs`` calls; the median CPU seconds of this process
    go to ``CPU[name]`` (on a shared, loaded machine the wall clock waits for other work)."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    if name:
        CPU[name.replace("_s", "_cpu_s")] = round(statistics.median(cpu), 3)
    return round(statistics.median(times), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    month = date.fromisoformat(args.month + "-01")
    if args.build_only:
        from bench.report_data import build

        build(DATA, month)
        return
    if args.rebuild and DATA.exists():
        shutil.rmtree(DATA)
    if not (DATA / "server.db").exists():
        print("building the community month …", flush=True)
        subprocess.run(
            [sys.executable, __file__, "--build-only", "--month", args.month], check=True
        )
    print(json.dumps(measure(month, args.runs)))


def measure(month: date, runs: int) -> dict[str, object]:
    """Every figure of the bench."""
    from gridterm.reports.period import LOCAL_TZ
    from gridterm.services.reports import Reports
    from gridterm.services.session import Session
    from gridterm.store import Store
    from sync.server.db.engine import make_engine
    from sync.server.reports import service

    # "now" is just after the month, so the month is complete and every day in the past
    now = datetime(month.year, month.month, 1, tzinfo=LOCAL_TZ) + timedelta(days=40)
    store = Store.open_plaintext(DATA / "terminal.db")
    session = Session.login(store, "S0001", clock=lambda: now)
    reports = Reports(session)
    out = Path(tempfile.mkdtemp(prefix="gridterm-bench-"))
    day = (month + timedelta(days=14)).isoformat()
    label = month.isoformat()[:7]
    counts = store.query(
        "SELECT (SELECT count(*) FROM visit WHERE visited_at >= ?) AS visits,"
        " (SELECT count(*) FROM ticket) AS tickets, (SELECT count(*) FROM hazard) AS hazards",
        (datetime(month.year, month.month, 1, tzinfo=LOCAL_TZ).isoformat(),),
    )[0]
    figures: dict[str, object] = {}
    figures["daily_xlsx_s"] = timed(
        lambda: reports.export(reports.daily(day), "xlsx", out / "d.xlsx"), runs, "daily_xlsx_s"
    )
    figures["monthly_xlsx_s"] = timed(
        lambda: reports.export(reports.monthly(label), "xlsx", out / "m.xlsx"),
        runs,
        "monthly_xlsx_s",
    )
    figures["monthly_pdf_s"] = timed(
        lambda: reports.export(reports.monthly(label), "pdf", out / "m.pdf"), runs, "monthly_pdf_s"
    )
    store.close()
    engine = make_engine(str(DATA / "server.db"), pool_size=2)
    with engine.connect() as conn:
        from sqlalchemy import select

        from sync.server.auth.scope import principal_for
        from sync.server.db import schema

        row = conn.execute(select(schema.user).where(schema.user.c.worker_id == "S0001")).one()
        boss = principal_for(conn, row, "").user

    def server_monthly() -> None:
        made = service.produce(engine, boss, "monthly", label, None, None, "xlsx",
                               out=out / "server.xlsx", via="bench")  # fmt: skip
        assert made.path.exists()

    # the server's "today" is the real one: the bench month must lie in the past
    figures["server_monthly_xlsx_s"] = timed(server_monthly, runs, "server_monthly_xlsx_s")
    engine.dispose()
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    figures.update(CPU)
    figures["load_average"] = round(os.getloadavg()[0], 1)
    figures.update({"month": label, "day": day, **{k: int(v) for k, v in counts.items()}})
    shutil.rmtree(out, ignore_errors=True)
    return figures


if __name__ == "__main__":
    main()
