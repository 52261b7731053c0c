"""Guarantee 9: a terminal is not sent back the facts it pushed itself (they are stored exactly
as it sent them), while its cursor moves past them and every other terminal gets them. What
the server changed or decided (tickets, merged households, normalised facts) still comes back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gridterm.ids import new_id
from tests.server.helpers import build_district, op, ticket_fields, visit_fields


@pytest.fixture
def district(server):
    return build_district(server.url, server.engine)


def _iso() -> str:
    """A time as the terminal's store encodes it (``datetime.isoformat``)."""
    return datetime.now(UTC).isoformat()


def _exact_visit(household: str, user: str) -> tuple[str, dict]:
    vid = new_id()
    fields = visit_fields(
        household, user, id=vid, visited_at=_iso(), created_at=_iso(), ticket_id=None
    )
    fields["revision_of"] = None
    return vid, fields


def _keys(pulled, entity):
    return {key for (e, key) in pulled["changes"] if e == entity}


def test_own_facts_are_not_echoed_but_reach_the_other_terminals(server, district):
    a = district.client("grid_worker")
    b = district.client("part_time_worker")  # the same grid, g1
    _, a_cursor = a.pull_all()
    _, b_cursor = b.pull_all()
    me = district.user_id("grid_worker")
    visits = [_exact_visit(h, me) for h in district.households["g1"]]
    cid = new_id()
    check_in = {
        "id": cid,
        "user_id": me,
        "kind": "in",
        "at": _iso(),
        "latitude": 30.5,
        "longitude": 114.3,
        "accuracy_m": 8.0,
    }
    ops = [op("visit", vid, f, seq=i + 1) for i, (vid, f) in enumerate(visits)]
    ops.append(op("check_in", cid, check_in, seq=len(ops) + 1))
    r = a.push(ops)
    assert {x["status"] for x in r.json()["results"]} == {"applied"}

    mine, a_next = a.pull_all(a_cursor)
    assert mine["changes"] == {}
    assert a_next != a_cursor  # the cursor moved past them
    again = a.pull(a_next).json()
    assert again["changes"] == [] and again["more"] is False and again["cursor"] == a_next

    theirs, _ = b.pull_all(b_cursor)
    assert _keys(theirs, "visit") == {vid for vid, _ in visits}
    assert theirs["changes"][("visit", visits[0][0])]["notes"] == visits[0][1]["notes"]

    # a first pull (no cursor) is a fresh copy: it has everything, own facts included
    fresh, _ = a.pull_all()
    assert {vid for vid, _ in visits} <= _keys(fresh, "visit")
    assert ("check_in", cid) in fresh["changes"]


def test_own_facts_paged_past_with_a_small_limit(server, district):
    a = district.client("grid_worker")
    sup = district.client("community_supervisor")  # also writes visits in g1
    b = district.client("part_time_worker")  # only reads here
    cursors = {who: c.pull_all()[1] for who, c in (("a", a), ("sup", sup), ("b", b))}
    me = district.user_id("grid_worker")
    visits: set[str] = set()
    ops = []
    for i in range(7):
        vid, fields = _exact_visit(district.households["g1"][i % 3], me)
        visits.add(vid)
        ops.append(op("visit", vid, fields, seq=i + 1))
    assert a.push(ops).status_code == 200
    sid, sfields = _exact_visit(
        district.households["g1"][0], district.user_id("community_supervisor")
    )
    r = sup.push([op("visit", sid, sfields)])
    assert r.json()["results"][0]["status"] == "applied", r.text
    mine, _ = a.pull_all(cursors["a"], limit=2)
    assert _keys(mine, "visit") == {sid}
    theirs, _ = sup.pull_all(cursors["sup"], limit=2)
    assert _keys(theirs, "visit") == visits
    reader, _ = b.pull_all(cursors["b"], limit=2)
    assert _keys(reader, "visit") == visits | {sid}


def test_what_the_server_changed_or_decided_comes_back(server, district):
    a = district.client("grid_worker")
    other = district.client("community_supervisor")
    _, cursor = a.pull_all()
    me = district.user_id("grid_worker")
    hid = district.households["g1"][0]

    # a visit the server stored differently (the time re-formatted) comes back as stored
    vid = new_id()
    sent = visit_fields(hid, me, id=vid, visited_at="2026-11-20T09:30:00.000+08:00")
    # a ticket: its status and level are the server's to decide
    tid = new_id()
    # a household edit merged on the server (another device changed a field meanwhile)
    hid2 = district.households["g1"][1]
    r = other.push([op("household", hid2, {"phone": "13900139000"}, kind="update", base_version=1)])
    assert r.json()["results"][0]["status"] == "applied"
    r = a.push(
        [
            op("visit", vid, sent, seq=1),
            op("ticket", tid, ticket_fields(district.grids["g1"], me, id=tid), seq=2),
            op(
                "household",
                hid2,
                {"phone": "13800138000", "notes": "独居老人"},
                kind="update",
                base_version=1,
                seq=3,
            ),
        ]
    )
    statuses = [x["status"] for x in r.json()["results"]]
    assert statuses == ["applied", "applied", "conflict"]

    back, _ = a.pull_all(cursor)
    visit = back["changes"][("visit", vid)]
    assert visit["visited_at"] == "2026-11-20T09:30:00+08:00"
    assert ("ticket", tid) in back["changes"]
    household = back["changes"][("household", hid2)]
    assert household["phone"] == "13900139000" and household["notes"] == "独居老人"
