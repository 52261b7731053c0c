"""Load benchmark of the sync server over HTTP on 127.0.0.1; prints one JSON object last.

1. One terminal pushes 10,000 visit records in batches of 1,000, to a server on SQLite and to
   one on PostgreSQL: ``push_records_per_s_*``. The bodies are what the terminal's sync engine
   sends (``sync.client.push``): zstd level 3, asking for the compact answer. On SQLite this
   is done ``--runs`` times (3), each on a fresh server and database, and the median is the
   figure (every run is in ``push_records_per_s_sqlite_runs``), as bench/sync.py does: one run
   on this virtual machine varies by ±15 % from the next with nothing else running.
2. 200 terminals push 100 records each, all at once, to the PostgreSQL server:
   ``concurrent_total_s``, ``concurrent_p99_ms``, and ``landed`` (counted in the database)
   against ``expected``. With ``--instances N`` (N ≥ 2) they push through HAProxy (Debian's
   package, on 127.0.0.1, leastconn, at most ``--server-maxconn`` (4) requests at once per
   instance, connections to the instances kept alive) in front of N ``serve`` processes on
   the one database, as docs/scaling.md describes.

Each server runs as its own ``gridterm-server serve`` process. The terminals' requests are
built before the clock starts and sent by a lean generator (``bench/raw_http.py``: prepared
bytes on one keep-alive connection per terminal, every answer read and checked): the figures
are the servers'. Usage::

    .venv/bin/python bench/server_load.py [--runs 3] [--pg postgresql://…:5432/postgres]
        [--instances 2] [--workers N] [--server-maxconn 4] [--balance leastconn]
        [--only sqlite|postgres|concurrent]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import psycopg
import zstandard
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cpu import Backends, Clock  # noqa: E402
from bench.raw_http import Pushes, request_bytes  # noqa: E402
from bench.services import Balancer, Server, Tuning  # noqa: E402
from gridterm.ids import new_id  # noqa: E402
from sync.protocol import HEADER_PROTOCOL, PROTOCOL_VERSION  # noqa: E402
from sync.server.admin import territory, users  # noqa: E402
from sync.server.auth import enrollment, sessions  # noqa: E402
from sync.server.db import schema  # noqa: E402
from sync.server.db.engine import make_engine, writing  # noqa: E402
from sync.server.db.migrate import upgrade  # noqa: E402

PIN = "246810"
#: Requests HAProxy gives one instance at once in the concurrent part: the burst of 200 waits
#: in HAProxy's queue instead of as 100 threads in each instance taking turns at the GIL and
#: the database connections (docs/performance.md, "Through the load balancer, third round";
#: docs/scaling.md says why the shipped configuration keeps a higher limit).
BURST_MAXCONN = 4
HEADERS = {HEADER_PROTOCOL: str(PROTOCOL_VERSION), "Content-Type": "application/json"}


def now() -> str:
    """A terminal timestamp."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+08:00")


def grid_worker(conn: Any, worker: str, name: str, community: str, grid: str) -> str:
    """A grid worker (网格员) with the bench's PIN, assigned to ``grid``; their user id."""
    uid = users.add_user(
        conn, worker_id=worker, name=name, role="grid_worker", pin=PIN, community_id=community
    )
    users.assign(conn, worker, grid)
    return uid


