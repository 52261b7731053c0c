"""Resolving a conflict (guarantee 7): the worker's choice travels as a ``conflict_resolution``
op naming the conflicts seen, and only that settles the server's record of them (an ordinary
edit never does, whoever makes it); a supervisor's resolution on the server reaches every
terminal with the next pull. Nothing is deleted on either side."""

from __future__ import annotations

import json

from sqlalchemy import select

from gridterm.services.register import Register
from gridterm.services.sync_conflicts import Resolution, SyncConflicts
from sync.server.db import schema
from tests.sync.helpers import puller


def _server_conflict(server, entity_id, field):
    c = schema.conflict
    with server.engine.connect() as conn:
        return (
            conn.execute(select(c).where(c.c.entity_id == entity_id, c.c.field == field))
            .mappings()
            .one()
        )


def _server_household(server, household_id):
    h = schema.household
    with server.engine.connect() as conn:
        return conn.execute(select(h).where(h.c.id == household_id)).mappings().one()


def _open(new_terminal, district, proxy, *workers: str) -> list:
    """A synced terminal per worker through the proxy: w1's is "a", w2's "b", s1's "s"."""
    names = {"w1": "a", "w2": "b", "s1": "s"}
    return [new_terminal(district, w, proxy.url, name=names[w]) for w in workers]


def _supervisor_sees(supervisor) -> list[dict]:
    answer = supervisor.login.transport.call("GET", "/v1/conflicts", token=supervisor.login.token())
    return answer.json()


def test_two_terminals_conflict_and_the_worker_keeps_theirs(server, district, proxy, new_terminal):
    a, b, s = _open(new_terminal, district, proxy, "w1", "w2", "s1")
    household = district.households["g1"][2]
    # both offline, the same field
    Register(a.session()).edit_household(household, phone="13800000011")
    Register(b.session()).edit_household(household, phone="13900000022")
    assert a.sync().ok
    second = b.sync()
    assert second.error is None and second.conflicts == 1, second
    assert [c["entity_id"] for c in _supervisor_sees(s)].count(household) == 1

    (conflict,) = [c for c in SyncConflicts(b.session()).open() if c.entity_id == household]
    assert (conflict.local_value, conflict.server_value) == ("13900000022", "13800000011")
    assert conflict.room is not None and conflict.building is not None
    done = SyncConflicts(b.session()).resolve(conflict.id, Resolution.MINE)
    assert (done.status, done.resolution, done.resolved_value) == (
        "resolved",
        "terminal",
        "13900000022",
    )
    assert b.outbox_states().get("pending") == 1
    assert b.sync().ok

    # the server holds the chosen value, and its conflict is settled by the worker
    assert _server_household(server, household)["phone"] == "13900000022"
    record = _server_conflict(server, household, "phone")
    assert record["status"] == "resolved"
    assert record["resolution"] == "terminal"
    assert record["resolved_by"] == district.user_ids["w2"]
    assert json.loads(record["resolved_value"]) == "13900000022"
    assert json.loads(record["server_value"]) == "13800000011"  # nothing deleted
    assert household not in [c["entity_id"] for c in _supervisor_sees(s)]

    # the terminal: nothing open, the settled one listed; the other terminal gets the value
    assert not [c for c in SyncConflicts(b.session()).open() if c.entity_id == household]
    assert [c.id for c in SyncConflicts(b.session()).settled()] == [conflict.id]
    assert a.sync().ok
    phone = a.store.query("SELECT phone FROM household WHERE id = ?", (household,))
    assert phone == [{"phone": "13900000022"}]
    assert SyncConflicts(a.session()).open() == []


def test_a_conflict_seen_at_pull_resolved_before_its_edit_was_sent(
    server, district, proxy, new_terminal
):
    """The worker resolves before their own edit went out: both travel in one batch, and the
    server's conflict from the first is settled by the second (taking the server's value)."""
    a, b = _open(new_terminal, district, proxy, "w1", "w2")
    household = district.households["g1"][3]
    Register(b.session()).edit_household(household, notes="B的备注")
    Register(a.session()).edit_household(household, notes="A的备注")
    assert a.sync().ok
    puller(b, district.user_ids["w2"]).pull_all()
    (conflict,) = SyncConflicts(b.session()).open()
    assert conflict.source == "pull"
    SyncConflicts(b.session()).resolve(conflict.id, Resolution.SERVER)
    report = b.sync()
    assert report.error is None, report
    assert SyncConflicts(b.session()).open() == []  # the server's report did not reopen it
    record = _server_conflict(server, household, "notes")
    assert (record["status"], record["resolution"]) == ("resolved", "server")
    assert json.loads(record["terminal_value"]) == "B的备注"
    assert _server_household(server, household)["notes"] == "A的备注"
    notes = b.store.query("SELECT notes FROM household WHERE id = ?", (household,))
    assert notes == [{"notes": "A的备注"}]


