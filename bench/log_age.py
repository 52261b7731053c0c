"""Does sync slow as the change log ages? Push and pull cost at 1 month and at 1 year of a
city's changes, on PostgreSQL; prints one JSON object last.

For each age (``--months``, default 1 and 12) a throwaway PostgreSQL database is migrated and
given one community (20 grids of 50 households, one worker per grid, as bench/server_load.py
sets up), then ``--rows-per-month`` change-log entries per month of history (default
1,000,000) spread over 3,000 other grids of the city and, one in a thousand, over the
community's own grids — written straight into the month partitions a server running for that
long would have made (``sync.server.db.retention.ensure_partitions`` makes them ahead of
time), with positions and ``logged_at`` rising with time. Then one ``gridterm-server serve``
process on it, and one worker's two terminals (enrolled devices A and B of the same worker):

- ``push_p50_ms``/``push_p95_ms``: A pushes ``--rounds`` batches of 100 new visits;
- ``pull_p50_ms``/``pull_p95_ms``: after each push B pulls the 100 visits (the terminal's
  ordinary pull: a page from its cursor, which stands at the newest entry of its area);
- ``catch_up_s``: B's first pull, from no cursor, page by page to the end (what a terminal
  newly given the grid reads: its area's whole history).

Usage::

    .venv/bin/python bench/log_age.py [--months 1 12] [--rows-per-month 1000000] [--rounds 30]
        [--pg postgresql://postgres@127.0.0.1:5432/postgres]

Flat means the 12-month figures equal the 1-month ones within the machine's noise: the pull's
index lookups are per (area, position), and a month partition that holds nothing after the
cursor costs one index probe.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy import text

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from server_load import HEADERS, Server, batch, login, setup  # noqa: E402

from sync.server.db import retention  # noqa: E402
from sync.server.db.engine import writing  # noqa: E402

_DAY_MS = 86_400_000
CITY_GRIDS = 3000


def fill_history(engine: Any, months: int, per_month: int, own: list[int]) -> dict[str, Any]:
    """``months`` months of other grids' change-log entries ending now, in their months'
    partitions; one entry in a thousand is in one of the community's own grids ``own``."""
    now = int(time.time() * 1000)
    start = now - months * 30 * _DAY_MS
    total = months * per_month
    with writing(engine) as conn:
        year, month = retention.month_of(start)
        for step in range(months + 3):
            part = retention.month_partition(year, month + step)
            conn.execute(
                text(
                    f"CREATE TABLE IF NOT EXISTS {part.name} PARTITION OF change_log"
                    f" FOR VALUES FROM ({part.start}) TO ({part.end})"
                )
            )
        # history's transactions came before every transaction of the run that follows
        top = int(conn.execute(text("SELECT pg_current_xact_id()::text::bigint")).scalar_one())
    own_list = "ARRAY[" + ",".join(f"'g{n}'" for n in own) + "]"
    started = time.perf_counter()
    chunk = 2_000_000
    for first in range(0, total, chunk):
        last = min(total, first + chunk)
        with writing(engine) as conn:
            conn.execute(
                text(
                    "INSERT INTO change_log (txid, partition, entity, entity_id, op, origin,"
                    " logged_at)"
                    " SELECT 1 + (i::bigint * (:top - 1000)) / :total,"
                    f" CASE WHEN i % 1000 = 0 THEN ({own_list})[1 + (i / 1000) % {len(own)}]"
                    f" ELSE 'g' || (100000 + i % {CITY_GRIDS}) END,"
                    " 'visit', md5(i::text), 'upsert', NULL,"
                    " :start + (i::bigint * (:now - :start)) / :total"
                    " FROM generate_series(:first, :last - 1) AS i"
                ),
                {
                    "top": top,
                    "total": total,
                    "start": start,
                    "now": now - 60_000,
                    "first": first,
                    "last": last,
                },
            )
    with writing(engine) as conn:
        conn.execute(text("ANALYZE change_log"))
        size = conn.execute(
            text(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_inherits i"
                " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'change_log'::regclass"
            )
        ).scalar_one()
        parts = len(retention.month_partitions(conn))
    return {
        "change_log_rows": total,
        "change_log_mb": round(int(size) / 1e6),
        "month_partitions": parts,
        "fill_s": round(time.perf_counter() - started, 1),
    }


