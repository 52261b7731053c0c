"""The audit log: who pulled which area, who exported what, who changed users, grids and
devices, and who may read it (issue 16, item 4)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from gridterm.ids import new_id
from sync.server import audit
from sync.server.auth import login_limits
from sync.server.cli import main
from sync.server.db.engine import reading
from tests.server.helpers import Client, build_district, op


@pytest.fixture(scope="module")
def district(server):
    return build_district(server.url, server.engine, households_per_grid=1)


def _events(server, **query):
    with reading(server.engine) as conn:
        return audit.events(conn, audit.Query(**query))


def test_a_pull_records_who_took_which_area(server, district):
    c = district.client("grid_worker")
    assert c.pull().status_code == 200
    (event,) = _events(server, action=audit.PULL, actor=district.user_id("grid_worker"), limit=1)
    assert event["subject"] == f"grid:{district.grids['g1']}"
    assert event["device_id"] == c.device_id and event["detail"]["first"] is True
    assert event["community_id"] == district.community["A"]


def test_an_export_records_what_was_exported(server, district):
    boss = district.client("community_supervisor")
    day = date.today().isoformat()
    r = boss.http.get("/v1/reports/daily", params={"date": day}, headers=boss.auth)
    assert r.status_code == 200, r.text
    uid = district.user_id("community_supervisor")
    (event,) = _events(server, action=audit.EXPORT, actor=uid, limit=1)
    assert event["subject"] == f"community:{district.community['A']}"
    assert event["detail"]["kind"] == "daily" and event["detail"]["period"] == day


def _admin(server, *argv: str) -> int:
    url = server.engine.url.render_as_string(hide_password=False)
    return main(["admin", "--db", url, *argv])


def test_admin_changes_are_recorded_and_queryable(server, district, capsys):
    worker = district.workers["worker2"]
    assert _admin(server, "set-role", worker, "part_time_worker") == 0
    assert _admin(server, "unassign", worker, district.grids["g2"]) == 0
    assert _admin(server, "set-role", "nobody-at-all", "grid_worker") != 0  # failed: no entry
    capsys.readouterr()
    assert _admin(server, "audit", "--action", "admin.", "--subject", worker, "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["action"] for r in rows] == ["admin.unassign", "admin.set-role"]
    assert rows[1]["detail"]["role"] == "part_time_worker"
    assert rows[0]["actor"].startswith("admin:") and rows[0]["community_id"]
    assert not _events(server, action="admin.set-role", subject="nobody-at-all")


def test_supervisors_read_their_own_areas_events_only(server, district):
    worker = district.workers["worker2"]
    stranger = Client(server.url)
    stranger.enroll(district.code())
    for _ in range(login_limits.FREE_FAILURES):
        stranger.login(worker, "999999")
    boss = district.client("community_supervisor")
    r = boss.http.get("/v1/audit", params={"action": audit.LOGIN_FAILURES}, headers=boss.auth)
    assert r.status_code == 200, r.text
    assert [e["subject"] for e in r.json()] == [worker]
    street = district.client("street_staff")
    r = street.http.get("/v1/audit", headers=street.auth)
    assert worker in {e["subject"] for e in r.json()}
    other = build_district(server.url, server.engine, households_per_grid=1)
    elsewhere = other.client("community_supervisor")
    r = elsewhere.http.get("/v1/audit", headers=elsewhere.auth)
    assert r.status_code == 200 and worker not in {e["subject"] for e in r.json()}
    for role in ("grid_worker", "part_time_worker", "market_inspector"):
        c = district.client(role)
        assert c.http.get("/v1/audit", headers=c.auth).status_code == 403


def _reveal_op(d, who: str, record_id: str, field: str = "id_number", record="resident"):
    rid = new_id()
    fields = {"id": rid, "user_id": d.user_id(who), "record": record, "record_id": record_id,
              "field": field, "revealed_at": "2026-11-20T09:30:00.000+00:00"}  # fmt: skip
    return op("personal_data_reveal", rid, fields)


def test_a_reveal_on_a_terminal_reaches_the_audit_log_with_its_time(server, district):
    c = district.client("grid_worker")
    hid = district.households["g1"][0]
    r = c.push([_reveal_op(district, "grid_worker", hid, "phone", "household")])
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied", r.text
    actor = district.user_id("grid_worker")
    (event,) = _events(server, action=audit.REVEAL, actor=actor, limit=1)
    assert event["subject"] == f"household:{hid}" and event["detail"]["field"] == "phone"
    assert event["at"] == 1795167000000 and event["device_id"] == c.device_id


def test_a_reveal_the_role_or_area_does_not_allow_is_refused(server, district):
    part_timer = district.client("part_time_worker")
    hid = district.households["g1"][0]
    r = part_timer.push([_reveal_op(district, "part_time_worker", hid, "phone", "household")])
    assert r.json()["results"][0]["reason"] == "reveal.not_allowed"
    worker = district.client("grid_worker")
    outside = district.households["g3"][0]
    r = worker.push([_reveal_op(district, "grid_worker", outside, "phone", "household")])
    assert r.status_code == 403  # a record outside the area refuses the batch, as for any op