def test_an_ordinary_edit_never_settles_a_conflict(server, district, proxy, new_terminal):
    """Today's edit of a conflicted field, by the refused worker or by the winner, based on
    the current version: the conflict stays open beside the new value until a person
    resolves it (the supervisor, on the server); then every terminal learns it."""
    a, b, s = _open(new_terminal, district, proxy, "w1", "w2", "s1")
    household = district.households["g1"][0]
    Register(a.session()).edit_household(household, notes="A的备注")
    Register(b.session()).edit_household(household, notes="B的备注")
    assert a.sync().ok and b.sync().ok and a.sync().ok
    (conflict,) = SyncConflicts(a.session()).open()  # pulled: A sees B's refused value
    assert (conflict.local_value, conflict.by_user) == ("B的备注", district.user_ids["w2"])
    # the winner edits again, then the refused worker, each knowing the current version
    Register(a.session()).edit_household(household, notes="A又改了")
    assert a.sync().ok and b.sync().ok
    Register(b.session()).edit_household(household, notes="B又改了")
    assert b.sync().ok and a.sync().ok
    assert _server_household(server, household)["notes"] == "B又改了"
    open_ids = {c["id"] for c in _supervisor_sees(s) if c["entity_id"] == household}
    assert open_ids == {conflict.id}  # still open: nobody resolved it
    assert {c.id for c in SyncConflicts(a.session()).open()} == open_ids
    assert {c.id for c in SyncConflicts(b.session()).open()} == open_ids

    # the supervisor resolves them all on the server, naming what they saw
    first, *rest = sorted(open_ids)
    answer = s.login.transport.call(
        "POST",
        f"/v1/conflicts/{first}/resolve",
        token=s.login.token(),
        json_body={"choice": "value", "value": "核实后的备注", "also": rest},
    )
    assert answer.json()["status"] == "resolved"
    assert a.sync().ok and b.sync().ok
    assert SyncConflicts(a.session()).open() == [] and SyncConflicts(b.session()).open() == []
    assert {c.id for c in SyncConflicts(b.session()).settled()} >= open_ids
    notes = b.store.query("SELECT notes FROM household WHERE id = ?", (household,))
    assert notes == [{"notes": "核实后的备注"}]


def test_two_resolutions_of_one_conflict_keep_both_choices(server, district, proxy, new_terminal):
    """Two workers resolve the same conflict differently, offline: the first settles it; the
    second, based on a version that changed since, opens a conflict with its value."""
    a, b = _open(new_terminal, district, proxy, "w1", "w2")
    household = district.households["g1"][1]
    Register(a.session()).edit_household(household, notes="A的备注")
    Register(b.session()).edit_household(household, notes="B的备注")
    assert a.sync().ok and b.sync().ok and a.sync().ok
    (seen_a,) = SyncConflicts(a.session()).open()
    (seen_b,) = SyncConflicts(b.session()).open()
    assert seen_a.id == seen_b.id
    SyncConflicts(a.session()).resolve(seen_a.id, Resolution.VALUE, "A选的")
    SyncConflicts(b.session()).resolve(seen_b.id, Resolution.VALUE, "B选的")
    assert a.sync().ok
    second = b.sync()
    assert second.error is None and second.conflicts == 1, second
    assert a.sync().ok
    c = schema.conflict
    with server.engine.connect() as conn:
        first = conn.execute(select(c).where(c.c.id == seen_a.id)).mappings().one()
    assert (first["status"], json.loads(first["resolved_value"])) == ("resolved", "A选的")
    assert first["resolved_by"] == district.user_ids["w1"]
    assert _server_household(server, household)["notes"] == "A选的"
    (again,) = SyncConflicts(a.session()).open()
    assert (again.local_value, again.server_value) == ("B选的", "A选的")
    assert [c.id for c in SyncConflicts(b.session()).open()] == [again.id]
