"""Where a load bench's CPU went: the servers', PostgreSQL's backends', HAProxy's and the load
generator's own, measured apart (Linux /proc), and what the backends waited on.

On a 2-core machine shared with other work the wall clock of a run says little; the CPU each
part spent per 1,000 records, and whether PostgreSQL's backends queued on locks, say where the
time went (docs/performance.md, "Through the load balancer").
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import psycopg

TICK = os.sysconf("SC_CLK_TCK")


def own_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` alone; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by process ``pid`` and its children (uvicorn's workers)."""
    total, pending = 0.0, [pid]
    while pending:
        pid = pending.pop()
        total += own_cpu(pid)
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


class Backends:
    """Samples PostgreSQL's backends on one database while a run goes on: their CPU (each
    backend's last reading, so one that closed between samples loses at most a sample's
    worth) and what the active ones were waiting for (``pg_stat_activity.wait_event``)."""

    def __init__(self, admin_url: str, database: str, every_s: float = 0.1) -> None:
        self.database = database
        self.every_s = every_s
        self.conn = psycopg.connect(admin_url, autocommit=True)
        self.start: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.waits: Counter[str] = Counter()
        self.samples = 0
        self.max_active = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Backends:
        for pid, *_ in self._sample():
            self.start[pid] = self.last[pid] = own_cpu(pid)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.conn.close()

    def _sample(self) -> list[tuple[int, str, str | None, str | None]]:
        return self.conn.execute(
            "SELECT pid, state, wait_event_type, wait_event FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (self.database,),
        ).fetchall()

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            rows = self._sample()
            self.samples += 1
            active = 0
            for pid, state, kind, event in rows:
                cpu = own_cpu(pid)
                if cpu:
                    self.last[pid] = cpu
                if state == "active":
                    active += 1
                    self.waits[f"{kind}:{event}" if kind else "on CPU"] += 1
            self.max_active = max(self.max_active, active)

    def cpu(self) -> float:
        """CPU seconds the backends used since the start."""
        return sum(cpu - self.start.get(pid, 0.0) for pid, cpu in self.last.items())

    def summary(self) -> dict[str, Any]:
        """The waits seen, as the mean number of active backends in each state."""
        n = max(1, self.samples)
        return {
            "pg_active_backends_mean": {k: round(v / n, 2) for k, v in self.waits.most_common(6)},
            "pg_active_backends_max": self.max_active,
        }


class Clock:
    """Process CPU of the parts of a run, per 1,000 records: start() before, stop() after."""

    def __init__(self, parts: dict[str, list[int]], backends: Backends | None) -> None:
        self.parts = parts
        self.backends = backends
        self.before: dict[str, float] = {}
        self.wall = 0.0

    def start(self) -> None:
        """Read every part's CPU now."""
        self.before = {name: sum(map(cpu_seconds, pids)) for name, pids in self.parts.items()}
        self.before["generator"] = time.process_time()
        self.wall = time.perf_counter()

    def stop(self, records: int) -> dict[str, Any]:
        """Every part's CPU since start(), in seconds and in ms per 1,000 records."""
        wall = time.perf_counter() - self.wall
        used = {n: sum(map(cpu_seconds, p)) - self.before[n] for n, p in self.parts.items()}
        used["generator"] = time.process_time() - self.before["generator"]
        if self.backends is not None:
            used["postgres"] = self.backends.cpu()
        out: dict[str, Any] = {f"cpu_s_{n}": round(v, 2) for n, v in used.items()}
        per = {n: round(v * 1e6 / records, 1) for n, v in used.items()}
        out["cpu_ms_per_1000_records"] = per
        # how much of the machine's two cores the run had: under 2 means it waited on more
        # than CPU (locks, fsync, other sessions' work)
        out["cores_busy"] = round(sum(used.values()) / wall, 2) if wall else None
        if self.backends is not None:
            out.update(self.backends.summary())
        out["load_average_1min_after"] = round(os.getloadavg()[0], 2)
        return out


def reference_loop_s() -> float:
    """Seconds this machine takes for a fixed loop of 10 million Python additions (the best of
    three). The host's speed moves by tens of percent from hour to hour on a shared virtual
    machine (docs/performance.md, "The sync after the fourth round"): a bench prints this
    beside its figures so that two runs can be told apart from two speeds of the machine."""
    best = float("inf")
    for _ in range(3):
        started, total = time.perf_counter(), 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - started)
    return round(best, 3)
