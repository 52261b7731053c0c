"""The compact push answer: only the ops not applied as sent are listed, the rest applied."""

from __future__ import annotations

from gridterm.ids import new_id
from tests.server.helpers import build_district, op, visit_fields


def _visit_op(d, seq, **extra):
    vid = new_id()
    fields = visit_fields(d.households["g1"][0], d.user_id("grid_worker"), id=vid, **extra)
    return op("visit", vid, fields, seq=seq)


def _push(c, ops, batch_id=None, compact=True):
    doc = {
        "device_id": c.device_id,
        "batch_id": batch_id or new_id(),
        "schema_version": 1,
        "ops": ops,
        "compact": compact,
    }
    r = c.http.post("/v1/sync/push", json=doc, headers=c.auth)
    assert r.status_code == 200, r.text
    return r.json()


def test_a_compact_answer_names_only_what_was_not_applied(server):
    d = build_district(server.url, server.engine)
    c = d.client("grid_worker")
    orphan = _visit_op(d, 3)
    orphan["fields"]["household_id"] = new_id()  # not on the server: retriable
    ops = [
        _visit_op(d, 1),
        _visit_op(d, 2, visit_type="party"),  # refused
        orphan,
        _visit_op(d, 4),
    ]
    answer = _push(c, ops)
    assert answer["others_applied"] is True
    listed = {r["seq"]: r for r in answer["results"]}
    assert sorted(listed) == [2, 3]
    assert listed[2]["status"] == "rejected" and listed[2]["reason"] == "field.invalid_choice"
    assert listed[3]["retriable"] is True
    assert answer["acked_seq"] == 2  # the retriable op holds the acknowledgement back
    # the same batch again: every op it committed is now a listed duplicate
    again = _push(c, ops[:2] + ops[3:], batch_id=answer["batch_id"])
    assert {r["seq"]: r["status"] for r in again["results"]} == {
        1: "duplicate",
        2: "rejected",
        4: "duplicate",
    }
    assert again["acked_seq"] == 4


def test_an_all_applied_batch_answers_with_no_results_and_the_full_form_stays(server):
    d = build_district(server.url, server.engine)
    c = d.client("grid_worker")
    answer = _push(c, [_visit_op(d, 1), _visit_op(d, 2)])
    assert answer["results"] == [] and answer["others_applied"] is True
    assert answer["acked_seq"] == 2
    full = _push(c, [_visit_op(d, 3)], compact=False)
    assert [r["status"] for r in full["results"]] == ["applied"]
    assert full["others_applied"] is False
