"""Push: guarantees 2 (nothing stored twice), 3 (success means committed), 4 (one bad record
never blocks the rest), 7 (facts never edited, ticket status by the state machine)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from gridterm.ids import new_id
from sync.server.db import schema
from tests.server.helpers import build_district, op, ticket_fields, visit_fields


@pytest.fixture
def district(server):
    return build_district(server.url, server.engine)


def _count(server, table, **where) -> int:
    query = select(func.count()).select_from(table)
    for name, value in where.items():
        query = query.where(table.c[name] == value)
    with server.engine.connect() as conn:
        return conn.execute(query).scalar_one()


def _visit_op(d, who="grid_worker", grid="g1", seq=1, **extra):
    vid = new_id()
    return op(
        "visit", vid, visit_fields(d.households[grid][0], d.user_id(who), id=vid, **extra), seq=seq
    )


def test_applied_ops_are_committed_and_acknowledged(server, district):
    c = district.client("grid_worker")
    ops = [_visit_op(district, seq=s) for s in (11, 12, 13)]
    r = c.push(ops, encoding="zstd")
    assert r.status_code == 200
    body = r.json()
    assert [x["status"] for x in body["results"]] == ["applied"] * 3
    assert body["acked_seq"] == 13
    for o in ops:
        assert _count(server, schema.visit, id=o["entity_id"]) == 1
        assert _count(server, schema.applied_op, op_id=o["op_id"]) == 1


def test_a_batch_delivered_twice_is_stored_once(server, district):
    c = district.client("grid_worker")
    ops = [_visit_op(district, seq=s) for s in range(1, 6)]
    first = c.push(ops, batch_id="b-1")
    again = c.push(ops, batch_id="b-1")
    assert {x["status"] for x in first.json()["results"]} == {"applied"}
    assert {x["status"] for x in again.json()["results"]} == {"duplicate"}
    assert {x["original_status"] for x in again.json()["results"]} == {"applied"}
    assert again.json()["acked_seq"] == 5
    for o in ops:
        assert _count(server, schema.visit, id=o["entity_id"]) == 1


def test_an_op_repeated_inside_one_batch_counts_once(server, district):
    c = district.client("grid_worker")
    o = _visit_op(district)
    r = c.push([o, dict(o, seq=2)])
    assert [x["status"] for x in r.json()["results"]] == ["applied", "duplicate"]
    assert _count(server, schema.visit, id=o["entity_id"]) == 1


def test_the_same_record_under_a_new_op_id_is_refused_not_doubled(server, district):
    c = district.client("grid_worker")
    o = _visit_op(district)
    assert c.push([o]).json()["results"][0]["status"] == "applied"
    clone = dict(o, op_id=new_id())
    r = c.push([clone, _visit_op(district, seq=2)])
    assert r.status_code == 200
    results = r.json()["results"]
    assert results[0]["status"] == "rejected" and results[0]["reason"] == "visit.exists"
    assert results[1]["status"] == "applied"
    assert _count(server, schema.visit, id=o["entity_id"]) == 1


def test_one_bad_record_never_blocks_the_rest(server, district):
    c = district.client("grid_worker")
    good1, good2 = _visit_op(district, seq=1), _visit_op(district, seq=3)
    bad = _visit_op(district, seq=2, visit_type="party")  # not a visit type
    r = c.push([good1, bad, good2])
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["applied", "rejected", "applied"]
    assert results[1]["reason"] == "field.invalid_choice"
    assert results[1]["field"] == "visit_type"
    assert results[1]["retriable"] is False
    assert r.json()["acked_seq"] == 3  # a rejected op does not hold back the acknowledgement
    assert _count(server, schema.visit, id=bad["entity_id"]) == 0


def test_the_core_rules_reject_inconsistent_visits(server, district):
    c = district.client("grid_worker")
    concerns = json.dumps([{"kind": "need", "text": "修路灯"}], ensure_ascii=False)
    r = c.push(
        [
            _visit_op(district, seq=1, outcome="nothing_raised", concerns=concerns),
            _visit_op(district, seq=2, visited_at="2026-11-20T09:00:00"),  # no time zone
            _visit_op(district, seq=3, photos='["not-a-digest"]'),
            _visit_op(district, seq=4, outcome="settled", concerns=concerns),
        ]
    )
    reasons = [x.get("reason") for x in r.json()["results"]]
    assert reasons == [
        "visit.concerns_but_nothing_raised",
        "field.bad_time",
        "field.bad_sha256",
        None,
    ]


def test_visits_are_never_edited_in_place(server, district):
    c = district.client("grid_worker")
    o = _visit_op(district)
    c.push([o])
    edit = op("visit", o["entity_id"], {"notes": "改了"}, kind="update", seq=2)
    result = c.push([edit]).json()["results"][0]
    assert result["status"] == "rejected"
    assert result["reason"] == "visit.update_not_allowed"
    revision = _visit_op(district, seq=3, revision_of=o["entity_id"], notes="更正")
    assert c.push([revision]).json()["results"][0]["status"] == "applied"
    with server.engine.connect() as conn:
        stored = conn.execute(select(schema.visit).where(schema.visit.c.id == o["entity_id"]))
        assert stored.one().notes == ""


def test_a_missing_reference_is_retriable_and_holds_the_ack(server, district):
    c = district.client("grid_worker")
    orphan = _visit_op(district, seq=2)
    orphan["fields"]["household_id"] = new_id()
    r = c.push([_visit_op(district, seq=1), orphan, _visit_op(district, seq=3)])
    results = r.json()["results"]
    assert results[1]["status"] == "rejected"
    assert results[1]["reason"] == "ref.missing" and results[1]["retriable"] is True
    assert r.json()["acked_seq"] == 1


def test_batches_delivered_out_of_order_converge(server, district):
    """The second batch (a transition on a new ticket) arrives before the first (the ticket);
    the transition waits as retriable and applies when resent after the first arrives."""
    c = district.client("grid_worker")
    uid = district.user_id("grid_worker")
    tid = new_id()
    batch1 = [
        op("ticket", tid, ticket_fields(district.grids["g1"], uid), seq=1),
    ]
    accept = op(
        "ticket_transition",
        new_id(),
        {
            "ticket_id": tid,
            "action": "accept",
            "by_user": uid,
            "at": "2026-11-20T10:00:00+08:00",
            "from_status": "reported",
        },
        seq=2,
    )
    early = c.push([accept]).json()
    assert early["results"][0]["retriable"] is True and early["acked_seq"] is None
    assert c.push(batch1).json()["results"][0]["status"] == "applied"
    late_again = c.push(batch1).json()  # the first batch's delayed duplicate
    assert late_again["results"][0]["status"] == "duplicate"
    assert c.push([accept]).json()["results"][0]["status"] == "applied"
    with server.engine.connect() as conn:
        t = conn.execute(select(schema.ticket).where(schema.ticket.c.id == tid)).one()
    assert (t.status, t.version) == ("accepted", 2)


def _transition(tid, action, by, seq, **extra):
    fields = {"ticket_id": tid, "action": action, "by_user": by, "at": "2026-11-20T10:00:00+08:00"}
    return op("ticket_transition", new_id(), {**fields, **extra}, seq=seq)


def test_ticket_status_follows_the_state_machine_with_role_checks(server, district):
    worker = district.client("grid_worker")
    uid = district.user_id("grid_worker")
    tid = new_id()
    r = worker.push(
        [
            op("ticket", tid, ticket_fields(district.grids["g1"], uid), seq=1),
            _transition(tid, "report", uid, 2),
            _transition(tid, "close", uid, 3),  # reported → closed skips the loop
            _transition(tid, "accept", uid, 4),
            _transition(tid, "dispatch", uid, 5),  # no department named
            _transition(tid, "escalate", uid, 6, note="需要社区协调"),
            _transition(tid, "accept", uid, 7),  # community level: not a grid worker's
        ]
    )
    got = [(x["status"], x.get("reason")) for x in r.json()["results"]]
    assert got == [
        ("applied", None),
        ("applied", None),
        ("rejected", "ticket.transition_not_allowed"),
        ("applied", None),
        ("rejected", "ticket.department_required"),
        ("applied", None),
        ("rejected", "ticket.role_not_allowed"),
    ]
    supervisor = district.client("community_supervisor")
    sid = district.user_id("community_supervisor")
    assert (
        supervisor.push([_transition(tid, "accept", sid, 1)]).json()["results"][0]["status"]
        == "applied"
    )
    with server.engine.connect() as conn:
        t = conn.execute(select(schema.ticket).where(schema.ticket.c.id == tid)).one()
        history = (
            conn.execute(
                select(schema.ticket_transition.c.action)
                .where(schema.ticket_transition.c.ticket_id == tid)
                .order_by(schema.ticket_transition.c.at, schema.ticket_transition.c.id)
            )
            .scalars()
            .all()
        )
    assert (t.status, t.level) == ("accepted", "community")
    assert sorted(history) == sorted(["report", "accept", "escalate", "accept"])


def test_a_push_outside_the_area_is_refused_whole_and_changes_nothing(server, district):
    c = district.client("grid_worker")  # holds g1 only
    outside = [_visit_op(district, grid="g2", seq=1), _visit_op(district, grid="g2", seq=2)]
    before = _count(server, schema.change_log)
    r = c.push(outside)
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "scope.grid_outside"
    for o in outside:
        assert _count(server, schema.visit, id=o["entity_id"]) == 0
        assert _count(server, schema.applied_op, op_id=o["op_id"]) == 0
    assert _count(server, schema.change_log) == before


def test_an_op_outside_the_area_is_rejected_alone(server, district):
    c = district.client("grid_worker")  # holds g1 only
    inside = _visit_op(district, grid="g1", seq=1)
    outside = _visit_op(district, grid="g2", seq=2)
    r = c.push([inside, outside])
    assert r.status_code == 200
    results = r.json()["results"]
    assert results[0]["status"] == "applied"
    assert (results[1]["status"], results[1]["reason"]) == ("rejected", "scope.grid_outside")
    assert results[1]["retriable"] is False and r.json()["acked_seq"] == 2
    assert _count(server, schema.visit, id=inside["entity_id"]) == 1
    assert _count(server, schema.visit, id=outside["entity_id"]) == 0
    assert _count(server, schema.applied_op, op_id=outside["op_id"]) == 0


def test_unknown_entities_and_read_only_tables_are_rejected_per_op(server, district):
    c = district.client("grid_worker")
    r = c.push(
        [
            op("grid", new_id(), {"name": "x"}, seq=1),
            op("spaceship", new_id(), {}, seq=2),
            _visit_op(district, seq=3),
        ]
    )
    assert [x["status"] for x in r.json()["results"]] == ["rejected", "rejected", "applied"]
    assert r.json()["results"][0]["reason"] == "entity.not_pushable"


def test_register_edits_residents_and_check_ins(server, district):
    c = district.client("grid_worker")
    hid = district.households["g1"][1]
    rid = new_id()
    cid = new_id()
    r = c.push(
        [
            op(
                "household",
                hid,
                {"phone": "13800138000", "key_reasons": '["elderly_alone"]', "party_member": 1},
                kind="update",
                base_version=1,
                seq=1,
            ),
            op(
                "resident",
                rid,
                {
                    "household_id": hid,
                    "name": "王芳",
                    "gender": "female",
                    "birth_date": "1950-03-02",
                    "moved_out": 0,
                },
                seq=2,
            ),
            op(
                "resident",
                new_id(),
                {"household_id": hid, "name": "李四", "gender": "robot"},
                seq=3,
            ),
            op(
                "check_in",
                cid,
                {
                    "user_id": district.user_id("grid_worker"),
                    "kind": "in",
                    "at": "2026-11-20T08:00:00+08:00",
                    "latitude": 30.5,
                    "longitude": 114.3,
                },
                seq=4,
            ),
            op("household", hid, {"grid_id": district.grids["g2"]}, kind="update", seq=5),
        ]
    )
    got = [(x["status"], x.get("reason")) for x in r.json()["results"]]
    assert got == [
        ("applied", None),
        ("applied", None),
        ("rejected", "field.invalid_choice"),
        ("applied", None),
        ("rejected", "record.field_not_editable"),
    ]
    with server.engine.connect() as conn:
        h = conn.execute(select(schema.household).where(schema.household.c.id == hid)).one()
    assert (h.phone, h.key_reasons, h.party_member, h.version) == (
        "13800138000",
        '["elderly_alone"]',
        1,
        2,
    )
