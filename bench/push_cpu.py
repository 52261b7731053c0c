"""The server's CPU per 1,000 pushed records, in one process, with no HTTP; one JSON line.

What ``_push`` (``sync/server/api/sync.py``) does with a body — the session looked up,
decompress, decode, apply in one transaction, serialise the answer — timed with
``time.process_time`` over ``--batches`` bodies of ``--ops`` visits each, shaped as
``bench/server_load.py`` builds them (what the terminal sends), each visit with its own time
and notes. CPU time, not wall time: on
this shared two-core machine the neighbours' load moves wall figures several times over but
CPU figures only by some tens of percent, so this is the figure to compare two versions of
the push by (run them interleaved). ``--profile`` prints
cProfile's top functions to stderr instead of timing cleanly. Under valgrind, ``--callgrind``
counts the instructions of the pushes alone, a figure no neighbour moves::

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.out \
        .venv/bin/python bench/push_cpu.py --callgrind --batches 5 --runs 1

Usage::

    .venv/bin/python bench/push_cpu.py [--ops 1000] [--batches 20] [--runs 3] [--profile]
        [--db postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server_load import batch, setup  # noqa: E402
from sync.server.api.sync import _push  # noqa: E402
from sync.server.auth import enrollment, sessions  # noqa: E402
from sync.server.db.engine import make_engine, writing  # noqa: E402


def _callgrind(on: bool) -> None:
    """Switch callgrind's counting on or off for this process (run under
    ``valgrind --tool=callgrind --instr-atstart=no``): only the pushes are counted."""
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], check=True)


def one_run(
    db: str, ops: int, batches: int, profile: cProfile.Profile | None, count: bool = False
) -> float:
    """CPU milliseconds per 1,000 ops of ``batches`` pushes of ``ops`` visits."""
    world = setup(db, 1, 200, 1)
    engine = make_engine(db, pool_size=2)
    _, uid, gid = world["workers"][0]
    with writing(engine) as conn:
        device, _ = enrollment.enroll(conn, world["codes"][0], "bench")
        token, _ = sessions.open_session(conn, uid, device)
    state = SimpleNamespace()  # the request's state, where the push names its device
    homes = world["homes"][gid]
    bodies = [batch(device, uid, homes, ops, 1 + n * ops, steady=True) for n in range(batches)]
    # warm up with a batch of the same size: its statements compiled and cached on the
    # connection, as they are on a server's pooled connections after its first pushes
    _push(engine, token, batch(device, uid, homes, ops, 10**8, steady=True), "zstd", state)
    gc.collect()
    started = time.process_time()
    if count:
        _callgrind(True)
    if profile is not None:
        profile.enable()
    for body in bodies:
        answer = json.loads(_push(engine, token, body, "zstd", state))
        assert answer["results"] == [] and answer["others_applied"], answer
    if profile is not None:
        profile.disable()
    if count:
        _callgrind(False)
    cpu = time.process_time() - started
    engine.dispose()
    world["engine"].dispose()
    return cpu * 1000 / (ops * batches / 1000)


def main() -> None:
    """Run ``--runs`` times, each on a fresh database; print the median and every run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name, default in (("--ops", 1000), ("--batches", 20), ("--runs", 3)):
        parser.add_argument(name, type=int, default=default)
    parser.add_argument("--db", help="a PostgreSQL admin URL (a database is made per run)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--callgrind", action="store_true", help="count instructions of the pushes only"
    )
    args = parser.parse_args()
    # as ``gridterm-server serve`` runs (``create_served_app``)
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    profile = cProfile.Profile() if args.profile else None
    root = Path(tempfile.mkdtemp(prefix="gridterm-push-cpu-"))
    runs = []
    for run in range(args.runs):
        db = _pg_database(args.db) if args.db else str(root / f"server{run}.db")
        try:
            runs.append(one_run(db, args.ops, args.batches, profile, args.callgrind))
        finally:
            if args.db:
                _drop(args.db, db)
    if profile is not None:
        pstats.Stats(profile, stream=sys.stderr).sort_stats("tottime").print_stats(40)
    print(
        json.dumps(
            {
                "push_cpu_ms_per_1000": round(sorted(runs)[len(runs) // 2], 1),
                "push_cpu_ms_per_1000_runs": [round(r, 1) for r in runs],
                "ops_per_batch": args.ops,
                "backend": "postgresql" if args.db else "sqlite",
                "load_average_1m": round(os.getloadavg()[0], 2),
            }
        )
    )


def _pg_database(admin_url: str) -> str:
    """A new PostgreSQL database for one run (``_drop`` drops it)."""
    name = f"gridterm_push_cpu_{secrets.token_hex(4)}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name


def _drop(admin_url: str, db: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{db.rsplit("/", 1)[1]}" WITH (FORCE)')


if __name__ == "__main__":
    main()
