"""A city load model: N terminals, each with a day of work, sync through a load balancer in
front of several ``serve`` instances on one PostgreSQL; one JSON line.

Each terminal (a grid worker; four per grid, eight grids per community, ten communities per
street office: bench/city_world.py) holds a day of work — ``--visits`` visits (30), two
tickets each with its acceptance, and ``--photos`` photos (2, of ``--photo-kb`` KB each,
named by its first visit) — and syncs once, as the app does: announce and upload the photos
(``POST /v1/blobs`` then ``PATCH``), push the records in one batch, pull its grids' changes to
the end. The terminals start at random moments spread evenly over ``--spread`` seconds (the
morning's syncs, compressed), at most ``--concurrency`` at a time.

Reports: ``landed`` against ``expected`` (visits and tickets counted in the database), the
throughput in records per second over the whole run, p50/p99 latency per request kind
(``push``, ``pull``, ``blob``), the servers' CPU per 1,000 records, and the growth of the
PostgreSQL database per simulated day. Terminals get their sessions straight from the admin
library (an argon2 login per terminal would measure the PIN hashing, which bench/server_load.py
already covers). Usage::

    .venv/bin/python bench/city.py [--terminals 2000] [--instances 2] [--workers 1]
        [--spread 300] [--concurrency 24] [--server-maxconn 16]
        [--pg postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy import func, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import server_load  # noqa: E402
from bench.city_world import day_of_work, photo, setup  # noqa: E402
from bench.services import Balancer, Server, Tuning  # noqa: E402
from sync.server.db import schema  # noqa: E402


class Run:
    """The terminals' syncs, timed per request kind."""

    def __init__(self, url: str, concurrency: int) -> None:
        self.url = url
        self.gate = asyncio.Semaphore(concurrency)
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.busy = 0
        self.failed: list[str] = []

    async def call(self, c: httpx.AsyncClient, kind: str, method: str, path: str, **kw: Any):
        """One request, resent after a 503 as the terminal's retrier does."""
        started = time.perf_counter()
        for attempt in range(30):
            r = await c.request(method, path, **kw)
            if r.status_code != 503:
                break
            self.busy += 1
            await asyncio.sleep(float(r.headers.get("Retry-After", "1")) * (1 + attempt / 4))
        r.raise_for_status()
        self.latency[kind].append((time.perf_counter() - started) * 1000)
        return r

    async def terminal(
        self, c: httpx.AsyncClient, t: dict[str, Any], work: dict[str, Any], at: float
    ) -> None:
        """Wait for this terminal's moment, then sync it once."""
        await asyncio.sleep(at)
        auth = {**server_load.HEADERS, "Authorization": f"Bearer {t['token']}"}
        queued = time.perf_counter()
        async with self.gate:
            # the wait for a free slot is the terminal's too, though no request measures it
            self.latency["gate"].append((time.perf_counter() - queued) * 1000)
            for digest, seed, kb in work["photos"]:
                data = photo(seed, kb)
                await self.call(
                    c,
                    "blob",
                    "POST",
                    "/v1/blobs",
                    headers=auth,
                    json={"sha256": digest, "length": len(data)},
                )
                await self.call(
                    c,
                    "blob",
                    "PATCH",
                    f"/v1/blobs/{digest}",
                    content=data,
                    headers={
                        **auth,
                        "Upload-Offset": "0",
                        "Content-Type": "application/octet-stream",
                    },
                )
            r = await self.call(
                c,
                "push",
                "POST",
                "/v1/sync/push",
                content=work["body"],
                headers={**auth, "Content-Encoding": "zstd"},
            )
            assert r.json()["results"] == [], r.text[:300]
            cursor = None
            while True:
                params = {"limit": 1000, **({"cursor": cursor} if cursor else {})}
                page = (
                    await self.call(c, "pull", "GET", "/v1/sync/pull", params=params, headers=auth)
                ).json()
                cursor = page["cursor"]
                if not page["more"]:
                    break

    async def all(
        self, terminals: list[dict[str, Any]], works: list[dict[str, Any]], spread: float
    ) -> float:
        """Every terminal's sync; the seconds from the first start to the last answer."""
        limits = httpx.Limits(max_connections=500, max_keepalive_connections=500)
        async with httpx.AsyncClient(base_url=self.url, timeout=300, limits=limits) as c:
            starts = sorted(random.uniform(0, spread) for _ in terminals)
            began = time.perf_counter()
            outcomes = await asyncio.gather(
                *(
                    self.terminal(c, t, w, s)
                    for t, w, s in zip(terminals, works, starts, strict=True)
                ),
                return_exceptions=True,
            )
            # one terminal's failure is reported and counted (landed < expected), not fatal
            self.failed = [repr(o)[:200] for o in outcomes if isinstance(o, BaseException)]
            return time.perf_counter() - began


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * share))], 1)


