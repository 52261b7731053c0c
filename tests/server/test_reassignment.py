"""Reassignment grace (guarantee 6 with guarantee 1): work a device recorded while its user held
a grid still lands after the grid is reassigned, until that device's next pull hands it the
removal; anything else outside the area is refused and changes nothing. And a batch delivered
twice answers ``duplicate`` with the first answer's conflict details."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from gridterm.ids import new_id
from sync.server.admin import users
from sync.server.auth.grace import GRACE_MS
from sync.server.db import schema
from sync.server.db.engine import writing
from tests.server.helpers import build_district, op, visit_fields


@pytest.fixture
def district(server):
    return build_district(server.url, server.engine, households_per_grid=1)


def _visit(d, grid, who="grid_worker", seq=1):
    vid = new_id()
    return op("visit", vid, visit_fields(d.households[grid][0], d.user_id(who), id=vid), seq=seq)


def _visits(server, vid) -> int:
    with server.engine.connect() as conn:
        v = schema.visit
        return conn.execute(select(func.count()).select_from(v).where(v.c.id == vid)).scalar_one()


def _reassign(server, d, grid="g1", to="worker2", frm="grid_worker"):
    with writing(server.engine) as conn:
        users.reassign(conn, d.grids[grid], d.workers[to], d.workers[frm])


def test_work_recorded_before_a_reassignment_lands_once_then_the_grid_is_closed(server, district):
    old = district.client("grid_worker")  # holds g1
    _, cursor = old.pull_all()
    newcomer = district.client("worker2")
    _, new_cursor = newcomer.pull_all()
    _reassign(server, district)
    # recorded offline while g1 was the worker's; the terminal pushes before it pulls
    visit = _visit(district, "g1")
    batch = new_id()
    first = old.push([visit], batch_id=batch).json()["results"][0]
    assert first["status"] == "applied", first
    again = old.push([visit], batch_id=batch).json()["results"][0]  # the answer was lost
    assert (again["status"], again["original_status"]) == ("duplicate", "applied")
    assert _visits(server, visit["entity_id"]) == 1
    # the new holder of g1 sees the landed work
    gained, _ = newcomer.pull_all(new_cursor)
    assert ("visit", visit["entity_id"]) in gained["changes"]
    # the old terminal's next pull hands it the removal: from then on g1 is closed to it
    pulled, cursor = old.pull_all(cursor)
    assert {"entity": "grid", "id": district.grids["g1"], "reason": "out_of_scope"} in pulled[
        "removals"
    ]
    late = _visit(district, "g1", seq=2)
    r = old.push([late])
    assert r.status_code == 403 and r.json()["error"]["code"] == "scope.grid_outside"
    assert _visits(server, late["entity_id"]) == 0


def test_one_op_outside_does_not_sink_a_batch_of_good_ones(server, district):
    old = district.client("grid_worker")
    with writing(server.engine) as conn:
        users.assign(conn, district.workers["grid_worker"], district.grids["g3"])
    _, cursor = old.pull_all()
    _reassign(server, district)
    old.pull_all(cursor)  # the removal reached the terminal: no grace any more
    good, lost = _visit(district, "g3", seq=1), _visit(district, "g1", seq=2)
    answer = old.push([good, lost]).json()
    assert [(r["status"], r.get("reason")) for r in answer["results"]] == [
        ("applied", None),
        ("rejected", "scope.grid_outside"),
    ]
    assert (_visits(server, good["entity_id"]), _visits(server, lost["entity_id"])) == (1, 0)


def test_only_devices_the_user_held_the_grid_on_get_the_grace(server, district):
    held = district.client("grid_worker")
    held.pull_all()
    _reassign(server, district)
    fresh = district.client("grid_worker")  # signed in only after the reassignment
    assert fresh.push([_visit(district, "g1")]).status_code == 403
    stranger = district.client("worker3")  # never held g1
    assert stranger.push([_visit(district, "g1", who="worker3")]).status_code == 403
    assert held.push([_visit(district, "g1")]).json()["results"][0]["status"] == "applied"


def test_the_grace_is_bounded_by_the_server_clock(server, district):
    old = district.client("grid_worker")
    old.pull_all()
    _reassign(server, district)
    r = schema.grid_release
    with writing(server.engine) as conn:
        conn.execute(
            update(r)
            .where(r.c.device_id == old.device_id)
            .values(released_at=r.c.released_at - GRACE_MS - 1)
        )
    visit = _visit(district, "g1")
    assert old.push([visit]).status_code == 403
    assert _visits(server, visit["entity_id"]) == 0


def test_a_grid_given_back_is_simply_in_the_area_again(server, district):
    old = district.client("grid_worker")
    _, cursor = old.pull_all()
    _reassign(server, district)
    old.pull_all(cursor)
    _reassign(server, district, to="grid_worker", frm="worker2")
    with server.engine.connect() as conn:
        r = schema.grid_release
        rows = conn.execute(
            select(r.c.user_id).where(r.c.grid_id == district.grids["g1"], r.c.left_at.is_(None))
        ).all()
    assert [row.user_id for row in rows] == [district.user_id("worker2")] * len(rows)
    assert old.push([_visit(district, "g1")]).json()["results"][0]["status"] == "applied"


def test_a_duplicate_answer_repeats_the_conflict_it_first_had(server, district):
    worker, other = district.client("grid_worker"), district.client("community_supervisor")
    hid = district.households["g1"][0]
    other.push([op("household", hid, {"phone": "13900001111"}, kind="update", base_version=1)])
    mine = op("household", hid, {"phone": "13700007777"}, kind="update", base_version=1)
    batch = new_id()
    first = worker.push([mine], batch_id=batch).json()["results"][0]
    assert first["status"] == "conflict" and first["conflict_fields"] == ["phone"]
    again = worker.push([mine], batch_id=batch).json()["results"][0]
    assert (again["status"], again["original_status"]) == ("duplicate", "conflict")
    assert again["conflict_fields"] == first["conflict_fields"]
    assert again["server"] == first["server"] and again["server"]["phone"] == "13900001111"
    with server.engine.connect() as conn:
        c = schema.conflict
        n = conn.execute(select(func.count()).select_from(c).where(c.c.op_id == mine["op_id"]))
        assert n.scalar_one() == 1  # recorded once
