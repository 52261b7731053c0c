"""Pull and snapshot: the user's partitions only, paginated, removals on reassignment
(guarantee 6), a resumable compressed snapshot for a first sync."""

from __future__ import annotations

import io
import json

import pytest
import zstandard

from gridterm.ids import new_id
from gridterm.store.entities import rank
from sync.server.admin import users
from sync.server.db.engine import writing
from tests.server.helpers import build_district, op, visit_fields


@pytest.fixture
def district(server):
    return build_district(server.url, server.engine)


def _ids(pulled, entity):
    return {key for (e, key) in pulled["changes"] if e == entity}


def test_a_worker_pulls_their_grids_and_nothing_else(server, district):
    c = district.client("grid_worker")
    pulled, _ = c.pull_all()
    assert _ids(pulled, "household") == set(district.households["g1"])
    assert _ids(pulled, "grid") == {district.grids["g1"]}
    assert _ids(pulled, "community") == {district.community["A"]}
    assert len(_ids(pulled, "street_office")) == 1
    assert any(
        row["code"] == "shop_fire"
        for (e, _), row in pulled["changes"].items()
        if e == "checklist_template"
    )
    users_seen = {row["worker_id"] for (e, _), row in pulled["changes"].items() if e == "user"}
    assert district.workers["worker2"] in users_seen  # a colleague in the same community
    assert district.workers["worker3"] not in users_seen  # community B
    household = pulled["changes"][("household", district.households["g1"][0])]
    assert "field_versions" not in household and household["key_reasons"] == "[]"


def test_a_supervisor_pulls_the_community_and_street_staff_everything(server, district):
    sup, _ = district.client("community_supervisor").pull_all()
    assert _ids(sup, "household") == set(
        district.households["g1"] + district.households["g2"] + district.households["m1"]
    )
    staff, _ = district.client("street_staff").pull_all()
    assert set(district.households["g3"]) <= _ids(staff, "household")


def test_pages_add_up_to_the_whole(server, district):
    c = district.client("community_supervisor")
    whole, _ = c.pull_all()
    paged, cursor = c.pull_all(limit=3)
    assert paged["changes"].keys() == whole["changes"].keys()
    again = c.pull(cursor).json()
    assert again["changes"] == [] and again["more"] is False


def test_new_changes_arrive_after_the_cursor(server, district):
    reader = district.client("grid_worker")
    _, cursor = reader.pull_all()
    writer = district.client("community_supervisor")
    vid = new_id()
    fields = visit_fields(
        district.households["g1"][0], district.user_id("community_supervisor"), id=vid
    )
    assert writer.push([op("visit", vid, fields)]).json()["results"][0]["status"] == "applied"
    pulled, cursor = reader.pull_all(cursor)
    assert set(pulled["changes"]) == {("visit", vid)}
    assert reader.pull_all(cursor)[0]["changes"] == {}


def test_reassigning_a_grid_removes_it_from_the_old_terminal(server, district):
    old = district.client("grid_worker")
    new = district.client("worker2")
    _, old_cursor = old.pull_all()
    _, new_cursor = new.pull_all()
    g1 = district.grids["g1"]
    with writing(server.engine) as conn:
        users.reassign(conn, g1, district.workers["worker2"], district.workers["grid_worker"])
    pulled, old_cursor = old.pull_all(old_cursor)
    assert {"entity": "grid", "id": g1, "reason": "out_of_scope"} in pulled["removals"]
    gained, new_cursor = new.pull_all(new_cursor)
    assert set(district.households["g1"]) <= _ids(gained, "household")  # caught up from zero
    assert ("grid", g1) in gained["changes"]
    # the old worker can no longer push into it
    vid = new_id()
    fields = visit_fields(district.households["g1"][0], district.user_id("grid_worker"), id=vid)
    assert old.push([op("visit", vid, fields)]).status_code == 403
    assert new.pull_all(new_cursor)[0]["removals"] == []


def test_deleted_rows_come_back_as_removals(server, district):
    c = district.client("grid_worker")
    hid = district.households["g1"][0]
    rid = new_id()
    c.push([op("resident", rid, {"household_id": hid, "name": "赵六", "gender": "male"})])
    _, cursor = c.pull_all()
    c.push([op("resident", rid, {}, kind="delete", seq=2, base_version=1)])
    pulled, _ = c.pull_all(cursor)
    assert {"entity": "resident", "id": rid, "reason": "deleted"} in pulled["removals"]


def test_bad_cursors_are_refused(server, district):
    c = district.client("grid_worker")
    r = c.pull("not-a-cursor")
    assert r.status_code == 400 and r.json()["error"]["code"] == "cursor.invalid"
    _, cursor = c.pull_all()
    import base64
    import zlib

    doc = json.loads(zlib.decompress(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))))
    doc["i"] = "elsewhere"
    forged = base64.urlsafe_b64encode(zlib.compress(json.dumps(doc).encode())).decode()
    r = c.pull(forged)
    assert r.status_code == 409 and r.json()["error"]["code"] == "cursor.other_database"
    assert c.http.get("/v1/sync/pull", params={"limit": 0}, headers=c.auth).status_code == 422


