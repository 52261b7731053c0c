"""Checklist templates through sync against the real server: a template change while work
on the old version is unsent (each inspection keeps its version, guarantee 8); the built-in
default checklist the server installs, never overwriting an imported one (issue #6, item 6);
and the demo server giving the built-in template the demo terminal's id."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlalchemy import select

from gridterm.demo import checklist
from gridterm.errors import ValidationError
from gridterm.ids import new_id
from gridterm.services.inspections import Inspections
from sync.server.admin import templates
from sync.server.db import schema
from sync.server.db.engine import make_engine, writing
from tests.sync.conftest import count_rows, synced_terminal
from tests.sync.helpers import server_rows
from tests.sync.market import (
    DEFAULT_CODE,
    add_premises,
    answer_all,
    assert_inspections_once,
    photo,
)

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
    a = synced_terminal(tmp_path, market, "i1", server.url)
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
        (on_server,) = server_rows(server, "hazard_inspection", id=done.id)
        assert (on_server["template_version"], on_server["status"]) == (1, "completed")
        assert count_rows(server, "checklist_answer", inspection_id=done.id) == 8
        assert server_rows(server, "hazard", id=hazard.id)[0]["item_code"] == "unlicensed"
        (on_server,) = server_rows(server, "hazard_inspection", id=running.id)
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

        finished = server_rows(server, "hazard_inspection", id=running.id)[0]
        assert (finished["template_version"], finished["status"]) == (1, "completed")
        v1_items = {i["code"] for i in _versioned(code, 1)["items"]}
        v2_items = {i["code"] for i in _versioned(code, 2)["items"]}
        got = {
            r["item_code"]
            for r in server_rows(server, "checklist_answer", inspection_id=running.id)
        }
        assert got == v1_items
        (new_row,) = server_rows(server, "hazard_inspection", id=fresh.id)
        assert (new_row["template_version"], new_row["status"]) == (2, "completed")
        got = {
            r["item_code"] for r in server_rows(server, "checklist_answer", inspection_id=fresh.id)
        }
        assert got == v2_items
        # a past inspection's template is untouched by the new version
        assert {t["version"] for t in server_rows(server, "checklist_template", code=code)} == {
            1,
            2,
        }
        assert_inspections_once(server, a)
    finally:
        a.close()


def test_the_built_in_checklist_is_installed_and_reaches_terminals(tmp_path, server, market):
    document = templates.load(templates.BUILT_IN_DIR / "small_shop.yaml")
    assert document["code"] == DEFAULT_CODE
    texts = {i["code"]: i["text"] for i in document["items"]}
    for code, words in DOMAIN_ITEMS.items():  # every hazard item of docs/domain.md
        assert words in texts[code], code
    assert checklist.template_data() == document  # the demo reads the same file

    (row,) = server_rows(server, "checklist_template", code=DEFAULT_CODE, version=1)
    assert row["title"] == document["title"]
    a = synced_terminal(tmp_path, market, "i1", server.url)
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
        (r["version"], r["title"]) for r in server_rows(server, "checklist_template", code=imported)
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
