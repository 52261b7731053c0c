"""Market hazard inspections end to end through the sync engine against the real server:
inspections, answers, hazards, failure photos and the operator's signature pushed once; a
re-inspection on a second terminal closing the loop for the first; a template change with
unsent work; cuts mid-request and mid-answer; partitions by the inspector's markets; the
built-in default checklist the server installs (issue #6, items 2 and 6). Also: downscaled
failure photos renamed in answer and hazard alike, a hazard moved on two terminals offline,
a hazard escalated to a ticket, and the demo server sharing the demo terminal's template id."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from gridterm.demo import checklist
from gridterm.domain.attachments import AttachmentKind
from gridterm.domain.hazards import HazardStatus
from gridterm.errors import ValidationError
from gridterm.ids import new_id
from gridterm.services.attachments import add_attachment
from gridterm.services.hazards import Hazards
from gridterm.services.inspections import Inspections
from gridterm.store.migrations import SCHEMA_VERSION
from sync.client.errors import SyncError
from sync.server.admin import templates
from sync.server.db import schema
from sync.server.db.engine import make_engine, writing
from tests.sync import market as markets
from tests.sync.conftest import Terminal, count_rows, make_terminal
from tests.sync.market import DEFAULT_CODE, Market, add_premises, answer_all, photo

#: The hazard items of docs/domain.md's hazard section, by the built-in template's item codes.
DOMAIN_ITEMS = {
    "wiring": "私拉乱接电线",
    "ebike_charging": "电动自行车",
    "sleeping_in_shop": "三合一",
    "blocked_exit": "安全出口、疏散通道堵塞",
    "extinguisher": "灭火器缺失、过期",
    "gas_cylinder": "液化气瓶",
    "flammables": "易燃物",
    "unlicensed": "无证经营、违法加工",
}


@pytest.fixture
def market(server) -> Market:
    return markets.build(server.engine)


def _terminal(tmp_path, market: Market, who: str, url: str, name: str | None = None) -> Terminal:
    t = make_terminal(tmp_path, market, who, url, name=name)  # type: ignore[arg-type]
    first = t.sync()
    assert first.ok, first
    return t


def _rows(server, table: str, **where: Any) -> list[dict[str, Any]]:
    t = schema.metadata.tables[table]
    query = select(t)
    for name, value in where.items():
        query = query.where(t.c[name] == value)
    with server.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def _blob_verified(server, sha: str) -> bool:
    path = server.blob_dir / sha[:2] / sha
    return path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == sha


def _inspect(
    t: Terminal, market: Market, failures: tuple[str, ...] = ("wiring", "extinguisher")
) -> tuple[str, dict[str, str], dict[str, str], str]:
    """On terminal ``t``: a shop in m1 inspected with the built-in checklist, the items in
    ``failures`` failed with a photo each, completed with the operator's signature.
    Returns (inspection id, hazard id by item, photo by item, signature)."""
    s = t.session()
    inspections = Inspections(s)
    premises = add_premises(s, market.grids["m1"])
    inspection = inspections.start(premises, DEFAULT_CODE)
    shots = {code: photo(s) for code in failures}
    answer_all(s, inspection.id, {code: (sha,) for code, sha in shots.items()})
    signature = photo(s, AttachmentKind.SIGNATURE)
    found = inspections.complete(inspection.id, signature=signature)
    return inspection.id, {h.item_code: h.id for h in found}, shots, signature


def _assert_exactly_once(server, t: Terminal) -> None:
    """Every op of the terminal applied once on the server, every row the terminal wrote
    there once and none extra, every outbox row confirmed."""
    ops = t.store.query("SELECT op_id FROM outbox")
    a = schema.applied_op
    with server.engine.connect() as conn:
        applied = conn.execute(
            select(func.count()).select_from(a).where(a.c.op_id.in_([o["op_id"] for o in ops]))
        ).scalar_one()
    assert applied == len(ops)
    assert t.outbox_states() == {"confirmed": len(ops)}
    for inspection in t.store.query("SELECT id FROM hazard_inspection"):
        iid = inspection["id"]
        assert len(_rows(server, "hazard_inspection", id=iid)) == 1
        local = t.store.query(
            "SELECT item_code, result FROM checklist_answer WHERE inspection_id = ?", (iid,)
        )
        remote = _rows(server, "checklist_answer", inspection_id=iid)
        assert sorted((r["item_code"], r["result"]) for r in remote) == sorted(
            (r["item_code"], r["result"]) for r in local
        )
        local_hazards = t.store.query("SELECT id FROM hazard WHERE inspection_id = ?", (iid,))
        remote_hazards = _rows(server, "hazard", inspection_id=iid)
        assert sorted(h["id"] for h in remote_hazards) == sorted(h["id"] for h in local_hazards)


def test_an_inspection_with_photos_and_signature_reaches_the_server_once(tmp_path, server, market):
    a = _terminal(tmp_path, market, "i1", server.url)
    try:
        inspection, hazards, shots, signature = _inspect(a, market)
        report = a.sync()
        assert report.ok, report
        assert report.photos == 3

        (row,) = _rows(server, "hazard_inspection", id=inspection)
        assert (row["status"], row["template_code"], row["template_version"]) == (
            "completed",
            DEFAULT_CODE,
            1,
        )
        assert row["signature"] == signature
        assert row["inspector_id"] == market.user_ids["i1"]
        answers = {
            r["item_code"]: r for r in _rows(server, "checklist_answer", inspection_id=inspection)
        }
        assert sorted(answers) == sorted(code for code, *_ in checklist.ITEMS)
        assert {c for c, r in answers.items() if r["result"] == "fail"} == set(shots)
        for code, sha in shots.items():
            assert json.loads(answers[code]["photos"]) == [sha]
        stored = {h["item_code"]: h for h in _rows(server, "hazard", inspection_id=inspection)}
        assert {c: h["id"] for c, h in stored.items()} == hazards
        assert stored["wiring"]["status"] == "open"
        assert json.loads(stored["wiring"]["photos"]) == [shots["wiring"]]
        assert stored["wiring"]["severity"] == "major"  # the built-in item's default

        for sha in (*shots.values(), signature):
            assert _blob_verified(server, sha), sha
            assert count_rows(server, "attachment", sha256=sha) == 1
        assert _rows(server, "attachment", sha256=signature)[0]["kind"] == "signature"
        _assert_exactly_once(server, a)

        again = a.sync()  # nothing left to send, nothing sent twice
        assert again.ok and again.pushed == 0 and again.photos == 0, again
        assert count_rows(server, "checklist_answer", inspection_id=inspection) == 8
        assert count_rows(server, "hazard", inspection_id=inspection) == 2
    finally:
        a.close()


@pytest.mark.parametrize("second", ["i2", "i1"], ids=["colleague", "same-user-second-device"])
def test_a_reinspection_on_a_second_terminal_closes_the_hazard_for_the_first(
    tmp_path, server, market, second
):
    a = _terminal(tmp_path, market, "i1", server.url, name="a")
    b = None
    try:
        inspection, hazards, shots, _ = _inspect(a, market)
        assert a.sync().ok
        b = _terminal(tmp_path, market, second, server.url, name="b")
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

        (row,) = _rows(server, "hazard", id=wiring)
        assert row["status"] == "closed" and row["closed_at"]
        assert json.loads(row["photos"]) == [shots["wiring"], fixed, after, closing]
        notes = [s["note"] for s in _rows(server, "hazard_step", hazard_id=wiring)]
        assert "插排仍串接" in notes
        assert _blob_verified(server, after)
        _assert_exactly_once(server, b)

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
    finally:
        a.close()
        if b is not None:
            b.close()


def test_a_hazard_moved_on_both_terminals_offline_ends_as_the_server_settled_it(
    tmp_path, server, market
):
    a = _terminal(tmp_path, market, "i1", server.url, name="a")
    b = None
    try:
        _, hazards, _, _ = _inspect(a, market)
        assert a.sync().ok
        b = _terminal(tmp_path, market, "i2", server.url, name="b")
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
        (row,) = _rows(server, "hazard", id=wiring)
        assert row["status"] == "closed"
        assert on_a.hazard(wiring).status is HazardStatus.CLOSED  # the server's word
        conflicts = _rows(server, "conflict", entity_id=wiring)
        assert [(c["field"], json.loads(c["terminal_value"])["action"]) for c in conflicts] == [
            ("status", "start_rectification")
        ]
        _assert_exactly_once(server, a)
        assert b.sync().ok
        assert Hazards(b.session()).hazard(wiring).status is HazardStatus.CLOSED
    finally:
        a.close()
        if b is not None:
            b.close()


def test_a_hazard_escalated_to_a_ticket_travels_with_its_ticket(tmp_path, server, market):
    a = _terminal(tmp_path, market, "i1", server.url, name="a")
    b = None
    try:
        _, hazards, _, _ = _inspect(a, market)
        wiring = hazards["wiring"]
        on_a = Hazards(a.session())
        on_a.reinspect(wiring, passed=False, note="拒不整改")
        ticket_id = on_a.escalate(wiring, urgent=True).ticket_id
        assert ticket_id is not None
        report = a.sync()  # inspection, hazards, re-inspection and ticket in one go
        assert report.ok, report
        (ticket,) = _rows(server, "ticket", id=ticket_id)
        assert (ticket["grid_id"], ticket["category"]) == (market.grids["m1"], "安全隐患")
        (row,) = _rows(server, "hazard", id=wiring)
        assert (row["status"], row["ticket_id"]) == ("rectifying", ticket_id)
        _assert_exactly_once(server, a)

        b = _terminal(tmp_path, market, "i2", server.url, name="b")
        assert Hazards(b.session()).hazard(wiring).ticket_id == ticket_id
        assert b.store.query("SELECT urgent FROM ticket WHERE id = ?", (ticket_id,)) == [
            {"urgent": 1}
        ]
    finally:
        a.close()
        if b is not None:
            b.close()


def _jpeg(width: int = 3000, height: int = 2000) -> bytes:
    image = Image.new("RGB", (width, height), (200, 40, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.mark.parametrize("synced_midway", [False, True], ids=["offline", "synced-midway"])
def test_a_downscaled_failure_photo_is_the_same_photo_in_answer_and_hazard(
    tmp_path, server, market, synced_midway
):
    a = _terminal(tmp_path, market, "i1", server.url, name="a")
    b = None
    try:
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

        (answer,) = _rows(
            server, "checklist_answer", inspection_id=inspection.id, item_code="wiring"
        )
        (shot,) = json.loads(answer["photos"])
        assert shot != original  # the record names the smaller photo
        assert json.loads(_rows(server, "hazard", id=hazard.id)[0]["photos"]) == [shot]
        assert _blob_verified(server, shot)
        assert hazards.before_after(hazard.id) == ((shot,), ())
        _assert_exactly_once(server, a)

        b = _terminal(tmp_path, market, "i2", server.url, name="b")
        assert Hazards(b.session()).before_after(hazard.id) == ((shot,), ())
    finally:
        a.close()
        if b is not None:
            b.close()


def _versioned(code: str, version: int) -> dict[str, Any]:
    """The built-in checklist under another code; v2 drops an item and adds one."""
    document = {**checklist.template_data(), "code": code, "version": version}
    if version == 2:
        document["items"] = [
            *document["items"][:-1],
            {"code": "exit_signs", "text": "应急照明、疏散指示标志损坏", "severity": "major"},
        ]
    return document


def test_a_template_change_with_unsent_work(tmp_path, server, market):
    code = f"market{market.tag}"
    assert market.publish(_versioned(code, 1))
    a = _terminal(tmp_path, market, "i1", server.url)
    try:
        s = a.session()
        inspections = Inspections(s)
        shop, stall = (
            add_premises(s, market.grids["m1"]),
            add_premises(s, market.grids["m1"], "菜摊"),
        )
        done = inspections.start(shop, code)
        answer_all(s, done.id, {"unlicensed": (photo(s),)})
        (hazard,) = inspections.complete(done.id, operator_absent="外出进货")
        running = inspections.start(stall, code)
        inspections.answer(running.id, "wiring", "pass")
        assert (done.template_version, running.template_version) == (1, 1)

        assert market.publish(_versioned(code, 2))  # the server imports v2; A is offline
        report = a.sync()
        assert report.ok, report

        # the v1 inspections landed as v1, answers checked against v1
        (on_server,) = _rows(server, "hazard_inspection", id=done.id)
        assert (on_server["template_version"], on_server["status"]) == (1, "completed")
        assert count_rows(server, "checklist_answer", inspection_id=done.id) == 8
        assert _rows(server, "hazard", id=hazard.id)[0]["item_code"] == "unlicensed"
        (on_server,) = _rows(server, "hazard_inspection", id=running.id)
        assert (on_server["template_version"], on_server["status"]) == (1, "in_progress")

        # A has v2 now; the running inspection keeps v1
        newest = {t.code: t for t in inspections.templates()}[code]
        assert newest.version == 2
        kept = inspections.template_of(running.id)
        assert kept.version == 1
        assert "unlicensed" in {i.code for i in kept.items}
        with pytest.raises(ValidationError) as err:
            inspections.answer(running.id, "exit_signs", "pass")
        assert err.value.code == "checklist.unknown_item"
        answer_all(s, running.id)
        inspections.complete(running.id, operator_absent="外出进货")

        fresh = inspections.start(shop, code)
        assert fresh.template_version == 2
        answer_all(s, fresh.id)
        inspections.complete(fresh.id, operator_absent="外出进货")
        report = a.sync()
        assert report.ok, report

        finished = _rows(server, "hazard_inspection", id=running.id)[0]
        assert (finished["template_version"], finished["status"]) == (1, "completed")
        v1_items = {i["code"] for i in _versioned(code, 1)["items"]}
        v2_items = {i["code"] for i in _versioned(code, 2)["items"]}
        got = {r["item_code"] for r in _rows(server, "checklist_answer", inspection_id=running.id)}
        assert got == v1_items
        (new_row,) = _rows(server, "hazard_inspection", id=fresh.id)
        assert (new_row["template_version"], new_row["status"]) == (2, "completed")
        got = {r["item_code"] for r in _rows(server, "checklist_answer", inspection_id=fresh.id)}
        assert got == v2_items
        # a past inspection's template is untouched by the new version
        assert {t["version"] for t in _rows(server, "checklist_template", code=code)} == {1, 2}
        _assert_exactly_once(server, a)
    finally:
        a.close()


@pytest.mark.parametrize("cut", ["response", "request"])
def test_an_inspection_batch_cut_is_applied_exactly_once(tmp_path, server, market, proxy, cut):
    a = _terminal(tmp_path, market, "i1", proxy.url)
    try:
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
        _assert_exactly_once(server, a)
        premises_ids = [r["id"] for r in a.store.query("SELECT id FROM premises")]
        h = schema.hazard
        with server.engine.connect() as conn:
            on_server = conn.execute(
                select(func.count()).select_from(h).where(h.c.premises_id.in_(premises_ids))
            ).scalar_one()
        assert on_server == found == 18
    finally:
        a.close()


def test_an_inspector_of_another_market_pulls_nothing_of_it_and_cannot_push_into_it(
    tmp_path, server, market
):
    a = _terminal(tmp_path, market, "i1", server.url, name="a")
    c = None
    try:
        inspection, hazards, _, _ = _inspect(a, market)
        assert a.sync().ok
        c = _terminal(tmp_path, market, "i3", server.url, name="c")  # first sync: the snapshot
        own = add_premises(c.session(), market.grids["m2"], "对面的摊位")
        _inspect(a, market)  # more in m1 meanwhile: pulled page by page, not by i3
        assert a.sync().ok
        report = c.sync()
        assert report.ok, report
        assert c.store.query("SELECT id FROM premises") == [{"id": own}]
        for table in ("hazard_inspection", "checklist_answer", "hazard"):
            assert c.store.query(f"SELECT count(*) n FROM {table}") == [{"n": 0}], table
        assert c.store.query("SELECT id FROM grid") == [{"id": market.grids["m2"]}]

        # pushes into m1 from i3's session are refused whole and change nothing
        (row,) = _rows(server, "hazard_inspection", id=inspection)
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
                c.login.transport.call(
                    "POST", "/v1/sync/push", token=c.login.token(), json_body=body
                )
            assert (err.value.status, err.value.code) == (403, "scope.grid_outside"), entity
        assert count_rows(server, "hazard_inspection", premises_id=row["premises_id"]) == 1
        assert _rows(server, "hazard", id=hazards["wiring"])[0]["status"] == "open"
    finally:
        a.close()
        if c is not None:
            c.close()


def test_the_built_in_checklist_is_installed_and_reaches_terminals(tmp_path, server, market):
    document = templates.load(templates.BUILT_IN_DIR / "small_shop.yaml")
    assert document["code"] == DEFAULT_CODE
    texts = {i["code"]: i["text"] for i in document["items"]}
    for code, words in DOMAIN_ITEMS.items():  # every hazard item of docs/domain.md
        assert words in texts[code], code
    assert checklist.template_data() == document  # the demo reads the same file

    (row,) = _rows(server, "checklist_template", code=DEFAULT_CODE, version=1)
    assert row["title"] == document["title"]
    a = _terminal(tmp_path, market, "i1", server.url)
    try:
        (pulled,) = [t for t in Inspections(a.session()).templates() if t.code == DEFAULT_CODE]
        assert pulled.id == row["id"]
        assert [
            (i.code, i.text, i.default_severity.value, i.default_deadline_days)
            for i in (pulled.items)
        ] == [(i["code"], i["text"], i["severity"], i["deadline_days"]) for i in document["items"]]
    finally:
        a.close()


def test_built_in_checklists_never_overwrite_or_bump_an_imported_one(tmp_path, server):
    tag = new_id()[-8:]
    folder = tmp_path / "checklists"
    folder.mkdir()
    imported, fresh = f"imported{tag}", f"fresh{tag}"
    for code in (imported, fresh):
        items = "items:\n  - code: wiring\n    text: 私拉乱接电线\n"
        (folder / f"{code}.yaml").write_text(
            f"code: {code}\nversion: 1\ntitle: 内置\n{items}", encoding="utf-8"
        )
    other = {
        "code": imported,
        "version": 3,
        "title": "街道自定",
        "items": [{"code": "a", "text": "甲"}],
    }
    with writing(server.engine) as conn:
        templates.publish(conn, other)
    with writing(server.engine) as conn:
        installed = templates.install_built_in(conn, folder)
    assert [t.code for t in installed] == [fresh]
    assert [
        (r["version"], r["title"]) for r in _rows(server, "checklist_template", code=imported)
    ] == [(3, "街道自定")]
    with writing(server.engine) as conn:  # a restart installs nothing again
        assert templates.install_built_in(conn, folder) == []
        assert templates.install_built_in(conn) == []  # the server has small_shop already
    assert count_rows(server, "checklist_template", code=fresh) == 1
    assert count_rows(server, "checklist_template", code=DEFAULT_CODE) == 1


def test_the_demo_server_gives_the_built_in_template_the_demo_terminals_id(tmp_path):
    from gridterm.demo.generator import build_demo
    from sync.server.cli import main

    terminal_db = tmp_path / "demo.db"
    build_demo(terminal_db, 30, plaintext=True, in_child=False)
    source = sqlite3.connect(terminal_db)
    ((demo_id, code, version),) = source.execute(
        "SELECT id, code, version FROM checklist_template"
    ).fetchall()
    source.close()
    assert (code, version) == (DEFAULT_CODE, 1)

    url = f"sqlite:///{tmp_path / 'server.db'}"
    assert main(["migrate", "--db", url]) == 0  # installs the built-in under an id of its own
    engine = make_engine(url, pool_size=1)
    try:
        with engine.connect() as conn:
            t = schema.checklist_template
            (installed,) = conn.execute(select(t.c.id).where(t.c.code == code)).scalars()
        assert installed != demo_id
        assert main(["demo", "--db", url, "--from-db", str(terminal_db), "--codes", "1"]) == 0
        with engine.connect() as conn:
            rows = conn.execute(select(t.c.id, t.c.version).where(t.c.code == code)).all()
            cl = schema.change_log
            log = conn.execute(
                select(cl.c.entity_id, cl.c.op)
                .where(cl.c.entity == "checklist_template")
                .order_by(cl.c.seq)
            ).all()
        assert rows == [(demo_id, 1)]  # the same row, now under the demo's id
        assert log[-2:] == [(installed, "delete"), (demo_id, "upsert")]
    finally:
        engine.dispose()
