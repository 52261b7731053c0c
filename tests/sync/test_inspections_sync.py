"""Market hazard inspections end to end through the sync engine against the real server:
inspections, answers, hazards, failure photos and the operator's signature pushed once; a
re-inspection on a second terminal closing the loop for the first; cuts mid-request and
mid-answer; partitions by the inspector's markets (issue #6, item 2). Also: downscaled
failure photos renamed in answer and hazard alike, a hazard moved on two terminals offline,
and a hazard escalated to a ticket. The checklists themselves: test_checklists_sync.py."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from PIL import Image
from sqlalchemy import func, select

from gridterm.demo import checklist
from gridterm.domain.hazards import HazardStatus
from gridterm.ids import new_id
from gridterm.services.attachments import add_attachment
from gridterm.services.hazards import Hazards
from gridterm.services.inspections import Inspections
from gridterm.store.migrations import SCHEMA_VERSION
from sync.client.errors import SyncError
from sync.server.db import schema
from tests.sync.conftest import count_rows
from tests.sync.helpers import server_rows
from tests.sync.market import (
    DEFAULT_CODE,
    add_premises,
    answer_all,
    assert_inspections_once,
    escalate_wiring,
    inspect_shop,
    photo,
)


def _blob_verified(server, sha: str) -> bool:
    path = server.blob_dir / sha[:2] / sha
    return path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == sha


def test_an_inspection_with_photos_and_signature_reaches_the_server_once(
    server, market, new_terminal
):
    a = new_terminal(market, "i1", server.url)
    inspection, hazards, shots, signature = inspect_shop(a, market)
    report = a.sync()
    assert report.ok, report
    assert report.photos == 3

    (row,) = server_rows(server, "hazard_inspection", id=inspection)
    assert (row["status"], row["template_code"], row["template_version"]) == (
        "completed",
        DEFAULT_CODE,
        1,
    )
    assert row["signature"] == signature
    assert row["inspector_id"] == market.user_ids["i1"]
    answers = {
        r["item_code"]: r for r in server_rows(server, "checklist_answer", inspection_id=inspection)
    }
    assert sorted(answers) == sorted(code for code, *_ in checklist.ITEMS)
    assert {c for c, r in answers.items() if r["result"] == "fail"} == set(shots)
    for code, sha in shots.items():
        assert json.loads(answers[code]["photos"]) == [sha]
    stored = {h["item_code"]: h for h in server_rows(server, "hazard", inspection_id=inspection)}
    assert {c: h["id"] for c, h in stored.items()} == hazards
    assert stored["wiring"]["status"] == "open"
    assert json.loads(stored["wiring"]["photos"]) == [shots["wiring"]]
    assert stored["wiring"]["severity"] == "major"  # the built-in item's default

    for sha in (*shots.values(), signature):
        assert _blob_verified(server, sha), sha
        assert count_rows(server, "attachment", sha256=sha) == 1
    assert server_rows(server, "attachment", sha256=signature)[0]["kind"] == "signature"
    assert_inspections_once(server, a)

    again = a.sync()  # nothing left to send, nothing sent twice
    assert again.ok and again.pushed == 0 and again.photos == 0, again
    assert count_rows(server, "checklist_answer", inspection_id=inspection) == 8
    assert count_rows(server, "hazard", inspection_id=inspection) == 2


@pytest.mark.parametrize("second", ["i2", "i1"], ids=["colleague", "same-user-second-device"])
def test_a_reinspection_on_a_second_terminal_closes_the_hazard_for_the_first(
    server, market, second, new_terminal
):
    a = new_terminal(market, "i1", server.url, name="a")
    inspection, hazards, shots, _ = inspect_shop(a, market)
    assert a.sync().ok
    b = new_terminal(market, second, server.url, name="b")
    wiring, extinguisher = hazards["wiring"], hazards["extinguisher"]

    on_b = Inspections(b.session())
    hazards_b = Hazards(on_b.session)
    assert on_b.get(inspection).status.value == "completed"
    assert len(on_b.answers(inspection)) == 8
    assert hazards_b.hazard(wiring).status is HazardStatus.OPEN
    assert hazards_b.before_after(wiring) == ((shots["wiring"],), ())
    # re-inspection (复查): not rectified yet, then rectified with an after-photo
    assert hazards_b.reinspect(wiring, passed=False, note="插排仍串接").status is (
        HazardStatus.RECTIFYING
    )
    fixed, after, closing = photo(b.session()), photo(b.session()), photo(b.session())
    assert hazards_b.rectify(wiring, photos=(fixed,)).status is HazardStatus.RECTIFIED
    assert hazards_b.reinspect(wiring, passed=True, photos=(after,)).status is (
        HazardStatus.REINSPECTED
    )
    assert hazards_b.verify_close(wiring, photos=(closing,)).status is HazardStatus.CLOSED
    report = b.sync()
    assert report.ok, report
    assert report.photos == 3

    (row,) = server_rows(server, "hazard", id=wiring)
    assert row["status"] == "closed" and row["closed_at"]
    assert json.loads(row["photos"]) == [shots["wiring"], fixed, after, closing]
    notes = [s["note"] for s in server_rows(server, "hazard_step", hazard_id=wiring)]
    assert "插排仍串接" in notes
    assert _blob_verified(server, after)
    assert_inspections_once(server, b)

    report = a.sync()
    assert report.ok, report
    on_a = Hazards(a.session())
    assert on_a.hazard(wiring).status is HazardStatus.CLOSED
    assert on_a.hazard(extinguisher).status is HazardStatus.OPEN
    assert [line.hazard.id for line in on_a.my_open_hazards()] == [extinguisher]
    before, after_photos = on_a.before_after(wiring)
    assert (before, after_photos) == ((shots["wiring"],), (fixed, after, closing))
    # the before-photo is A's own; the after-photo is fetchable from the server
    assert a.store.blobs.has(shots["wiring"])
    fetched = a.login.transport.call("GET", f"/v1/blobs/{after}", token=a.login.token())
    assert hashlib.sha256(fetched.content).hexdigest() == after


def test_a_hazard_moved_on_both_terminals_offline_ends_as_the_server_settled_it(
    server, market, new_terminal
):
    a = new_terminal(market, "i1", server.url, name="a")
    _, hazards, _, _ = inspect_shop(a, market)
    assert a.sync().ok
    b = new_terminal(market, "i2", server.url, name="b")
    wiring = hazards["wiring"]
    # both offline: A notes the rectification has begun, B verifies it done and closes
    on_a, on_b = Hazards(a.session()), Hazards(b.session())
    on_a.start_rectification(wiring)
    on_b.rectify(wiring, photos=(photo(b.session()),))
    on_b.reinspect(wiring, passed=True, note="已整改", photos=(photo(b.session()),))
    on_b.verify_close(wiring, photos=(photo(b.session()),))
    assert b.sync().ok
    report = a.sync()
    assert report.ok, report
    assert report.conflicts == 1  # kept for a person to look at, nothing lost
    (row,) = server_rows(server, "hazard", id=wiring)
    assert row["status"] == "closed"
    assert on_a.hazard(wiring).status is HazardStatus.CLOSED  # the server's word
    conflicts = server_rows(server, "conflict", entity_id=wiring)
    assert [(c["field"], json.loads(c["terminal_value"])["action"]) for c in conflicts] == [
        ("status", "start_rectification")
    ]
    assert_inspections_once(server, a)
    assert b.sync().ok
    assert Hazards(b.session()).hazard(wiring).status is HazardStatus.CLOSED


def test_a_hazard_escalated_to_a_ticket_travels_with_its_ticket(server, market, new_terminal):
    a = new_terminal(market, "i1", server.url, name="a")
    wiring, _, ticket_id = escalate_wiring(a, market, urgent=True)
    assert ticket_id is not None
    report = a.sync()  # inspection, hazards, re-inspection and ticket in one go
    assert report.ok, report
    (ticket,) = server_rows(server, "ticket", id=ticket_id)
    assert (ticket["grid_id"], ticket["category"]) == (market.grids["m1"], "安全隐患")
    (row,) = server_rows(server, "hazard", id=wiring)
    assert (row["status"], row["ticket_id"]) == ("rectifying", ticket_id)
    assert_inspections_once(server, a)

    b = new_terminal(market, "i2", server.url, name="b")
    assert Hazards(b.session()).hazard(wiring).ticket_id == ticket_id
    assert b.store.query("SELECT urgent FROM ticket WHERE id = ?", (ticket_id,)) == [{"urgent": 1}]


def _jpeg(width: int = 3000, height: int = 2000) -> bytes:
    image = Image.new("RGB", (width, height), (200, 40, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.mark.parametrize("synced_midway", [False, True], ids=["offline", "synced-midway"])
def test_a_downscaled_failure_photo_is_the_same_photo_in_answer_and_hazard(
    server, market, synced_midway, new_terminal
):
    a = new_terminal(market, "i1", server.url, name="a")
    s = a.session()
    inspections = Inspections(s)
    hazards = Hazards(inspections.session)
    premises = add_premises(s, market.grids["m1"])
    inspection = inspections.start(premises, DEFAULT_CODE)
    original = add_attachment(s, _jpeg(), "image/jpeg").sha256
    answer_all(s, inspection.id, {"wiring": (original,)})
    if synced_midway:  # the answer (and its downscaled photo) leaves before completion
        assert a.sync().ok
    (hazard,) = inspections.complete(inspection.id, operator_absent="外出进货")
    report = a.sync()
    assert report.ok, report

    (answer,) = server_rows(
        server, "checklist_answer", inspection_id=inspection.id, item_code="wiring"
    )
    (shot,) = json.loads(answer["photos"])
    assert shot != original  # the record names the smaller photo
    assert json.loads(server_rows(server, "hazard", id=hazard.id)[0]["photos"]) == [shot]
    assert _blob_verified(server, shot)
    assert hazards.before_after(hazard.id) == ((shot,), ())
    assert_inspections_once(server, a)

    b = new_terminal(market, "i2", server.url, name="b")
    assert Hazards(b.session()).before_after(hazard.id) == ((shot,), ())


@pytest.mark.parametrize("cut", ["response", "request"])
def test_an_inspection_batch_cut_is_applied_exactly_once(server, market, proxy, cut, new_terminal):
    a = new_terminal(market, "i1", proxy.url)
    s = a.session()
    inspections = Inspections(s)
    found = 0
    for n in range(12):
        premises = add_premises(s, market.grids["m1"], f"摊位{n}")
        inspection = inspections.start(premises, DEFAULT_CODE)
        failing = ("wiring", "blocked_exit") if n % 2 else ("gas_cylinder",)
        answer_all(s, inspection.id, {code: () for code in failing})
        found += len(inspections.complete(inspection.id, operator_absent="外出进货"))
    if cut == "response":
        # the sync's first answer is /v1/me; cut the next one, the push's (compact, small):
        # the server committed the batch, its answer is lost
        before = proxy.bytes_down
        a.login.me()
        proxy.cut_response_after(proxy.bytes_down - before + 20)
    else:
        proxy.cut_request_after(3000)  # past /v1/me, inside the first push body
    report = a.sync()
    assert proxy.cuts == 1
    assert report.ok, report
    assert report.retries >= 1
    if cut == "response":
        assert report.duplicates >= 1  # sent again, recognised
    assert_inspections_once(server, a)
    premises_ids = [r["id"] for r in a.store.query("SELECT id FROM premises")]
    h = schema.hazard
    with server.engine.connect() as conn:
        on_server = conn.execute(
            select(func.count()).select_from(h).where(h.c.premises_id.in_(premises_ids))
        ).scalar_one()
    assert on_server == found == 18


def test_an_inspector_of_another_market_pulls_nothing_of_it_and_cannot_push_into_it(
    server, market, new_terminal
):
    a = new_terminal(market, "i1", server.url, name="a")
    inspection, hazards, _, _ = inspect_shop(a, market)
    assert a.sync().ok
    c = new_terminal(market, "i3", server.url, name="c")  # first sync: the snapshot
    own = add_premises(c.session(), market.grids["m2"], "对面的摊位")
    inspect_shop(a, market)  # more in m1 meanwhile: pulled page by page, not by i3
    assert a.sync().ok
    report = c.sync()
    assert report.ok, report
    assert c.store.query("SELECT id FROM premises") == [{"id": own}]
    for table in ("hazard_inspection", "checklist_answer", "hazard"):
        assert c.store.query(f"SELECT count(*) n FROM {table}") == [{"n": 0}], table
    assert c.store.query("SELECT id FROM grid") == [{"id": market.grids["m2"]}]

    # pushes into m1 from i3's session are refused whole and change nothing
    (row,) = server_rows(server, "hazard_inspection", id=inspection)
    attempts = [
        (
            "hazard_inspection",
            new_id(),
            "create",
            {
                "premises_id": row["premises_id"],
                "grid_id": market.grids["m1"],
                "inspector_id": market.user_ids["i3"],
                "template_code": DEFAULT_CODE,
                "template_version": 1,
                "started_at": "2026-11-20T10:00:00+08:00",
                "status": "in_progress",
            },
        ),
        ("hazard", hazards["wiring"], "update", {"status": "closed"}),
    ]
    for entity, entity_id, kind, fields in attempts:
        body = {
            "device_id": c.login.device.device_id,
            "batch_id": new_id(),
            "schema_version": SCHEMA_VERSION,
            "ops": [
                {
                    "op_id": new_id(),
                    "seq": 1,
                    "entity": entity,
                    "entity_id": entity_id,
                    "op": kind,
                    "fields": fields,
                    "base_version": 1 if kind == "update" else None,
                }
            ],
        }
        with pytest.raises(SyncError) as err:
            c.login.transport.call("POST", "/v1/sync/push", token=c.login.token(), json_body=body)
        assert (err.value.status, err.value.code) == (403, "scope.grid_outside"), entity
    assert count_rows(server, "hazard_inspection", premises_id=row["premises_id"]) == 1
    assert server_rows(server, "hazard", id=hazards["wiring"])[0]["status"] == "open"
