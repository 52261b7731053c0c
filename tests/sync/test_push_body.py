"""The push body is built from the outbox's stored JSON as bytes, spliced in unchanged
(``sync/client/outbox.py``): the server parses exactly the fields the terminal stored."""

from __future__ import annotations

import json

from sync.client import outbox
from sync.client.outbox import OutboxOp


def _op(seq: int, op_id: str, fields: dict[str, object], base: int | None = None) -> OutboxOp:
    stored = json.dumps(fields, ensure_ascii=False).encode()
    return OutboxOp(seq, op_id, "visit", f"v{seq}", "create", stored, base, "pending")


def test_stored_fields_reach_the_body_as_they_were_written():
    fields = {"notes": '入户走访 "张三" \\ 说：好\n', "photos": "[]", "n": 3, "none": None}
    ops = [
        _op(1, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", fields),
        _op(2, 'an "odd" id 号', {"notes": "✓"}, base=4),  # an id JSON must escape
    ]
    body = outbox.body("dev", "b1", 13, ops, compact=True, sent_at="t", after="b0")
    doc = json.loads(body)
    assert doc["ops"][0]["fields"] == fields
    assert doc["ops"][1] == {
        "op_id": 'an "odd" id 号',
        "seq": 2,
        "entity": "visit",
        "entity_id": "v2",
        "op": "create",
        "base_version": 4,
        "fields": {"notes": "✓"},
    }
    assert (doc["compact"], doc["after"], doc["sent_at"], doc["batch_id"]) == (
        True,
        "b0",
        "t",
        "b1",
    )


def test_a_body_of_none_one_or_many_ops_parses():
    for n in (0, 1, 2, 5):
        ops = [_op(seq, f"op{seq}", {"notes": f"第{seq}"}) for seq in range(1, n + 1)]
        doc = json.loads(outbox.body("dev", "b1", 13, ops))
        assert [op["fields"]["notes"] for op in doc["ops"]] == [f"第{s}" for s in range(1, n + 1)]
        assert doc["batch_id"] == "b1"
