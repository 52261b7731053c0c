"""Many writers at once: every record lands once, and a pull cursor never skips a change,
even when a slow transaction commits a lower position after a faster one (PostgreSQL)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
from sqlalchemy import func, select, text

from gridterm.ids import new_id
from sync.server import partitions
from sync.server.db import changes, schema
from sync.server.db.engine import writing
from sync.server.push import order
from tests.postgres import PG_ADMIN
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
    seen = set(during["changes"])
    wanted = {("household", hid), ("visit", vid)}
    # Transactions of other databases in the cluster may hold the horizon back a moment
    # (delays are allowed); a skipped change would never come.
    deadline = time.monotonic() + 30
    while not wanted <= seen and time.monotonic() < deadline:
        after, cursor = reader.pull_all(cursor)
        seen |= set(after["changes"])
        time.sleep(0.1)
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
    # A transaction anywhere in the cluster (another test run's database too) holds the
    # horizon back: changes may come late, but a skipped one would never come.
    deadline = time.monotonic() + 30
    while True:
        page, cursor = reader.pull_all(cursor)
        seen.update(k for (e, k) in page["changes"] if e == "visit")
        if set(written) <= seen or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert len(written) == 6 * 15 * 5
    assert set(written) <= seen


def test_a_write_outside_the_area_under_load_changes_nothing(server):
    d = build_district(server.url, server.engine, households_per_grid=2)
    c = d.client("grid_worker")
    with writing(server.engine) as conn:
        before = conn.execute(select(func.count()).select_from(schema.applied_op)).scalar_one()
    uid = d.user_id("grid_worker")
    ops = []
    for grid in ("g3", "g3"):  # only ops outside: refused whole (one alone: rejected alone)
        v = new_id()
        ops.append(op("visit", v, visit_fields(d.households[grid][0], uid, id=v), seq=len(ops)))
    assert c.push(ops).status_code == 403
    with writing(server.engine) as conn:
        after = conn.execute(select(func.count()).select_from(schema.applied_op)).scalar_one()
    assert after == before


def test_two_instances_share_one_database_and_store_a_batch_once(server):
    """Stateless instances behind a load balancer: the same batch reaches two at once."""
    import socket

    import uvicorn

    from sync.server.app import create_app
    from sync.server.settings import Settings
    from tests.server.helpers import Client

    url = server.engine.url.render_as_string(hide_password=False)
    app = create_app(Settings(db_url=url, blob_dir=server.blob_dir, pool_size=5))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    second = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=second.run, daemon=True)
    thread.start()
    while not second.started:
        assert thread.is_alive()
        threading.Event().wait(0.02)
    try:
        d = build_district(server.url, server.engine, households_per_grid=2)
        a = d.client("grid_worker")
        b = Client(f"http://127.0.0.1:{port}")  # the same terminal, through the other instance
        b.device_id, b.token = a.device_id, a.token
        uid = d.user_id("grid_worker")
        for _ in range(5):
            ops = []
            for i in range(20):
                v = new_id()
                ops.append(
                    op("visit", v, visit_fields(d.households["g1"][i % 2], uid, id=v), seq=i)
                )
            with ThreadPoolExecutor(2) as pool:
                futures = [pool.submit(c.push, ops, batch_id="same") for c in (a, b)]
                answers = [f.result() for f in futures]
            assert [r.status_code for r in answers] == [200, 200]
            for first, other in zip(*(r.json()["results"] for r in answers), strict=True):
                assert {first["status"], other["status"]} == {"applied", "duplicate"}
            with server.engine.connect() as conn:
                stored = conn.execute(
                    select(func.count())
                    .select_from(schema.visit)
                    .where(schema.visit.c.id.in_([o["entity_id"] for o in ops]))
                ).scalar_one()
            assert stored == len(ops)
    finally:
        second.should_exit = True
        thread.join(timeout=10)
        app.state.engine.dispose()


def test_a_writer_in_another_database_does_not_hold_pulls_back(pg_server):
    """The horizon is this database's: a transaction left open in another database of the
    same PostgreSQL (another street office, an import) must not stall every pull here."""
    d = build_district(pg_server.url, pg_server.engine)
    reader = d.client("grid_worker")
    _, cursor = reader.pull_all()
    with psycopg.connect(PG_ADMIN, autocommit=False) as elsewhere:
        elsewhere.execute("SELECT pg_current_xact_id()")  # a writer's txid, held open
        writer = d.client("community_supervisor")
        vid = new_id()
        fields = visit_fields(d.households["g1"][0], d.user_id("community_supervisor"), id=vid)
        assert writer.push([op("visit", vid, fields)]).json()["results"][0]["status"] == "applied"
        after, _ = reader.pull_all(cursor)
        elsewhere.rollback()
    assert ("visit", vid) in after["changes"]


def test_a_transaction_holding_a_txid_before_its_first_write_still_holds_the_horizon(pg_server):
    """``current_txid`` locks the change log before it takes a txid: the horizon sees the
    transaction from then on, not only from its first write."""
    with pg_server.engine.connect() as conn, conn.begin():
        txid = changes.current_txid(conn)
        with pg_server.engine.connect() as other:
            with other.begin():  # a later transaction that finishes first
                assert changes.current_txid(other) > txid
            assert changes.horizon(other) <= txid


def test_a_push_holding_only_its_device_lock_still_holds_the_horizon(pg_server):
    """A push takes its txid with its device's advisory lock (``order.lock_device``), without
    locking the change log: that lock is its lock in this database, and the horizon counts
    it."""
    with pg_server.engine.connect() as conn, conn.begin():
        txid = order.lock_device(conn, new_id())
        # the transaction's own id, read without taking another lock
        assert txid == conn.execute(text("SELECT pg_current_xact_id()::text::bigint")).scalar()
        with pg_server.engine.connect() as other:
            with other.begin():  # a later transaction that finishes first
                assert changes.current_txid(other) > txid
            assert changes.horizon(other) <= txid
