"""A terminal that recorded work under an older schema (before the sync engine's tables)
upgrades, enrolls and sends it all (docs/sync-contract.md, guarantee 8)."""

from __future__ import annotations

import sqlite_utils

from gridterm.domain.visits import Visit
from gridterm.ids import new_id
from gridterm.services.visits import visit_row
from gridterm.store import keys
from gridterm.store.connection import connect
from gridterm.store.keys import FAST_KDF
from gridterm.store.migrations import SCHEMA_VERSION, migrations
from gridterm.store.tx import Tx
from sync.client.auth import enroll, first_login
from sync.client.tables import APPLY_ORDER
from tests.sync.conftest import assert_exactly_once, make_terminal, open_terminal
from tests.sync.district import PIN


def _old_terminal(path, source_path, source_key, worker_id: str, households, n: int) -> list[str]:
    """A schema-2 database (no sync tables) holding the area of ``source`` and ``n`` visits
    recorded by the old app and never sent."""
    key = keys.new_database_key()
    keys.KeyRing.load(path).add(worker_id, PIN, key, FAST_KDF)
    conn = connect(path, key)
    db = sqlite_utils.Database(conn)
    migrations.apply(db, stop_before="0003_sync")
    conn.execute(f"ATTACH DATABASE ? AS src KEY \"x'{source_key.hex()}'\"", (str(source_path),))
    ids: list[str] = []
    with db.atomic():
        for table in APPLY_ORDER:
            # the old schema's columns only: later migrations added some
            names = ", ".join(r[1] for r in conn.execute(f"PRAGMA main.table_info({table})"))
            if not names:
                continue  # a table a later migration added
            conn.execute(f"INSERT INTO main.{table} SELECT {names} FROM src.{table}")
        user_id = conn.execute("SELECT id FROM user WHERE worker_id = ?", (worker_id,)).fetchone()
        tx = Tx(conn, {})
        for i in range(n):
            visit = Visit.create(
                id=new_id(),
                household_id=households[i % len(households)],
                user_id=user_id[0],
                visited_at="2026-10-01T10:00:00+08:00",
                visit_type="routine",
                outcome="nothing_raised",
                notes=f"旧版记录{i}",
            )
            tx.insert("visit", visit_row(visit))
            ids.append(visit.id)
    conn.execute("DETACH DATABASE src")
    conn.close()
    return ids


def test_unsent_work_survives_the_upgrade_and_is_sent(tmp_path, server, district, proxy):
    seed = make_terminal(tmp_path, district, "w1", proxy.url, name="seed")
    assert seed.sync().ok
    source_key = seed.store._key  # the test reads the seed's key to build an old-format copy
    seed.close()
    path = tmp_path / "old" / "gridterm.db"
    path.parent.mkdir()
    ids = _old_terminal(
        path, seed.path, source_key, district.worker("w1"), district.households["g1"], 25
    )

    device = enroll(proxy.url, district.code(), "upgraded")
    store = first_login(path, device, district.worker("w1"), PIN)  # unlocks and migrates
    assert store.migration_backup is not None and store.migration_backup.exists()
    assert store.query("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
    assert store.query("SELECT count(*) AS n FROM outbox WHERE state = 'pending'") == [{"n": 25}]
    store.close()

    t = open_terminal(path, district, "w1", proxy.url)
    try:
        report = t.sync()
        assert report.ok, report
        assert report.confirmed == 25
        assert_exactly_once(server, t, ids)
    finally:
        t.close()
