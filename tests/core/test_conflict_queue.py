"""The supervisors' conflict queue: the open conflicts of their area, one item per field,
every refused value side by side with who wrote it and when, beside what the record holds
now; one choice settles the item with one resolution."""

from __future__ import annotations

import json

import pytest

from gridterm.errors import PermissionDeniedError
from gridterm.services.conflict_queue import ConflictQueue
from gridterm.services.sync_conflicts import Resolution, SyncConflicts
from tests.core.helpers import insert_refused


def test_every_refused_value_side_by_side_and_one_choice_settles_them(territory):
    store = territory.store
    h1 = territory.household(notes="后来又改的", version=4)
    h3 = territory.household(grid="g3", room="601")
    a = insert_refused(store, h1, "notes", "甲的备注", "原来的", "op-a", "user-w1", at="08:00")
    b = insert_refused(store, h1, "notes", "乙的备注", "原来的", "op-b", "user-w2", at="08:30")
    insert_refused(store, h3, "notes", "别的社区", "x", "op-c", "user-w2", grid="g3")
    (item,) = ConflictQueue(territory.session("s1")).items()  # g3 is another community's
    assert item.current == "后来又改的"  # the newest edit, beside the old values
    assert item.first.server_value == "原来的"
    assert [(v.value, v.by_name) for v in item.values] == [
        ("甲的备注", "用户w1"),
        ("乙的备注", "用户w2"),
    ]
    assert item.values[0].written_at.startswith("2026-11-20T08:00")
    assert ConflictQueue(territory.session("s1")).open_count() == 2

    done = ConflictQueue(territory.session("s1")).resolve(item, Resolution.MINE, pick=b)
    assert (done.resolved_value, done.resolved_by) == ("乙的备注", "user-s1")
    (op,) = store.query("SELECT fields, base_version FROM outbox")
    fields = json.loads(op["fields"])
    assert fields["conflict_ids"] == sorted([a, b]) and op["base_version"] == 4
    assert ConflictQueue(territory.session("s1")).items() == []
    assert [c.entity_id for c in SyncConflicts(territory.session("s1")).open()] == [h3]


def test_keeping_the_records_value_now_and_who_may_work_the_queue(territory):
    store = territory.store
    h1 = territory.household(notes="后来又改的")
    insert_refused(store, h1, "notes", "甲的备注", "原来的", "op-a", "user-w1")
    with pytest.raises(PermissionDeniedError):
        ConflictQueue(territory.session("w1")).items()
    (item,) = ConflictQueue(territory.session("st1")).items()
    with pytest.raises(PermissionDeniedError):
        ConflictQueue(territory.session("st1")).resolve(item, Resolution.MINE, pick="not-its-own")
    done = ConflictQueue(territory.session("st1")).resolve(item, Resolution.SERVER)
    assert done.resolved_value == "后来又改的"  # not the server's value of the time
    notes = store.query("SELECT notes FROM household WHERE id = ?", (h1,))
    assert notes == [{"notes": "后来又改的"}]