def pull_to_end(c: httpx.Client, cursor: str | None) -> tuple[str, int, int]:
    """Pull pages from ``cursor`` until ``more`` is false: (cursor, pages, changes)."""
    pages = changes = 0
    while True:
        params: dict[str, Any] = {"limit": 1000}
        if cursor:
            params["cursor"] = cursor
        r = c.get("/v1/sync/pull", params=params)
        r.raise_for_status()
        page = r.json()
        pages, changes = pages + 1, changes + len(page["changes"])
        cursor = page["cursor"]
        if not page["more"]:
            return cursor, pages, changes


def run_age(pg_admin: str, months: int, per_month: int, rounds: int, root: Path) -> dict:
    """Build the database of one age, serve it, and measure a terminal's push and pull."""
    name = f"gridterm_log_age_{months}_{secrets.token_hex(3)}"
    with psycopg.connect(pg_admin, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    db = pg_admin.rsplit("/", 1)[0] + "/" + name
    try:
        world = setup(db, 20, 50, 2)
        engine = world["engine"]
        with engine.connect() as conn:
            own = list(conn.execute(text("SELECT num FROM grid ORDER BY num")).scalars())
        result: dict[str, Any] = {"months": months, **fill_history(engine, months, per_month, own)}
        server = Server(db, root / f"blobs-{months}", workers=1, pool_size=4)
        try:
            worker, uid, gid = world["workers"][0]
            device_a, token_a = login(server.url, world["codes"][0], worker)
            _device_b, token_b = login(server.url, world["codes"][1], worker)
            homes = world["homes"][gid]
            push_headers = {
                **HEADERS,
                "Authorization": f"Bearer {token_a}",
                "Content-Encoding": "zstd",
            }
            pull_headers = {**HEADERS, "Authorization": f"Bearer {token_b}"}
            with (
                httpx.Client(base_url=server.url, headers=push_headers, timeout=300) as a,
                httpx.Client(base_url=server.url, headers=pull_headers, timeout=300) as b,
            ):
                started = time.perf_counter()
                cursor, pages, _ = pull_to_end(b, None)
                result["catch_up_s"] = round(time.perf_counter() - started, 2)
                result["catch_up_pages"] = pages
                pushes, pulls = [], []
                for n in range(rounds):
                    body = batch(device_a, uid, homes, 100, 1 + n * 100)
                    t = time.perf_counter()
                    a.post("/v1/sync/push", content=body).raise_for_status()
                    pushes.append((time.perf_counter() - t) * 1000)
                    t = time.perf_counter()
                    cursor, _, got = pull_to_end(b, cursor)
                    pulls.append((time.perf_counter() - t) * 1000)
                    assert got == 100, f"pulled {got} visits, pushed 100"
            for kind, values in (("push", pushes), ("pull", pulls)):
                values.sort()
                result[f"{kind}_p50_ms"] = round(statistics.median(values), 1)
                result[f"{kind}_p95_ms"] = round(values[int(len(values) * 0.95) - 1], 1)
        finally:
            server.stop()
            engine.dispose()
    finally:
        with psycopg.connect(pg_admin, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--months", type=int, nargs="+", default=[1, 12])
    parser.add_argument("--rows-per-month", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    ages = []
    with tempfile.TemporaryDirectory(prefix="gridterm-log-age-") as scratch:
        for months in args.months:
            age = run_age(args.pg, months, args.rows_per_month, args.rounds, Path(scratch))
            print(json.dumps(age, ensure_ascii=False), flush=True)
            ages.append(age)
    out: dict[str, Any] = {"ages": ages, "load_average": [round(x, 1) for x in os.getloadavg()]}
    if len(ages) >= 2:
        young, old = ages[0], ages[-1]
        for kind in ("push_p50_ms", "pull_p50_ms"):
            out[f"{kind}_old_over_young"] = round(old[kind] / young[kind], 2)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
