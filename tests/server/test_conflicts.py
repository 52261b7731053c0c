"""Guarantee 7: shared records merge field by field; a field changed on both sides is kept as a
conflict that a supervisor lists and resolves (API and admin CLI); nothing is deleted."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from gridterm.ids import new_id
from sync.server.cli import main
from sync.server.db import schema
from tests.server.helpers import build_district, op, ticket_fields


@pytest.fixture
def district(server):
    return build_district(server.url, server.engine)


def _household(server, hid):
    with server.engine.connect() as conn:
        return conn.execute(select(schema.household).where(schema.household.c.id == hid)).one()


def _edit(c, hid, fields, base=1, seq=1):
    return c.push([op("household", hid, fields, kind="update", base_version=base, seq=seq)])


def test_different_fields_merge_without_conflict(server, district):
    a, b = district.client("grid_worker"), district.client("community_supervisor")
    hid = district.households["g1"][0]
    assert _edit(a, hid, {"phone": "13900001111"}).json()["results"][0]["status"] == "applied"
    assert _edit(b, hid, {"notes": "独居，女儿在外地"}).json()["results"][0]["status"] == "applied"
    h = _household(server, hid)
    assert (h.phone, h.notes, h.version) == ("13900001111", "独居，女儿在外地", 3)


def test_the_same_value_on_both_sides_is_no_conflict(server, district):
    a, b = district.client("grid_worker"), district.client("community_supervisor")
    hid = district.households["g1"][0]
    _edit(a, hid, {"vacant": 1})
    assert _edit(b, hid, {"vacant": 1}).json()["results"][0]["status"] == "applied"


def test_a_terminal_editing_twice_does_not_conflict_with_itself(server, district):
    a = district.client("grid_worker")
    hid = district.households["g1"][0]
    _edit(a, hid, {"phone": "13900001111"}, seq=1)
    r = _edit(a, hid, {"phone": "13900002222"}, seq=2)  # still based on version 1
    assert r.json()["results"][0]["status"] == "applied"
    assert _household(server, hid).phone == "13900002222"


def test_a_field_changed_on_both_sides_is_kept_for_a_supervisor(server, district):
    worker, other = district.client("grid_worker"), district.client("community_supervisor")
    hid = district.households["g1"][0]
    _edit(other, hid, {"phone": "13900001111", "notes": "A"})
    r = _edit(worker, hid, {"phone": "13700007777", "rental": 1})  # both based on version 1
    result = r.json()["results"][0]
    assert result["status"] == "conflict"
    assert result["conflict_fields"] == ["phone"]
    assert result["server"]["phone"] == "13900001111"
    h = _household(server, hid)
    assert (h.phone, h.rental) == ("13900001111", 1)  # the other field merged

    # the grid worker may not list or resolve conflicts
    assert worker.http.get("/v1/conflicts", headers=worker.auth).status_code == 403
    listed = other.http.get("/v1/conflicts", headers=other.auth).json()
    mine = [c for c in listed if c["entity_id"] == hid]
    assert len(mine) == 1
    conflict = mine[0]
    assert (conflict["server_value"], conflict["terminal_value"]) == ("13900001111", "13700007777")

    # a supervisor of another community does not see it and cannot resolve it
    outsider = district.client("supervisor_b")
    assert all(
        c["id"] != conflict["id"]
        for c in outsider.http.get("/v1/conflicts", headers=outsider.auth).json()
    )
    url = f"/v1/conflicts/{conflict['id']}/resolve"
    assert (
        outsider.http.post(url, json={"choice": "terminal"}, headers=outsider.auth).status_code
        == 403
    )

    bad = other.http.post(url, json={"choice": "value", "value": "12345"}, headers=other.auth)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "field.bad_phone"
    ok = other.http.post(url, json={"choice": "terminal"}, headers=other.auth)
    assert ok.status_code == 200 and ok.json()["status"] == "resolved"
    assert _household(server, hid).phone == "13700007777"
    again = other.http.post(url, json={"choice": "server"}, headers=other.auth)
    assert again.status_code == 409
    with server.engine.connect() as conn:  # nothing deleted: the conflict stays, resolved
        kept = conn.execute(
            select(func.count())
            .select_from(schema.conflict)
            .where(schema.conflict.c.id == conflict["id"])
        ).scalar_one()
    assert kept == 1
    resolved = other.http.get(
        "/v1/conflicts", params={"status": "resolved"}, headers=other.auth
    ).json()
    assert any(c["id"] == conflict["id"] and c["resolution"] == "terminal" for c in resolved)


def test_ticket_fields_merge_and_racing_transitions_become_conflicts(server, district):
    a, b = district.client("grid_worker"), district.client("community_supervisor")
    ua, ub = district.user_id("grid_worker"), district.user_id("community_supervisor")
    tid = new_id()
    a.push([op("ticket", tid, ticket_fields(district.grids["g1"], ua))])
    # both accept it offline; the second acceptance races the first
    at = "2026-11-20T10:00:00+08:00"
    accept = {"ticket_id": tid, "action": "accept", "at": at, "from_status": "reported"}
    assert (
        a.push([op("ticket_transition", new_id(), {**accept, "by_user": ua})]).json()["results"][0][
            "status"
        ]
        == "applied"
    )
    late = b.push([op("ticket_transition", new_id(), {**accept, "by_user": ub})]).json()
    assert late["results"][0]["status"] == "conflict"
    assert late["results"][0]["server"]["status"] == "accepted"
    # title edited on both sides
    a.push([op("ticket", tid, {"title": "楼道杂物已清理一半"}, kind="update", base_version=1)])
    r = b.push(
        [
            op(
                "ticket",
                tid,
                {"title": "楼道堆放杂物（加急）", "urgent": 1},
                kind="update",
                base_version=1,
            )
        ]
    )
    assert r.json()["results"][0]["conflict_fields"] == ["title"]
    listed = b.http.get("/v1/conflicts", headers=b.auth).json()
    fields = sorted(c["field"] for c in listed if c["entity_id"] == tid)
    assert fields == ["status", "title"]
    with server.engine.connect() as conn:
        t = conn.execute(select(schema.ticket).where(schema.ticket.c.id == tid)).one()
    assert (t.title, t.urgent, t.status) == ("楼道杂物已清理一半", 1, "accepted")
    by_field = {c["field"]: c["id"] for c in listed if c["entity_id"] == tid}
    title = b.http.post(
        f"/v1/conflicts/{by_field['title']}/resolve", json={"choice": "terminal"}, headers=b.auth
    )
    assert title.status_code == 200
    # the racing acceptance cannot be replayed now: the ticket is accepted already
    status = b.http.post(
        f"/v1/conflicts/{by_field['status']}/resolve", json={"choice": "terminal"}, headers=b.auth
    )
    assert status.status_code == 409
    assert status.json()["error"]["code"] == "conflict.transition_not_allowed_now"
    kept = b.http.post(
        f"/v1/conflicts/{by_field['status']}/resolve", json={"choice": "server"}, headers=b.auth
    )
    assert kept.status_code == 200
    with server.engine.connect() as conn:
        t = conn.execute(select(schema.ticket).where(schema.ticket.c.id == tid)).one()
    assert (t.title, t.status) == ("楼道堆放杂物（加急）", "accepted")


def test_admin_cli_lists_and_resolves(server, district, capsys):
    a, b = district.client("grid_worker"), district.client("community_supervisor")
    hid = district.households["g1"][2]
    _edit(b, hid, {"notes": "server side"})
    _edit(a, hid, {"notes": "terminal side"})
    db = ["--db", _db_url(server)]
    assert main(["admin", *db, "conflicts"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if hid in line]
    assert len(lines) == 1
    conflict_id = lines[0].split()[0]
    value = json.dumps("由管理员核实")
    assert main(["admin", *db, "resolve", conflict_id, "--choice", "value", "--value", value]) == 0
    assert _household(server, hid).notes == "由管理员核实"
    assert main(["admin", *db, "resolve", conflict_id, "--choice", "server"]) == 1


def _db_url(server) -> str:
    return server.engine.url.render_as_string(hide_password=False)
