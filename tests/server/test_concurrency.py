"""Many writers at once: every record lands once, and a pull cursor never skips a change,
even when a slow transaction commits a lower position after a faster one (PostgreSQL)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from gridterm.ids import new_id
from sync.server import partitions
from sync.server.db import changes, schema
from sync.server.db.engine import writing
from tests.server.helpers import build_district, op, visit_fields


def test_many_terminals_push_to_one_grid_at_once(server):
    d = build_district(server.url, server.engine, households_per_grid=5)
    terminals = [d.client("grid_worker") for _ in range(12)]
    uid, homes = d.user_id("grid_worker"), d.households["g1"]
    hid = homes[0]
    per_terminal = 40

    def run(c):
        statuses = []
        for b in range(4):
            ops = []
            for i in range(per_terminal // 4):
                vid = new_id()
                ops.append(
                    op("visit", vid, visit_fields(homes[i % 5], uid, id=vid), seq=b * 10 + i)
                )
            # every terminal also edits the same household: the row lock queues them
            ops.append(op("household", hid, {"notes": f"{c.device_id}-{b}"}, kind="update", seq=99))
            r = c.push(ops)
            assert r.status_code == 200, r.text
            again = c.push(ops)  # and every batch is delivered twice
            statuses += [x["status"] for x in again.json()["results"]]
        return statuses

    with ThreadPoolExecutor(len(terminals)) as pool:
        results = list(pool.map(run, terminals))
    assert all(s == "duplicate" for statuses in results for s in statuses)
    with server.engine.connect() as conn:
        landed = conn.execute(
            select(func.count())
            .select_from(schema.visit)
            .where(schema.visit.c.household_id.in_(homes))
        ).scalar_one()
        version = conn.execute(
            select(schema.household.c.version).where(schema.household.c.id == hid)
        ).scalar_one()
        kept = conn.execute(
            select(func.count())
            .select_from(schema.conflict)
            .where(schema.conflict.c.entity_id == hid)
        ).scalar_one()
    assert landed == len(terminals) * per_terminal
    # every edit was either applied (a new version) or kept as a conflict: none lost
    assert (version - 1) + kept == len(terminals) * 4


def test_a_slow_transaction_is_not_skipped_by_the_cursor(pg_server):
    """A transaction takes its log position first and commits last: a naive ``seq`` cursor
    would already be past it when it commits."""
    d = build_district(pg_server.url, pg_server.engine)
    reader = d.client("grid_worker")
    _, cursor = reader.pull_all()
    hid = d.households["g1"][1]
    with pg_server.engine.connect() as conn:
        num = conn.execute(
            select(schema.grid.c.num).where(schema.grid.c.id == d.grids["g1"])
        ).scalar_one()
    slow = pg_server.engine.connect()
    tx = slow.begin()
    changes.record(
        slow,
        changes.current_txid(slow),
        [(partitions.grid(num), "household", hid, changes.UPSERT)],
    )
    # a faster write commits meanwhile, with a higher position
    writer = d.client("community_supervisor")
    vid = new_id()
    fields = visit_fields(d.households["g1"][0], d.user_id("community_supervisor"), id=vid)
    assert writer.push([op("visit", vid, fields)]).json()["results"][0]["status"] == "applied"
    during, cursor = reader.pull_all(cursor)
    assert ("household", hid) not in during["changes"]
    tx.commit()
    slow.close()
    after, cursor = reader.pull_all(cursor)
    seen = set(during["changes"]) | set(after["changes"])
    assert ("household", hid) in seen  # the slow one was not skipped
    assert ("visit", vid) in seen


def test_pull_under_concurrent_writers_never_skips(pg_server):
    d = build_district(pg_server.url, pg_server.engine, households_per_grid=4)
    uid, homes = d.user_id("grid_worker"), d.households["g1"]
    writers = [d.client("grid_worker") for _ in range(6)]
    reader = d.client("grid_worker")
    _, cursor = reader.pull_all()
    written: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def write(c):
        for _ in range(15):
            ids = [new_id() for _ in range(5)]
            ops = [
                op("visit", v, visit_fields(homes[i % 4], uid, id=v), seq=i)
                for i, v in enumerate(ids)
            ]
            assert c.push(ops).status_code == 200
            with lock:
                written.extend(ids)

    seen: set[str] = set()

    def read():
        nonlocal cursor
        while not stop.is_set():
            page, cursor = reader.pull_all(cursor, limit=7)
            seen.update(k for (e, k) in page["changes"] if e == "visit")

    reading_thread = threading.Thread(target=read)
    reading_thread.start()
    with ThreadPoolExecutor(len(writers)) as pool:
        list(pool.map(write, writers))
    stop.set()
    reading_thread.join()
    page, cursor = reader.pull_all(cursor)
    seen.update(k for (e, k) in page["changes"] if e == "visit")
    assert len(written) == 6 * 15 * 5
    assert set(written) <= seen


def test_a_write_outside_the_area_under_load_changes_nothing(server):
    d = build_district(server.url, server.engine, households_per_grid=2)
    c = d.client("grid_worker")
    with writing(server.engine) as conn:
        before = conn.execute(select(func.count()).select_from(schema.applied_op)).scalar_one()
    uid = d.user_id("grid_worker")
    ops = []
    for grid in ("g1", "g3"):
        v = new_id()
        ops.append(op("visit", v, visit_fields(d.households[grid][0], uid, id=v), seq=len(ops)))
    assert c.push(ops).status_code == 403
    with writing(server.engine) as conn:
        after = conn.execute(select(func.count()).select_from(schema.applied_op)).scalar_one()
    assert after == before
