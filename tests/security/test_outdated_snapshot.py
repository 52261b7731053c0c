"""A first sync's snapshot is the area of the moment it was made (issue 16: never data of
another area). A download cut before a reassignment, resumed after it, would bring the grid
taken away — residents, ID numbers, health status — so once the maker's area no longer holds
all the snapshot covers, the server refuses it (410 ``snapshot.outdated``) and the terminal
makes a new one; an area that grew keeps it (the pull catches the new grid up)."""

from __future__ import annotations

from sqlalchemy import select

from sync.client import state
from sync.server.admin import users
from sync.server.db import schema
from sync.server.db.engine import writing
from tests.server.helpers import build_district
from tests.sync import district as districts
from tests.sync.conftest import Terminal, make_terminal


def test_a_snapshot_is_refused_once_its_makers_area_no_longer_holds_it(server):
    d = build_district(server.url, server.engine, households_per_grid=1)
    c = d.client("grid_worker")  # holds g1
    worker = d.workers["grid_worker"]
    old = c.http.post("/v1/sync/snapshot", headers=c.auth).json()["url"]
    with writing(server.engine) as conn:
        users.assign(conn, worker, d.grids["g2"])
    assert c.http.get(old, headers=c.auth).status_code == 200  # more area: still all of it
    with writing(server.engine) as conn:
        users.unassign(conn, worker, d.grids["g1"])
    r = c.http.get(old, headers=c.auth)
    assert (r.status_code, r.json()["error"]["code"]) == (410, "snapshot.outdated")
    assert c.http.get(old, headers={**c.auth, "Range": "bytes=10-"}).status_code == 410
    fresh = c.http.post("/v1/sync/snapshot", headers=c.auth).json()["url"]
    assert c.http.get(fresh, headers=c.auth).status_code == 200
    c.close()


def _households(t: Terminal) -> set[str]:
    return {r["id"] for r in t.store.query("SELECT id FROM household")}


def test_a_terminal_whose_snapshot_is_outdated_makes_a_new_one(sync_server, tmp_path):
    d = districts.build(sync_server.engine)
    t = make_terminal(tmp_path, d, "w1", sync_server.url)  # holds g1 and g2
    try:
        # the first sync asked for its snapshot and was cut before downloading it
        answer = t.login.transport.call("POST", "/v1/sync/snapshot", token=t.login.token())
        state.put(t.store, **{state.snapshot_key(d.user_ids["w1"]): answer.text})
        d.unassign("w1", "g2")
        report = t.sync()
        assert report.ok and report.snapshot_bytes > 0, report
        assert _households(t) == set(d.households["g1"])
        with sync_server.engine.connect() as conn:
            made = conn.execute(
                select(schema.snapshot.c.id).where(schema.snapshot.c.user_id == d.user_ids["w1"])
            ).all()
        assert len(made) == 2  # the outdated one and the new one
    finally:
        t.close()
