"""Resolving a conflict on the terminal (guarantee 7): the worker's choice travels as a normal
edit based on the server's version, and the server's own conflict record is settled by it, so
a supervisor no longer sees it. Nothing is deleted on either side."""

from __future__ import annotations

import json

from sqlalchemy import select

from gridterm.services.register import Register
from gridterm.services.sync_conflicts import Choice, open_conflicts, resolve, settled_conflicts
from sync.server.db import schema
from tests.sync.conftest import make_terminal


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


def _supervisor_sees(supervisor) -> list[dict]:
    answer = supervisor.login.transport.call("GET", "/v1/conflicts", token=supervisor.login.token())
    return answer.json()


def test_two_terminals_conflict_and_the_worker_keeps_theirs(tmp_path, server, district, proxy):
    a = make_terminal(tmp_path, district, "w1", proxy.url, name="a")
    b = make_terminal(tmp_path, district, "w2", proxy.url, name="b")
    s = make_terminal(tmp_path, district, "s1", proxy.url, name="s")
    try:
        assert a.sync().ok and b.sync().ok and s.sync().ok
        household = district.households["g1"][2]
        # both offline, the same field
        Register(a.session()).edit_household(household, phone="13800000011")
        Register(b.session()).edit_household(household, phone="13900000022")
        assert a.sync().ok
        second = b.sync()
        assert second.error is None and second.conflicts == 1, second
        assert [c["entity_id"] for c in _supervisor_sees(s)].count(household) == 1

        (conflict,) = [c for c in open_conflicts(b.session()) if c.entity_id == household]
        assert (conflict.local_value, conflict.server_value) == ("13900000022", "13800000011")
        assert conflict.room is not None and conflict.building is not None
        done = resolve(b.session(), conflict.id, Choice.MINE)
        assert (done.status, done.resolution, done.resolved_value) == (
            "resolved",
            "mine",
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
        assert not [c for c in open_conflicts(b.session()) if c.entity_id == household]
        assert [c.id for c in settled_conflicts(b.session())] == [conflict.id]
        assert a.sync().ok
        phone = a.store.query("SELECT phone FROM household WHERE id = ?", (household,))
        assert phone == [{"phone": "13900000022"}]
        assert open_conflicts(a.session()) == []
    finally:
        a.close()
        b.close()
        s.close()


def test_a_conflict_seen_at_pull_resolved_before_its_edit_was_sent(
    tmp_path, server, district, proxy
):
    """The worker resolves before their own edit went out: both travel in one batch, and the
    server's conflict from the first is settled by the second (taking the server's value)."""
    a = make_terminal(tmp_path, district, "w1", proxy.url, name="a")
    b = make_terminal(tmp_path, district, "w2", proxy.url, name="b")
    try:
        assert a.sync().ok and b.sync().ok
        household = district.households["g1"][3]
        Register(b.session()).edit_household(household, notes="B的备注")
        Register(a.session()).edit_household(household, notes="A的备注")
        assert a.sync().ok
        from sync.client.pull import Puller
        from sync.client.stage import Stage
        from tests.sync.test_merge import _retrier

        Puller(
            Stage(b.store, b.login.transport, b.login, b.engine.settings, _retrier()),
            user_id=district.user_ids["w2"],
        ).pull_all()
        (conflict,) = open_conflicts(b.session())
        assert conflict.source == "pull"
        resolve(b.session(), conflict.id, Choice.SERVER)
        report = b.sync()
        assert report.error is None, report
        assert open_conflicts(b.session()) == []  # the server's report did not reopen it
        record = _server_conflict(server, household, "notes")
        assert (record["status"], record["resolution"]) == ("resolved", "server")
        assert json.loads(record["terminal_value"]) == "B的备注"
        assert _server_household(server, household)["notes"] == "A的备注"
        notes = b.store.query("SELECT notes FROM household WHERE id = ?", (household,))
        assert notes == [{"notes": "A的备注"}]
    finally:
        a.close()
        b.close()
