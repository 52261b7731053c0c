"""Outbox pruning: confirmed rows past the retention go after a sync; work the server has not
accepted (pending, sent, rejected) never does, nor the newest rows the Sync page shows."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from gridterm.store import Store
from sync.client import outbox_pruning
from tests.sync.conftest import make_terminal, record_visits

OLD = (datetime.now(UTC) - timedelta(days=45)).isoformat(timespec="milliseconds")


def _age(store: Store, where: str, params: tuple = ()) -> None:
    store.write(
        lambda tx: tx.execute(f"UPDATE outbox SET state_at = ? WHERE {where}", (OLD, *params))
    )


def _seqs(store: Store, state: str) -> list[int]:
    rows = store.query("SELECT seq FROM outbox WHERE state = ? ORDER BY seq", (state,))
    return [r["seq"] for r in rows]


def _confirmed_visits(new_terminal, district, proxy, n: int):
    """A synced terminal with ``n`` visits recorded and synced; returns it and the outbox
    seqs confirmed."""
    t = new_terminal(district, "w1", proxy.url)
    record_visits(t, district.households["g1"], n)
    assert t.sync().ok
    return t, _seqs(t.store, "confirmed")


def test_a_sync_prunes_old_confirmed_rows_and_nothing_unsettled(
    server, district, proxy, new_terminal
):
    t, confirmed = _confirmed_visits(new_terminal, district, proxy, 30)
    assert len(confirmed) == 30
    # a month and a half ago: all 30 confirmed, and work the server never accepted
    _age(t.store, "state = 'confirmed'")
    record_visits(t, district.households["g1"], 3)
    t.store.write(
        lambda tx: tx.execute(
            "UPDATE outbox SET state = 'rejected', reason = 'x' WHERE seq IN"
            " (SELECT seq FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1)"
        )
    )
    t.store.write(
        lambda tx: tx.execute(
            "UPDATE outbox SET state = 'sent' WHERE seq IN"
            " (SELECT seq FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1)"
        )
    )
    _age(t.store, "state IN ('pending', 'sent', 'rejected')")
    # the newest confirmed rows stay whatever their age (the Sync page lists them)
    t.store.write(lambda tx: outbox_pruning.prune(tx, keep_recent=10))
    assert _seqs(t.store, "confirmed") == confirmed[-10:]
    # a sync prunes with the defaults: 500 newest kept, so nothing more goes here
    report = t.sync()
    assert report.confirmed == 2 and report.rejected == 0
    assert len(_seqs(t.store, "confirmed")) == 12
    assert len(_seqs(t.store, "rejected")) == 1  # the quarantine is never pruned


def test_only_rows_past_the_retention_go_and_conflicts_keep_theirs(
    server, district, proxy, new_terminal
):
    t, seqs = _confirmed_visits(new_terminal, district, proxy, 20)
    _age(t.store, "seq <= ?", (seqs[9],))  # the first ten are old
    named = t.store.query("SELECT op_id FROM outbox WHERE seq = ?", (seqs[0],))[0]["op_id"]
    t.store.write(
        lambda tx: tx.execute(
            "INSERT INTO sync_conflict (id, entity, entity_id, field, local_value,"
            " server_value, op_id, base_version, source, detected_at) VALUES"
            " ('c1', 'household', 'h', 'phone', '1', '2', ?, 1, 'push', ?)",
            (named, OLD),
        )
    )
    removed = t.store.write(lambda tx: outbox_pruning.prune(tx, keep_recent=0))
    assert removed == 9
    assert _seqs(t.store, "confirmed") == [seqs[0], *seqs[10:]]
    with pytest.raises(ValueError):
        t.store.write(lambda tx: outbox_pruning.prune(tx, retention_days=-1))


def test_pruning_a_large_outbox_is_cheap(tmp_path, server, district, proxy):
    """100,000 old confirmed rows: pruned in one short transaction on the writer thread."""
    t = make_terminal(tmp_path, district, "w1", proxy.url)
    try:
        rows = [
            (f"op-{i}", "visit", f"v-{i}", "create", "{}", OLD, "confirmed", OLD)
            for i in range(100_000)
        ]
        t.store.write(
            lambda tx: tx.conn.executemany(
                "INSERT INTO outbox (op_id, entity, entity_id, op, fields, created_at, state,"
                " state_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        )
        started = time.perf_counter()
        removed = t.store.write(outbox_pruning.prune)
        seconds = time.perf_counter() - started
        print(f"pruned {removed} rows in {seconds:.3f} s")
        assert removed == 100_000 - outbox_pruning.KEEP_RECENT
        assert seconds < 5
        started = time.perf_counter()
        assert t.store.write(outbox_pruning.prune) == 0
        assert time.perf_counter() - started < 0.5  # nothing to do: a bounded index scan
    finally:
        t.close()
