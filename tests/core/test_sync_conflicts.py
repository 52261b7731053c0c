"""Resolving sync conflicts on the terminal: one choice settles every open conflict of the
field, written into the record and sent as one ``conflict_resolution`` op naming them all;
every refused value stays recorded."""

from __future__ import annotations

import json

import pytest

from gridterm.errors import PermissionDeniedError, ValidationError
from gridterm.ids import conflict_id
from gridterm.services.sync_conflicts import Resolution, SyncConflicts
from gridterm.services.tickets import Tickets


def _conflict(store, entity, entity_id, field, mine, server, op_id="op-mine") -> str:
    cid = conflict_id(op_id, field)
    store.write(
        lambda tx: tx.execute(
            "INSERT INTO sync_conflict (id, entity, entity_id, field, local_value, server_value,"
            " op_id, base_version, source, detected_at, by_user) VALUES (?, ?, ?, ?, ?, ?, ?, 1,"
            " 'server', '2026-11-20T08:00:00Z', 'user-w2')",
            (cid, entity, entity_id, field, json.dumps(mine), json.dumps(server), op_id),
        )
    )
    return cid


def _outbox(store):
    rows = store.query("SELECT entity, fields, base_version, state FROM outbox ORDER BY seq")
    return [{**r, "fields": json.loads(r["fields"])} for r in rows]


@pytest.fixture
def household(territory):
    hid = territory.household(phone="13800000001", version=7)
    return hid


def test_take_the_servers_value_sends_one_resolution_naming_the_conflict(territory, household):
    store = territory.store
    cid = _conflict(store, "household", household, "phone", "13900000002", "13800000001")
    (seen,) = SyncConflicts(territory.session()).open()
    assert (seen.building, seen.unit, seen.room) == ("3", "2", "501")
    assert (seen.by_user, seen.grid_id) == ("user-w2", None)
    done = SyncConflicts(territory.session()).resolve(cid, Resolution.SERVER)
    assert (done.status, done.resolution, done.resolved_by) == ("resolved", "server", "user-w1")
    assert done.local_value == "13900000002"  # the refused value stays recorded
    assert _outbox(store) == [
        {
            "entity": "conflict_resolution",
            "fields": {
                "entity": "household",
                "entity_id": household,
                "field": "phone",
                "grid_id": "g1",
                "conflict_ids": [cid],
                "choice": "server",
                "value": "13800000001",
            },
            "base_version": 7,
            "state": "pending",
        }
    ]
    assert SyncConflicts(territory.session()).open() == []
    assert [c.id for c in SyncConflicts(territory.session()).settled()] == [cid]


def test_every_open_conflict_of_the_field_is_settled_by_one_choice(territory, household):
    store = territory.store
    first = _conflict(store, "household", household, "notes", "甲写的", "原来的", "op-a")
    second = _conflict(store, "household", household, "notes", "乙写的", "原来的", "op-b")
    other = _conflict(store, "household", household, "phone", "13900000002", "13800000001")
    assert len(SyncConflicts(territory.session()).open()) == 3  # one row per refused value
    done = SyncConflicts(territory.session()).resolve(second, Resolution.MINE)
    assert (done.resolution, done.resolved_value) == ("terminal", "乙写的")
    (op,) = _outbox(store)
    assert op["fields"]["conflict_ids"] == sorted([first, second])
    assert [c.id for c in SyncConflicts(territory.session()).open()] == [other]
    notes = store.query("SELECT notes FROM household WHERE id = ?", (household,))
    assert notes == [{"notes": "乙写的"}]
    # the record's write goes with the resolution: no household edit of its own
    assert [r["entity"] for r in _outbox(store)] == ["conflict_resolution"]


def test_a_typed_value(territory, household):
    store = territory.store
    cid = _conflict(store, "household", household, "notes", "我的", "服务器的")
    done = SyncConflicts(territory.session()).resolve(cid, Resolution.VALUE, "  两边合并的说明 ")
    assert done.resolved_value == "两边合并的说明"
    notes = store.query("SELECT notes FROM household WHERE id = ?", (household,))
    assert notes == [{"notes": "两边合并的说明"}]
    assert _outbox(store)[0]["fields"]["value"] == "两边合并的说明"


def test_bad_input_changes_nothing(territory, household):
    store = territory.store
    cid = _conflict(store, "household", household, "phone", "13900000002", "13800000001")
    with pytest.raises(ValidationError) as bad:
        SyncConflicts(territory.session()).resolve(cid, Resolution.VALUE, "12")
    assert bad.value.code.startswith("field.") or bad.value.code.startswith("phone")
    flag = _conflict(store, "household", household, "vacant", 1, 0)
    with pytest.raises(ValidationError) as not_text:
        SyncConflicts(territory.session()).resolve(flag, Resolution.VALUE, "yes")
    assert not_text.value.code == "conflict.not_text"
    with pytest.raises(PermissionDeniedError):
        SyncConflicts(territory.session("i1")).resolve(
            cid, Resolution.SERVER
        )  # an inspector edits no register
    assert _outbox(store) == []
    assert len(SyncConflicts(territory.session()).open()) == 2
    phone = store.query("SELECT phone FROM household WHERE id = ?", (household,))
    assert phone == [{"phone": "13800000001"}]


def test_a_settled_conflict_is_not_settled_twice(territory, household):
    cid = _conflict(territory.store, "household", household, "notes", "1", "2")
    SyncConflicts(territory.session()).resolve(cid, Resolution.SERVER)
    with pytest.raises(Exception) as gone:
        SyncConflicts(territory.session()).resolve(cid, Resolution.SERVER)
    assert getattr(gone.value, "code", "") == "conflict.not_open"
    assert len(_outbox(territory.store)) == 1


def test_a_ticket_status_follows_the_state_machine(territory):
    store = territory.store
    ticket = Tickets(territory.session()).open(grid_id="g1", category="物业管理", title="漏水")
    store.write(lambda tx: tx.execute("DELETE FROM outbox"))
    mine = {"action": "accept", "to_status": "accepted", "note": "我来"}
    cid = _conflict(store, "ticket", ticket.id, "status", mine, "reported")
    (seen,) = SyncConflicts(territory.session()).open()
    assert seen.status_of_ticket and seen.title == "漏水"
    for refused in (Resolution.MINE, Resolution.VALUE):
        with pytest.raises(ValidationError) as bad:
            SyncConflicts(territory.session()).resolve(cid, refused, "closed")
        assert bad.value.code == "conflict.status_by_transition"
    assert _outbox(store) == []
    SyncConflicts(territory.session()).resolve(cid, Resolution.SERVER)
    (op,) = _outbox(store)
    assert op["fields"]["choice"] == "server" and op["fields"]["value"] == "reported"
    assert store.query("SELECT status FROM ticket")[0]["status"] == "reported"
