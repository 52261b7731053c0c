"""Benchmark of a street-staff terminal's first sync (the whole street office); one JSON line.

For each ``--households`` size, a server database is seeded by ``gridterm-server demo
--households N`` (SQLite, the same generator as the terminal), one ``serve`` process starts on
it, and a freshly enrolled terminal signs in as the demo's street staff and syncs once: the
snapshot is built, downloaded, checked and applied, then the pull goes on from its cursor.
Per size: ``first_sync_s`` (wall), ``rows`` (local synced rows after it), ``snapshot_mb``,
``per_household_ms`` (which should stay flat as the street office grows), and where the time
went: ``server_wait_s`` (asking for the snapshot until its file is there to download) and
``apply_s`` (the terminal's writer: loading the rows and building the search keys). The
terminal's database is encrypted as in the field (SQLCipher), with the fast key derivation
the tests use (the PIN's key derivation is not what is measured).

Usage::

    .venv/bin/python bench/first_sync.py [--households 5000 20000 50000]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gridterm.search import index  # noqa: E402
from gridterm.store.keys import FAST_KDF  # noqa: E402
from sync.client import snapshot  # noqa: E402
from sync.client.auth import Login, enroll, first_login, load_device  # noqa: E402
from sync.client.engine import SyncEngine  # noqa: E402
from sync.client.settings import SyncSettings  # noqa: E402
from sync.client.transport import Transport  # noqa: E402
from tests.sync.server_process import ServerProcess  # noqa: E402

_USER = re.compile(r"^\s+(\S+)\t(\S+)\t(\w+)\t(\d+)$")
_CODE = re.compile(r"^\s+([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})$")
_SYNCED = (
    "street_office", "community", "grid", "building", "unit", "household", "resident",
    "visit", "ticket", "ticket_transition", "premises", "hazard_inspection", "hazard",
    "checklist_answer", "check_in", "user", "user_grid", "checklist_template",
)  # fmt: skip


def seed(db: Path, households: int) -> tuple[str, str, str]:
    """Seed the server's demo; the street staff's worker id and PIN, and a code."""
    out = subprocess.run(
        [sys.executable, "-m", "sync.server.cli", "demo", "--db", str(db),
         "--households", str(households), "--seed", "1", "--codes", "1"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    staff = next(
        m for line in out.splitlines() if (m := _USER.match(line)) and m[3] == "street_staff"
    )
    code = next(m[1] for line in out.splitlines() if (m := _CODE.match(line)))
    return staff[1], staff[4], code


class _Timed:
    """Wraps the snapshot loader's steps to see where the first sync's time goes."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {"server_wait_s": 0.0, "apply_s": 0.0, "apply_cpu_s": 0.0}
        loader = snapshot.SnapshotLoader
        self._saved = (loader._info, loader._apply)

        def timed(name: str, fn: Any) -> Any:
            def run(*args: Any, **kw: Any) -> Any:
                started, cpu = time.perf_counter(), time.thread_time()
                try:
                    return fn(*args, **kw)
                finally:
                    self.spent[name] += time.perf_counter() - started
                    if name == "apply_s":  # on the store's writer thread
                        self.spent["apply_cpu_s"] += time.thread_time() - cpu

            return run

        loader._info = timed("server_wait_s", loader._info)  # type: ignore[method-assign]
        loader._apply = timed("apply_s", loader._apply)  # type: ignore[method-assign]

    def restore(self) -> None:
        """Put the loader back as it was."""
        snapshot.SnapshotLoader._info, snapshot.SnapshotLoader._apply = self._saved  # type: ignore[method-assign]


def first_sync(root: Path, households: int) -> dict[str, Any]:
    """One size: seed, serve, enroll, sync once."""
    server = ServerProcess(root / "server")
    worker, pin, code = seed(server.db_path, households)
    server.start()
    timing = _Timed()
    try:
        device = enroll(server.url, code, "bench")
        path = root / "terminal" / "gridterm.db"
        path.parent.mkdir(parents=True)
        store = first_login(path, device, worker, pin, kdf=FAST_KDF)
        index.install(store)  # as the app does at login: the search keys are kept current
        transport = Transport(server.url, read_timeout=600)
        login = Login(store, transport, load_device(store, server.url), worker, pin)
        engine = SyncEngine(store, login, SyncSettings())
        started = time.perf_counter()
        report = engine.run()
        wall = time.perf_counter() - started
        assert report.ok, report
        rows = sum(
            store.read(lambda r, t=t: r.scalar(f'SELECT count(*) FROM "{t}"')) for t in _SYNCED
        )
        store.close()
    finally:
        timing.restore()
        server.stop()
    return {
        "households": households,
        "first_sync_s": round(wall, 2),
        "rows": rows,
        "snapshot_mb": round(report.snapshot_bytes / 1e6, 1),
        "per_household_ms": round(wall * 1000 / households, 3),
        **{k: round(v, 2) for k, v in timing.spent.items()},
    }


def main() -> None:
    """Each size in turn; one JSON line with all of them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, nargs="+", default=[5000, 20000])
    args = parser.parse_args()
    results = []
    for n in args.households:
        with tempfile.TemporaryDirectory(prefix="gridterm-first-sync-") as tmp:
            results.append(first_sync(Path(tmp), n))
            print(json.dumps(results[-1]), file=sys.stderr)
    print(json.dumps({"sizes": results, "load_average_1m": round(os.getloadavg()[0], 1)}))


if __name__ == "__main__":
    main()
