"""What an answer confirms is exactly the ops of its batch (``sync/client/acks.py``): a batch
that is a whole range of seqs is confirmed by its range, any other by its seqs, and rows
outside the batch — a quarantined row between its ops, the next batch — are left as they
were; the ops each read with the JSON SQLite makes for them parse to what was stored."""

from __future__ import annotations

import json
from pathlib import Path

from gridterm.store import Store
from gridterm.store.tx import Tx
from sync.client import acks, outbox
from sync.protocol import OpResult, OpStatus, PushResponse

_ODD_ID = 'an "odd" id \\ 号\n'


def _store(tmp_path: Path, n: int) -> Store:
    store = Store.open_plaintext(tmp_path / "t.db")

    def write(tx: Tx) -> None:
        for i in range(1, n + 1):
            fields = {"id": f"v{i}", "notes": f'入户 "{i}" \\', "photos": "[]", "n": None}
            tx.conn.execute(
                "INSERT INTO outbox (op_id, entity, entity_id, op, fields, base_version,"
                " created_at, state) VALUES (?, 'visit', ?, 'create', ?, ?, 't', 'pending')",
                (
                    f"op{i}",
                    _ODD_ID if i == 2 else f"v{i}",
                    json.dumps(fields, ensure_ascii=False),
                    i if i % 3 == 0 else None,
                ),
            )

    store.write(write)
    return store


def _states(store: Store) -> dict[int, str]:
    return {r["seq"]: r["state"] for r in store.query("SELECT seq, state FROM outbox")}


def _answer(results: list[OpResult] | None = None) -> PushResponse:
    return PushResponse(batch_id="b", acked_seq=None, results=results or [], others_applied=True)


def test_a_batch_of_a_whole_range_confirms_that_range_only(tmp_path):
    store = _store(tmp_path, 10)
    batch = store.read(lambda r: outbox.unsent(r, 2, 5))  # seqs 3..7
    counts = store.write(lambda tx: acks.apply(tx, batch, _answer(), 3))
    assert counts.confirmed == 5
    assert [s for s, state in _states(store).items() if state == "confirmed"] == [3, 4, 5, 6, 7]
    store.close()


def test_a_batch_with_a_gap_confirms_its_ops_not_the_row_between(tmp_path):
    store = _store(tmp_path, 8)
    store.write(lambda tx: acks.quarantine(tx, "op4", "test"))
    batch = store.read(lambda r: outbox.unsent(r, 0, 5))  # seqs 1, 2, 3, 5, 6
    assert [op.seq for op in batch] == [1, 2, 3, 5, 6]
    refused = OpResult(op_id="op5", seq=5, status=OpStatus.REJECTED, reason="x")
    counts = store.write(lambda tx: acks.apply(tx, batch, _answer([refused]), 3))
    assert (counts.confirmed, counts.rejected) == (4, 1)
    states = _states(store)
    assert [s for s, state in states.items() if state == "confirmed"] == [1, 2, 3, 6]
    assert (states[4], states[5], states[7], states[8]) == (
        "rejected",
        "rejected",
        "pending",
        "pending",
    )
    store.close()


def test_the_ops_read_reach_the_body_as_stored(tmp_path):
    store = _store(tmp_path, 4)
    ops = store.read(lambda r: outbox.unsent(r, 0, 10))
    doc = json.loads(outbox.body("dev", "b1", 13, ops, compact=True))
    stored = store.query("SELECT * FROM outbox ORDER BY seq")
    assert doc["ops"] == [
        {
            "op_id": row["op_id"],
            "seq": row["seq"],
            "entity": row["entity"],
            "entity_id": row["entity_id"],
            "op": row["op"],
            "base_version": row["base_version"],
            "fields": json.loads(row["fields"]),
        }
        for row in stored
    ]
    assert doc["ops"][1]["entity_id"] == _ODD_ID
    # the JSON SQLite made (``encoded``) says what the terminal's own encoder says, op for op
    assert all(op.encoded is not None for op in ops)
    assert [json.loads(op.wire()) for op in ops] == [
        json.loads(op._replace(encoded=None).wire()) for op in ops
    ]
    store.close()