def setup(db: str, grids: int, households: int, workers: int) -> dict[str, Any]:
    """A community with ``grids`` grids of ``households`` each and one worker per grid."""
    engine = make_engine(db, pool_size=2)
    upgrade(engine)
    tag = secrets.token_hex(3)
    out: dict[str, Any] = {"grids": [], "homes": {}, "workers": [], "codes": []}
    with writing(engine) as conn:
        office = territory.street_office(conn, f"压测街道{tag}")
        community = territory.community(conn, office, f"压测社区{tag}")
        for g in range(grids):
            gid = territory.grid(conn, community, f"压测网格{g}-{tag}")
            out["grids"].append(gid)
            unit = territory.unit(conn, territory.building(conn, gid, "1", floors=30), "1")
            out["homes"][gid] = [
                territory.household(conn, unit, 1 + i // 10, f"{1 + i // 10}{i % 10:02d}", {})[0]
                for i in range(households)
            ]
            worker = f"bench{g}-{tag}"
            uid = grid_worker(conn, worker, "压测", community, gid)
            out["workers"].append((worker, uid, gid))
        out["codes"] = [enrollment.create_code(conn) for _ in range(workers)]
    out["engine"] = engine
    return out


def login(url: str, code: str, worker: str) -> tuple[str, str]:
    """Enroll a terminal and log its worker in; (device id, session token)."""
    with httpx.Client(base_url=url, headers=HEADERS, timeout=60) as c:
        device = c.post("/v1/auth/enroll", json={"code": code}).json()
        r = c.post(
            "/v1/auth/login",
            json={"worker_id": worker, "pin": PIN},
            headers={"Authorization": f"Bearer {device['device_token']}"},
        )
        r.raise_for_status()
        return device["device_id"], r.json()["token"]


def batch(
    device_id: str,
    user_id: str,
    homes: list[str],
    count: int,
    seq0: int,
    *,
    steady: bool = False,
) -> bytes:
    """A push body of ``count`` new visits, encoded as the terminal encodes it. ``steady``:
    each visit with its own time and notes, as a day's visits have them, the same on every
    run (the clock's times are alike within a second, so a count of work per op depends on
    how many of a batch's visits fall into one: ``bench/push_cpu.py`` asks for this)."""
    ops = []
    for i in range(count):
        vid, seq = new_id(), seq0 + i
        visited_at, created_at, notes = _steady(seq) if steady else (now(), now(), "家中情况正常")
        ops.append(
            {
                "op_id": new_id(),
                "seq": seq,
                "entity": "visit",
                "entity_id": vid,
                "op": "create",
                "fields": {
                    "id": vid,
                    "household_id": homes[i % len(homes)],
                    "user_id": user_id,
                    "visited_at": visited_at,
                    "visit_type": "routine",
                    "met": '["户主"]',
                    "concerns": "[]",
                    "notes": notes,
                    "outcome": "nothing_raised",
                    "photos": "[]",
                    "created_at": created_at,
                },
            }
        )
    doc = {
        "device_id": device_id,
        "batch_id": new_id(),
        "schema_version": 1,
        "compact": True,
        "ops": ops,
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return zstandard.ZstdCompressor(level=3).compress(text.encode())


def _steady(seq: int) -> tuple[str, str, str]:
    """The visit time, creation time and notes of the visit at ``seq`` in a steady body."""
    minute, second = divmod(seq % 36_000, 60)
    at = f"2026-11-20T{8 + minute // 60 % 12:02d}:{minute % 60:02d}:{second:02d}"
    return at + "+08:00", at + f".{seq % 1000:03d}+08:00", f"家中情况正常 {seq}"


def single_terminal(
    db: str, blob_dir: Path, workers: int, records: int = 10_000
) -> tuple[float, float]:
    """Records per second one terminal pushes in batches of 1,000, and the server's CPU
    milliseconds per 1,000 records (what the rate would be bound by on an idle machine)."""
    world = setup(db, 1, 200, 1)
    server = Server(db, blob_dir, workers)
    try:
        worker, uid, gid = world["workers"][0]
        device, token = login(server.url, world["codes"][0], worker)
        bodies = [
            batch(device, uid, world["homes"][gid], 1000, n * 1000) for n in range(records // 1000)
        ]
        headers = _push_headers(token)
        with httpx.Client(base_url=server.url, headers=headers, timeout=120) as c:
            c.post("/v1/sync/push", content=batch(device, uid, world["homes"][gid], 10, 10**6))
            started, cpu = time.perf_counter(), server.cpu_seconds()
            for body in bodies:
                r = c.post("/v1/sync/push", content=body)
                r.raise_for_status()
                answer = r.json()
                # compact: the ops left out of results were applied as sent
                assert answer["results"] == [] and answer["others_applied"], answer
            elapsed = time.perf_counter() - started
            cpu = server.cpu_seconds() - cpu
    finally:
        server.stop()
        world["engine"].dispose()
    return records / elapsed, cpu * 1000 / (records / 1000)


def _push_headers(token: str) -> dict[str, str]:
    """A terminal's push headers (``sync.client.push``): its session, zstd, the protocol."""
    return {**HEADERS, "Authorization": f"Bearer {token}", "Content-Encoding": "zstd"}


def warm_up(url: str, tokens: list[str], direct: list[tuple[str, str, str]]) -> None:
    """Before the clock starts: a small pull per token through ``url``, one after another, and
    an empty push straight to each instance (``direct``: its url, a session and its device),
    so that every worker process has answered both kinds of request (imports, statement
    caches, pools, FastAPI's per-route models: a process that has run for a while has them)."""
    with httpx.Client(base_url=url, headers=HEADERS, timeout=60) as c:
        for token in tokens:
            auth = {"Authorization": f"Bearer {token}"}
            c.get("/v1/sync/pull", params={"limit": 1}, headers=auth).raise_for_status()
    for instance, token, device in direct:
        doc = {"device_id": device, "batch_id": new_id(), "schema_version": 1, "ops": []}
        headers = {**HEADERS, "Authorization": f"Bearer {token}"}
        httpx.post(f"{instance}/v1/sync/push", json=doc, headers=headers).raise_for_status()


def many_terminals(
    db: str,
    blob_dir: Path,
    workers: int,
    instances: int = 1,
    tuning: Tuning | None = None,
    terminals: int = 200,
    each: int = 100,
) -> dict[str, Any]:
    """200 terminals × 100 records at once, to one server or through a balancer in front of
    ``instances``; landed is counted in the database."""
    grids = 20
    world = setup(db, grids, 50, terminals)
    # every process's pool (and its overflow, twice the size) within PostgreSQL's default
    # max_connections of 100, with room for the bench's own
    pool = max(2, min(20, 80 // (3 * instances * workers)))
    servers = [Server(db, blob_dir, workers, pool) for _ in range(instances)]
    tuning = tuning or Tuning()
    balancer = Balancer(servers, blob_dir.parent, tuning) if instances > 1 else None
    url = balancer.url if balancer else servers[0].url
    try:
        prepared = []
        # sessions straight from the admin library: 200 argon2 logins through the servers
        # took minutes of the bench's set-up and are not what it measures
        with writing(world["engine"]) as conn:
            for t in range(terminals):
                worker, uid, gid = world["workers"][t % grids]
                device, _ = enrollment.enroll(conn, world["codes"][t], worker)
                token, _ = sessions.open_session(conn, uid, device)
                body = batch(device, uid, world["homes"][gid], each, 1)
                request = request_bytes(url, "/v1/sync/push", _push_headers(token), body)
                prepared.append((token, device, request))
        warm_up(
            url,
            [token for token, _, _ in prepared[:20]],
            [
                (s.url, token, device)
                for s, (token, device, _) in zip(servers, prepared[: len(servers)], strict=True)
            ],
        )
        parts = {"servers": [s.proc.pid for s in servers]}
        if balancer:
            parts["haproxy"] = [balancer.proc.pid]
        with Backends(db, db.rsplit("/", 1)[1]) as backends:
            clock = Clock(parts, backends)
            clock.start()
            pushes = Pushes(url)
            total = asyncio.run(pushes.run([request for _, _, request in prepared]))
            cpu = clock.stop(terminals * each)
    finally:
        if balancer:
            balancer.stop()
        for server in servers:
            server.stop()
    with world["engine"].connect() as conn:
        landed = conn.execute(
            select(func.count())
            .select_from(schema.visit)
            .where(schema.visit.c.grid_id.in_(world["grids"]))
        ).scalar_one()
    world["engine"].dispose()
    latencies, busy = sorted(pushes.latencies), pushes.busy
    return {
        "terminals": terminals,
        "instances": instances,
        "workers_per_instance": workers,
        "pool_size": pool,
        **({"balance": tuning.balance, "server_maxconn": tuning.maxconn} if balancer else {}),
        "concurrent_total_s": round(total, 2),
        "concurrent_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1),
        "concurrent_median_ms": round(statistics.median(latencies), 1),
        "landed": landed,
        "expected": terminals * each,
        "busy_answers": dict(Counter(busy)),
        **cpu,
    }


def main() -> None:
    """Run both benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pg",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="an admin URL; a throwaway database is made beside it",
    )
    parser.add_argument(
        "--workers",
        type=int,
        help="processes per instance on PostgreSQL (default: the cores shared among the "
        "instances, at least 1: on 2 cores 2 for one instance, 1 each for two)",
    )
    parser.add_argument(
        "--instances", type=int, default=1, help="serve instances behind HAProxy (concurrent)"
    )
    parser.add_argument(
        "--server-maxconn",
        type=int,
        default=BURST_MAXCONN,
        help=f"requests HAProxy gives one instance at once (0: no limit; {BURST_MAXCONN})",
    )
    parser.add_argument("--balance", default=Tuning.balance, help="HAProxy's balance algorithm")
    parser.add_argument("--runs", type=int, default=3, help="SQLite runs; the median counts")
    parser.add_argument(
        "--only",
        choices=["sqlite", "postgres", "concurrent"],
        action="append",
        help="run only these parts (repeatable; default: all)",
    )
    args = parser.parse_args()
    parts = set(args.only or ["sqlite", "postgres", "concurrent"])
    # more CPU-bound processes than cores only adds switching between them and GIL hand-offs
    # (docs/scaling.md, "Processes per core")
    args.workers = args.workers or max(1, (os.cpu_count() or 1) // args.instances)
    scratch = Path(tempfile.mkdtemp(prefix="gridterm-bench-"))
    results: dict[str, Any] = {}
    load_before = os.getloadavg()[0]
    if "sqlite" in parts:
        runs = sorted(
            single_terminal(str(scratch / f"bench-{n}.db"), scratch / f"blobs-sqlite-{n}", 1)
            for n in range(max(1, args.runs))
        )
        rate, cpu = runs[len(runs) // 2]
        results["push_records_per_s_sqlite"] = round(rate)
        results["push_server_cpu_ms_per_1000_sqlite"] = round(cpu, 1)
        results["push_records_per_s_sqlite_runs"] = [round(r) for r, _ in runs]
    name = f"gridterm_bench_{secrets.token_hex(4)}"
    with psycopg.connect(args.pg, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    pg = args.pg.rsplit("/", 1)[0] + "/" + name
    try:
        if "postgres" in parts:
            rate, cpu = single_terminal(pg, scratch / "blobs-pg", args.workers)
            results["push_records_per_s_postgres"] = round(rate)
            results["push_server_cpu_ms_per_1000_postgres"] = round(cpu, 1)
        if "concurrent" in parts:
            tuning = Tuning(args.server_maxconn, args.balance)
            results.update(
                many_terminals(pg, scratch / "blobs-pg", args.workers, args.instances, tuning)
            )
    finally:
        with psycopg.connect(args.pg, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    results["cpus"] = os.cpu_count()
    # other work on the machine slows every figure: say how busy it was
    results["load_average_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    print(json.dumps(results))


if __name__ == "__main__":
    main()