def _landed(engine: Any, grids: list[Any]) -> int:
    """The visits, tickets and ticket steps the server holds for the city's grids."""
    with engine.connect() as conn:
        return sum(
            conn.execute(
                select(func.count()).select_from(table).where(table.c.grid_id.in_(grids))
            ).scalar_one()
            for table in (schema.visit, schema.ticket, schema.ticket_transition)
        )


def measure(args: argparse.Namespace, db: str, scratch: Path) -> dict[str, Any]:
    """Set up, run, count."""
    began = time.perf_counter()
    world = setup(db, args.terminals)
    engine = world["engine"]
    setup_s = time.perf_counter() - began

    def size() -> int:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar())

    before = size()
    began = time.perf_counter()
    works = [day_of_work(t, args.visits, args.photos, args.photo_kb) for t in world["terminals"]]
    prepare_s = time.perf_counter() - began
    pool = max(2, min(20, 80 // (3 * args.instances * args.workers)))
    servers = [Server(db, scratch / "blobs", args.workers, pool) for _ in range(args.instances)]
    # each instance is given at most --server-maxconn requests at once and HAProxy queues the
    # rest: one single-process instance answers a few requests at a time faster than hundreds
    tuning = Tuning(args.server_maxconn, args.balance)
    balancer = Balancer(servers, scratch, tuning) if args.instances > 1 else None
    run = Run(balancer.url if balancer else servers[0].url, args.concurrency)
    try:
        cpu = sum(s.cpu_seconds() for s in servers)
        client = time.process_time()
        wall = asyncio.run(run.all(world["terminals"], works, args.spread))
        # the load generator shares the machine's cores with the servers: its own CPU
        client = time.process_time() - client
        cpu = sum(s.cpu_seconds() for s in servers) - cpu
    finally:
        if balancer:
            balancer.stop()
        for s in servers:
            s.stop()
    records = sum(w["records"] for w in works)
    landed = _landed(engine, world["grids"])
    growth = size() - before
    engine.dispose()
    return {
        "terminals": args.terminals,
        "instances": args.instances,
        "workers_per_instance": args.workers,
        "records": records,
        "photos": sum(len(w["photos"]) for w in works),
        "landed": landed,
        "expected": records,
        "setup_s": round(setup_s, 1),
        "prepare_s": round(prepare_s, 1),
        "wall_s": round(wall, 1),
        "records_per_s": round(records / wall),
        **{f"{kind}_p50_ms": _percentile(v, 0.5) for kind, v in sorted(run.latency.items())},
        **{f"{kind}_p99_ms": _percentile(v, 0.99) for kind, v in sorted(run.latency.items())},
        "requests": {kind: len(v) for kind, v in sorted(run.latency.items())},
        "busy_answers": run.busy,
        "failed_terminals": len(run.failed),
        "first_failures": run.failed[:3],
        "server_cpu_s": round(cpu, 1),
        "client_cpu_s": round(client, 1),
        "server_cpu_ms_per_1000_records": round(cpu * 1000 / (records / 1000), 1),
        "client_cpu_ms_per_1000_records": round(client * 1000 / (records / 1000), 1),
        "spread_s": args.spread,
        "concurrency": args.concurrency,
        "postgres_growth_mb_per_day": round(growth / 1e6, 1),
        "median_push_ms": round(statistics.median(run.latency["push"]), 1),
    }


def main() -> None:
    """Parse, run on a throwaway PostgreSQL database, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terminals", type=int, default=2000)
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="processes per instance")
    parser.add_argument("--spread", type=float, default=300.0, help="seconds the starts span")
    parser.add_argument("--concurrency", type=int, default=24, help="syncs at once at most")
    parser.add_argument(
        "--server-maxconn",
        type=int,
        default=16,
        help="requests HAProxy sends one instance at once (0: no limit)",
    )
    parser.add_argument("--balance", default=Tuning.balance, help="HAProxy's balance algorithm")
    parser.add_argument("--visits", type=int, default=30)
    parser.add_argument("--photos", type=int, default=2)
    parser.add_argument("--photo-kb", type=int, default=200)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    random.seed(1)
    scratch = Path(tempfile.mkdtemp(prefix="gridterm-city-"))
    name = f"gridterm_city_{secrets.token_hex(4)}"
    with psycopg.connect(args.pg, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    load = os.getloadavg()[0]
    try:
        results = measure(args, args.pg.rsplit("/", 1)[0] + "/" + name, scratch)
    finally:
        with psycopg.connect(args.pg, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    results["load_average_1m"] = [round(load, 1), round(os.getloadavg()[0], 1)]
    print(json.dumps(results))


if __name__ == "__main__":
    main()
