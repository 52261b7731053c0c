"""The fast push-body decoder agrees with the documented pydantic model, and defers to it."""

from __future__ import annotations

import json

import pytest

from sync.protocol import MAX_OPS_PER_BATCH, OpKind, PushRequest
from sync.server.api.sync import _parse_push
from sync.server.errors import ApiError
from sync.server.push.request import WirePush, decode_push


def _doc(**op_changes: object) -> dict:
    op = {
        "op_id": "o1",
        "seq": 3,
        "entity": "visit",
        "entity_id": "v1",
        "op": "create",
        "fields": {"notes": "家中情况正常", "met": '["户主"]', "n": 1.5},
        "base_version": None,
    } | op_changes
    return {"device_id": "d1", "batch_id": "b1", "schema_version": 1, "ops": [op]}


def test_a_valid_body_decodes_fast_to_the_same_values_as_the_model():
    raw = json.dumps(_doc(), ensure_ascii=False).encode()
    fast = decode_push(raw)
    model = PushRequest.model_validate_json(raw)
    assert isinstance(fast, WirePush)
    assert fast.ops[0].op is OpKind.CREATE
    for name in ("op_id", "seq", "entity", "entity_id", "op", "fields", "base_version"):
        assert getattr(fast.ops[0], name) == getattr(model.ops[0], name)
    assert (fast.device_id, fast.batch_id, fast.schema_version) == ("d1", "b1", 1)


@pytest.mark.parametrize(
    "change",
    [
        {"seq": -1},
        {"op_id": ""},
        {"op_id": "x" * 65},
        {"op": "upsert"},
        {"base_version": -2},
        {"extra": 1},
        {"fields": []},
    ],
)
def test_the_fast_decoder_is_never_looser_than_the_model(change):
    raw = json.dumps(_doc(**change)).encode()
    assert decode_push(raw) is None
    with pytest.raises(ApiError) as err:
        _parse_push(raw, None)
    assert err.value.status == 422 and err.value.code == "push.invalid"


def test_too_many_ops_and_bad_json_keep_their_answers():
    doc = _doc()
    doc["ops"] = doc["ops"] * (MAX_OPS_PER_BATCH + 1)
    assert decode_push(json.dumps(doc).encode()) is None
    with pytest.raises(ApiError) as err:
        _parse_push(json.dumps(doc).encode(), None)
    assert err.value.code == "push.invalid"
    with pytest.raises(ApiError) as err:
        _parse_push(b"{not json", None)
    assert err.value.status == 400 and err.value.code == "body.bad_json"


def test_what_only_the_model_accepts_still_goes_through_it():
    raw = json.dumps(_doc(seq=5.0)).encode()  # pydantic's lax mode takes 5.0 as 5
    assert decode_push(raw) is None
    parsed = _parse_push(raw, None)
    assert isinstance(parsed, PushRequest) and parsed.ops[0].seq == 5
