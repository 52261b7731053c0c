"""Deeply nested or oversized field values: a 4xx or a per-op refusal with a code, never a
500 that a terminal would retry forever; the terminal refuses them before storing."""

from __future__ import annotations

import json

import pytest

from gridterm.domain.field_limits import MAX_FIELD_CHARS, MAX_FIELD_DEPTH
from gridterm.errors import ValidationError
from gridterm.ids import new_id
from tests.server.helpers import op, visit_fields


def _raw_push(c, nested: str):
    vid = new_id()
    op_json = json.dumps(
        {"op_id": new_id(), "seq": 1, "entity": "visit", "entity_id": vid, "op": "create"}
    )
    batch = json.dumps({"device_id": c.device_id, "batch_id": new_id(), "schema_version": 1})
    # spliced as text: json.dumps itself cannot write a value nested this deep
    body = batch[:-1] + ', "ops": [' + op_json[:-1] + ', "fields": {"notes": ' + nested + "}}]}"
    headers = {**c.auth, "Content-Type": "application/json"}
    return c.http.post("/v1/sync/push", content=body.encode(), headers=headers)


@pytest.mark.parametrize("depth", [1000, 5000, 200_000])
def test_a_body_nested_past_the_parsers_is_422_not_retriable(terminal, depth):
    _, c = terminal
    r = _raw_push(c, "[" * depth + "]" * depth)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "push.too_deep"
    assert r.json()["error"]["retriable"] is False
    assert c.http.get("/v1/me", headers=c.auth).status_code == 200  # still serving


def _one(c, d, **extra):
    hid, uid = d.households["g1"][0], d.user_id("grid_worker")
    fields = visit_fields(hid, uid, **extra)
    r = c.push([op("visit", fields["id"], fields)])
    assert r.status_code == 200, r.text
    (result,) = r.json()["results"]
    return result


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ({"notes": [[[[[[[[[["x"]]]]]]]]]]}, "field.too_deep"),
        ({"met": "[" * 50 + "]" * 50}, "field.too_deep"),
        ({"met": "[" * 5000 + "]" * 5000}, "field.too_deep"),
        ({"concerns": json.dumps([{"a": [[[[[[[[[1]]]]]]]]]}])}, "field.too_deep"),
        ({"notes": "x" * (MAX_FIELD_CHARS + 1)}, "field.too_large"),
    ],
)
def test_a_deep_or_huge_field_is_rejected_per_op_for_good(terminal, extra, reason):
    d, c = terminal
    result = _one(c, d, **extra)
    assert (result["status"], result["reason"], result["retriable"]) == ("rejected", reason, False)


def test_brackets_inside_strings_do_not_count(terminal):
    d, c = terminal
    met = json.dumps(["[" * 40 + "张三"], ensure_ascii=False)
    result = _one(c, d, met=met)
    assert result["reason"] != "field.too_deep"


def test_the_terminal_refuses_a_deep_field_before_storing_it(store):
    deep: list = []
    for _ in range(MAX_FIELD_DEPTH + 1):
        deep = [deep]
    pending = store.read(lambda r: r.one("SELECT count(*) AS n FROM outbox"))["n"]
    for value in (deep, "[" * 3000 + "]" * 3000, "x" * (MAX_FIELD_CHARS + 1)):
        with pytest.raises(ValidationError) as info:
            store.write(lambda tx, v=value: tx.insert("tombstone_probe", {"id": "x", "v": v}))
        assert info.value.code in ("field.too_deep", "field.too_large")
    assert store.read(lambda r: r.one("SELECT count(*) AS n FROM outbox"))["n"] == pending
