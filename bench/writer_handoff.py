"""How soon the next writer of a SQLite server database starts once the last one commits.

A push holds the write transaction for 20–40 ms; the next batch of the same terminal is
already waiting for it. Two ways of waiting are timed, ``--rounds`` times each, the holder
keeping its transaction open for a random 15–35 ms:

- ``sqlite_alone``: plain ``sqlite3`` connections with a busy timeout, as the server's were:
  the waiter sleeps and looks again (SQLite's busy handler: 1, 2, 5, 10, 15, 20, 25… ms);
- ``server``: ``sync.server.db.engine.writing``, whose writers in one process take turns on
  a lock (``_writer_lock``).

Prints one JSON object: the median and p90 of the delay, in ms, for each.

Usage::

    .venv/bin/python bench/writer_handoff.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from sync.server.db.engine import make_engine, writing  # noqa: E402

Writer = Callable[[], AbstractContextManager[Any]]


def delays(write: Writer, rounds: int) -> list[float]:
    """Milliseconds from the holder's commit to the waiter's first statement, per round."""
    out = []
    for _ in range(rounds):
        inside, ended = threading.Event(), [0.0]
        holder = threading.Thread(target=_hold, args=(write, inside, ended))
        holder.start()
        inside.wait()
        with write() as run:
            started = time.perf_counter()
            run("INSERT INTO t VALUES (2)")
        holder.join()
        out.append((started - ended[0]) * 1000)
    return out


def _hold(write: Writer, inside: threading.Event, ended: list[float]) -> None:
    """Hold a write transaction 15–35 ms (``inside`` set once it is held); note its end."""
    with write() as run:
        run("INSERT INTO t VALUES (1)")
        inside.set()
        time.sleep(random.uniform(0.015, 0.035))
    ended[0] = time.perf_counter()


def _sqlite_alone(path: Path) -> Writer:
    local = threading.local()

    @contextmanager
    def write():  # type: ignore[no-untyped-def]
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = sqlite3.connect(path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN IMMEDIATE")
        yield conn.execute
        conn.execute("COMMIT")

    return write


def _server(path: Path) -> Writer:
    engine = make_engine(str(path), pool_size=4)

    @contextmanager
    def write():  # type: ignore[no-untyped-def]
        with writing(engine) as conn:
            yield lambda sql: conn.execute(text(sql))

    return write


def _figures(ms: list[float]) -> dict[str, float]:
    ms = sorted(ms)
    return {"median_ms": round(ms[len(ms) // 2], 2), "p90_ms": round(ms[len(ms) * 9 // 10], 2)}


def main() -> None:
    """Time both ways of waiting; print the JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="gridterm-handoff-"))
    figures: dict[str, object] = {}
    for name, make in (("sqlite_alone", _sqlite_alone), ("server", _server)):
        path = root / f"{name}.db"
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("CREATE TABLE t (a INTEGER)")
        figures[name] = _figures(delays(make(path), args.rounds))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