def test_snapshot_is_compressed_resumable_and_continues_with_pull(server, district):
    c = district.client("community_supervisor")
    r = c.http.post("/v1/sync/snapshot", headers=c.auth)
    assert r.status_code == 200, r.text
    info = r.json()
    half = info["length"] // 2
    first = c.http.get(info["url"], headers={**c.auth, "Range": f"bytes=0-{half - 1}"})
    assert first.status_code == 206 and len(first.content) == half
    rest = c.http.get(info["url"], headers={**c.auth, "Range": f"bytes={half}-"})
    assert rest.status_code == 206
    assert rest.headers["Content-Range"] == f"bytes {half}-{info['length'] - 1}/{info['length']}"
    data = first.content + rest.content
    import hashlib

    assert hashlib.sha256(data).hexdigest() == info["sha256"]
    lines = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)).read().splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == info["rows"]
    households = {r["id"] for r in rows if r["entity"] == "household"}
    assert set(district.households["g1"]) <= households
    # parents before children, in the terminal's apply order: no row waits for its parent
    order = [r["entity"] for r in rows]
    assert order == sorted(order, key=rank), "the snapshot follows the catalog's order"
    assert {"street_office", "user", "grid", "household"} <= set(order)
    assert not households & set(district.households["g3"])
    # a change after the snapshot comes with the next pull from its cursor
    vid = new_id()
    fields = visit_fields(
        district.households["g2"][0], district.user_id("community_supervisor"), id=vid
    )
    c.push([op("visit", vid, fields)])
    pulled, _ = c.pull_all(info["cursor"])
    assert ("visit", vid) in pulled["changes"]
    # another user cannot fetch it
    other = district.client("grid_worker")
    assert other.http.get(info["url"], headers=other.auth).status_code == 404
    bad = c.http.get(info["url"], headers={**c.auth, "Range": "bytes=999999999-"})
    assert bad.status_code == 416


def test_check_ins_reach_the_worker_and_their_supervisor_only(server, district):
    worker = district.client("grid_worker")
    cid = new_id()
    fields = {
        "user_id": district.user_id("grid_worker"),
        "kind": "in",
        "at": "2026-11-20T08:00:00+08:00",
    }
    assert worker.push([op("check_in", cid, fields)]).json()["results"][0]["status"] == "applied"
    assert ("check_in", cid) in worker.pull_all()[0]["changes"]
    assert ("check_in", cid) in district.client("community_supervisor").pull_all()[0]["changes"]
    assert ("check_in", cid) in district.client("street_staff").pull_all()[0]["changes"]
    assert ("check_in", cid) not in district.client("worker2").pull_all()[0]["changes"]
    assert ("check_in", cid) not in district.client("supervisor_b").pull_all()[0]["changes"]


def test_a_cursor_cannot_widen_the_area(server, district):
    """A cursor is opaque but not trusted: partitions it names outside the area yield nothing."""
    import base64
    import zlib

    c = district.client("grid_worker")
    _, cursor = c.pull_all()
    doc = json.loads(zlib.decompress(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))))
    doc["p"] = sorted({*doc["p"], *(f"g{n}" for n in range(1, 500))})
    doc["a"] = [0, 0]
    forged = base64.urlsafe_b64encode(zlib.compress(json.dumps(doc).encode())).decode()
    pulled, _ = c.pull_all(forged)
    households = {k for (e, k) in pulled["changes"] if e == "household"}
    assert households == set(district.households["g1"])


def test_pruning_the_change_log_never_makes_a_cursor_skip(server, district):
    from sync.server.admin.prune import prune

    c = district.client("grid_worker")
    hid = district.households["g1"][0]
    _, early = c.pull_all()
    for n in range(3):  # three versions of one row: two superseded log entries
        phone = f"1390000000{n}"
        r = c.push([op("household", hid, {"phone": phone}, kind="update", base_version=1 + n)])
        assert r.json()["results"][0]["status"] == "applied"
    _, middle = c.pull_all(early)
    vid = new_id()
    fields = visit_fields(district.households["g1"][1], district.user_id("grid_worker"), id=vid)
    c.push([op("visit", vid, fields)])
    with writing(server.engine) as conn:
        report = prune(conn)
    assert report.change_log >= 2
    from_early, _ = c.pull_all(early)
    assert from_early["changes"][("household", hid)]["phone"] == "13900000002"
    assert ("visit", vid) in from_early["changes"]
    from_middle, _ = c.pull_all(middle)
    assert set(from_middle["changes"]) == {("visit", vid)}
    fresh, _ = c.pull_all()
    assert set(district.households["g1"]) <= {k for (e, k) in fresh["changes"] if e == "household"}
