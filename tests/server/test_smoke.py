"""The basic round trip: enroll, log in, push a visit, pull it back."""

from __future__ import annotations

from gridterm.ids import new_id
from tests.server.helpers import build_district, op, visit_fields


def test_push_then_pull_round_trip(server):
    d = build_district(server.url, server.engine)
    c = d.client("grid_worker")
    vid = new_id()
    fields = visit_fields(d.households["g1"][0], d.user_id("grid_worker"), id=vid)
    r = c.push([op("visit", vid, fields, seq=7)])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["acked_seq"] == 7
    assert body["results"][0]["status"] == "applied", body
    pulled, _ = c.pull_all()
    assert ("visit", vid) in pulled["changes"]
    assert pulled["changes"][("visit", vid)]["household_id"] == d.households["g1"][0]
