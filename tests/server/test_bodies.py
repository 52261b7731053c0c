"""Bad bodies get a clear 4xx with the error shape, never a 500 (issue 3, item 4)."""

from __future__ import annotations

import gzip
import json

import pytest
import zstandard

from gridterm.ids import new_id
from sync.protocol import MAX_OPS_PER_BATCH, MAX_PUSH_BODY_BYTES, MAX_PUSH_DECOMPRESSED_BYTES
from tests.server.helpers import op, ticket_fields, visit_fields


def _post(c, body: bytes, encoding: str | None = None, content_type="application/json"):
    headers = {**c.auth, "Content-Type": content_type}
    if encoding:
        headers["Content-Encoding"] = encoding
    return c.http.post("/v1/sync/push", content=body, headers=headers)


def _error(r, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["message"]
    return body["error"]["code"]


def _batch(c, ops) -> bytes:
    return json.dumps(
        {"device_id": c.device_id, "batch_id": new_id(), "schema_version": 1, "ops": ops}
    ).encode()


def test_not_json(terminal):
    _, c = terminal
    assert _error(_post(c, b"{not json"), 400) == "body.bad_json"


@pytest.mark.parametrize(
    "doc",
    [
        [],
        {"device_id": "x"},
        {"device_id": "x", "batch_id": "b", "schema_version": "one", "ops": []},
        {"device_id": "x", "batch_id": "b", "schema_version": 1, "ops": [{"op_id": 1}]},
        {"device_id": "x", "batch_id": "b", "schema_version": 1, "ops": [], "extra": 1},
    ],
)
def test_wrong_shape(terminal, doc):
    _, c = terminal
    assert _error(_post(c, json.dumps(doc).encode()), 422) == "push.invalid"


def test_too_many_ops(terminal):
    _, c = terminal
    o = op("visit", "v", {}, seq=1)
    assert _error(_post(c, _batch(c, [o] * (MAX_OPS_PER_BATCH + 1))), 422) == "push.invalid"


def test_oversized_body(terminal):
    _, c = terminal
    assert _error(_post(c, b" " * (MAX_PUSH_BODY_BYTES + 1)), 413) == "body.too_large"


def test_gzip_bomb(terminal):
    _, c = terminal
    bomb = gzip.compress(b" " * (MAX_PUSH_DECOMPRESSED_BYTES + 1024))
    assert len(bomb) < MAX_PUSH_BODY_BYTES
    assert _error(_post(c, bomb, "gzip"), 413) == "decompressed_body.too_large"


def test_zstd_bomb(terminal):
    _, c = terminal
    bomb = zstandard.ZstdCompressor().compress(b"0" * (MAX_PUSH_DECOMPRESSED_BYTES * 4))
    assert _error(_post(c, bomb, "zstd"), 413) == "decompressed_body.too_large"


@pytest.mark.parametrize("encoding", ["gzip", "zstd"])
def test_corrupt_compressed_body(terminal, encoding):
    _, c = terminal
    assert _error(_post(c, b"\x1f\x8b\x08garbage-garbage", encoding), 400) == "body.bad_encoding"


def test_truncated_gzip(terminal):
    _, c = terminal
    whole = gzip.compress(_batch(c, []))
    assert _error(_post(c, whole[: len(whole) // 2], "gzip"), 400) == "body.bad_encoding"


def test_unknown_encoding(terminal):
    _, c = terminal
    assert _error(_post(c, b"{}", "br"), 415) == "body.unsupported_encoding"


def test_outdated_client_is_asked_to_upgrade(terminal):
    _, c = terminal
    r = _post(
        c,
        json.dumps(
            {"device_id": c.device_id, "batch_id": "b", "schema_version": 0, "ops": []}
        ).encode(),
    )
    assert _error(r, 426) == "client.upgrade_required"
    old = c.http.get("/v1/me", headers={**c.auth, "X-GridTerm-Protocol": "0"})
    assert _error(old, 426) == "client.upgrade_required"


def test_garbage_field_values_are_rejected_per_op_not_500(terminal):
    d, c = terminal
    hid = d.households["g1"][0]
    uid = d.user_id("grid_worker")
    weird = [
        {"household_id": ["x"]},
        {"household_id": hid, "met": "{not json"},
        {"household_id": hid, "met": 5},
        {"household_id": hid, "concerns": '[{"kind": {"a": 1}}]'},
        {"household_id": hid, "visited_at": 12},
        {"household_id": hid, "unknown_column": 1},
        {"household_id": hid, "photos": '"abc"'},
        {"household_id": hid, "revision_of": {"x": 1}},
    ]
    ops = []
    for i, extra in enumerate(weird, start=1):
        vid = new_id()
        ops.append(op("visit", vid, {**visit_fields(hid, uid, id=vid), **extra}, seq=i))
    ops.append(op("ticket", new_id(), {"urgent": "yes", "grid_id": 3}, seq=50))
    # values a database column could not hold must be refused by a rule first
    long_id = "x" * 150
    ops.append(op("visit", long_id, visit_fields(hid, uid, id=long_id), seq=60))
    ops.append(op("visit", new_id(), visit_fields(long_id, uid), seq=61))
    ticket = ticket_fields(d.grids["g1"], uid, reported_by="y" * 100)
    ops.append(op("ticket", new_id(), ticket, seq=62))
    ops.append(
        op(
            "household",
            new_id(),
            {"grid_id": d.grids["g1"], "floor": 10**15, "room": "1", "address": "a"},
            seq=63,
        )
    )
    ops.append(op("attachment", "a" * 64, {"sha256": "a" * 64, "size": 2**70}, seq=64))
    ops.append(
        op(
            "hazard_inspection",
            new_id(),
            {"template_code": "shop_fire", "template_version": 10**20},
            seq=65,
        )
    )
    ops.append(op("household", hid, {"floor": "x"}, kind="update", seq=51))
    ops.append(op("checklist_answer", "no-slash", {"result": "pass"}, seq=52))
    ops.append(op("hazard", new_id(), {"deadline": [], "severity": 1, "responsible": 2}, seq=53))
    ops.append(op("check_in", new_id(), {"kind": "in", "at": "x", "latitude": "n"}, seq=54))
    r = c.push(ops)
    assert r.status_code == 200, r.text
    assert {x["status"] for x in r.json()["results"]} == {"rejected"}


def test_wrong_device_id_is_forbidden(terminal):
    _, c = terminal
    body = json.dumps(
        {"device_id": "someone-else", "batch_id": "b", "schema_version": 1, "ops": []}
    ).encode()
    assert _error(_post(c, body), 403) == "push.device_mismatch"
