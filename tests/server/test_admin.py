"""``gridterm-server`` admin, migrate, serve and demo commands, end to end."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import httpx
import pytest
import yaml
from openpyxl import Workbook
from sqlalchemy import func, select

from gridterm.errors import NotFoundError
from sync.server.admin import territory
from sync.server.cli import main
from sync.server.db import schema
from tests.server.helpers import PIN, Client
from tests.server.serving import serving


def _db(server) -> list[str]:
    return ["--db", server.engine.url.render_as_string(hide_password=False)]


def _rows(server, table, **where):
    query = select(table)
    for name, value in where.items():
        query = query.where(table.c[name] == value)
    with server.engine.connect() as conn:
        return conn.execute(query).all()


HEADER = [
    "街道",
    "社区",
    "网格",
    "楼栋",
    "单元",
    "楼层",
    "房号",
    "户电话",
    "重点户",
    "党员户",
    "姓名",
    "性别",
    "出生日期",
    "身份证号",
]


def _sheet(tag: str) -> list[list[str]]:
    office, community = f"导入街道{tag}", f"导入社区{tag}"
    return [
        HEADER,
        [
            office,
            community,
            f"一网格{tag}",
            "3",
            "2",
            "5",
            "501",
            "13800138000",
            "独居老人",
            "否",
            "张三",
            "男",
            "1948-05-01",
            "",
        ],
        [office, community, f"一网格{tag}", "3", "2", "5", "501", "", "", "", "张四", "女", "", ""],
        [office, community, f"一网格{tag}", "3", "2", "6", "601", "12345", "", "", "", "", "", ""],
        [office, community, f"一网格{tag}", "3", "2", "6", "602", "", "外星人", "", "", "", "", ""],
        [office, community, f"二网格{tag}", "1", "1", "x", "101", "", "", "", "", "", "", ""],
        [
            office,
            community,
            f"二网格{tag}",
            "1",
            "1",
            "1",
            "102",
            "",
            "",
            "是",
            "李四",
            "男",
            "",
            "110101199003071234",
        ],
        [office, "", f"二网格{tag}", "1", "1", "1", "103", "", "", "", "", "", "", ""],
    ]


def _check_import(server, tag, out: str, report: Path) -> None:
    assert "5 households" not in out
    households = _rows(server, schema.household)
    grid = _rows(server, schema.grid, name=f"一网格{tag}")[0]
    mine = [h for h in households if h.grid_id == grid.id]
    assert {h.room for h in mine} == {"501"}
    assert mine[0].key_reasons == '["elderly_alone"]' and mine[0].address == "3-2-501"
    residents = _rows(server, schema.resident, household_id=mine[0].id)
    assert {r.name for r in residents} == {"张三", "张四"}
    rejected = report.read_text(encoding="utf-8-sig").splitlines()[1:]
    codes = sorted(line.split(",")[1] for line in rejected)
    assert codes == sorted(
        [
            "field.bad_phone",
            "field.invalid_choice",
            "field.not_number",
            "field.bad_id_number",
            "field.required",
        ]
    )
    assert {line.split(",")[0] for line in rejected} == {"4", "5", "6", "7", "8"}


def test_territory_is_found_by_name_before_anything_is_created(server):
    """Each level asked for twice is one row, logged once in its partition: an area its own,
    numbered; a building or a unit its grid's."""
    tag = secrets.token_hex(3)
    made = []
    with server.engine.begin() as conn:
        for _ in range(2):
            office = territory.street_office(conn, f"街道{tag}")
            community = territory.community(conn, office, f"社区{tag}")
            grid = territory.grid(conn, community, f"网格{tag}")
            building = territory.building(conn, grid, "7", floors=0)
            unit = territory.unit(conn, building, "1")
            made.append((office, community, grid, building, unit))
        assert territory.find_grid(conn, f"网格{tag}") == grid
        assert territory.find_community(conn, community) == community
        with pytest.raises(NotFoundError) as missing:
            territory.find_street_office(conn, f"别处{tag}")
        assert missing.value.code == "street_office.not_found"
    assert made[0] == made[1]
    log = schema.change_log
    with server.engine.connect() as conn:
        logged = conn.execute(
            select(log.c.entity, log.c.partition).where(log.c.entity_id.in_(made[0]))
        ).all()
    office_num, community_num, grid_num = (
        _rows(server, table, id=row_id)[0].num
        for table, row_id in zip(
            (schema.street_office, schema.community, schema.grid), made[0][:3], strict=True
        )
    )
    assert sorted(logged) == sorted(
        [
            ("street_office", f"s{office_num}"),
            ("community", f"c{community_num}"),
            ("grid", f"g{grid_num}"),
            ("building", f"g{grid_num}"),
            ("unit", f"g{grid_num}"),
        ]
    )
    assert _rows(server, schema.building, id=made[0][3])[0].floors == 1
    assert _rows(server, schema.unit, id=made[0][4])[0].grid_id == made[0][2]


def _import_partially(server, path: Path, report: Path) -> int:
    argv = ["import-register", str(path), "--report", str(report), "--allow-partial"]
    return main(["admin", *_db(server), *argv])


def test_import_register_from_csv_with_a_report(server, tmp_path, capsys):
    tag = secrets.token_hex(3)
    path = tmp_path / "register.csv"
    path.write_text("\n".join(",".join(r) for r in _sheet(tag)), encoding="utf-8-sig")
    report = tmp_path / "rejected.csv"
    assert _import_partially(server, path, report) == 0
    out = capsys.readouterr().out
    assert "7 rows: 1 households and 2 residents added, 5 rows rejected" in out
    _check_import(server, tag, out, report)


def test_import_register_from_xlsx(server, tmp_path, capsys):
    tag = secrets.token_hex(3)
    book = Workbook()
    for row in _sheet(tag):
        book.active.append(row)
    path = tmp_path / "register.xlsx"
    book.save(path)
    report = tmp_path / "rejected.csv"
    assert _import_partially(server, path, report) == 0
    _check_import(server, tag, capsys.readouterr().out, report)


def _add_user(db: list[str], worker: str, name: str, pin_file: Path, *more: str) -> int:
    """``admin add-user`` of a grid worker, the PIN read from ``pin_file``."""
    argv = ["add-user", worker, "--name", name, "--role", "grid_worker"]
    return main(["admin", *db, *argv, "--pin-file", str(pin_file), *more])


def test_users_grids_codes_and_revocation(server, tmp_path, capsys):
    tag = secrets.token_hex(3)
    db = _db(server)
    pin_file, short_pin, new_pin = tmp_path / "pin", tmp_path / "short", tmp_path / "new"
    pin_file.write_text(f"{PIN}\n")
    short_pin.write_text("12\n")
    new_pin.write_text("975310\n")
    assert main(["admin", *db, "add-grid", f"街道{tag}", f"社区{tag}", f"甲{tag}"]) == 0
    assert main(["admin", *db, "add-grid", f"街道{tag}", f"社区{tag}", f"乙{tag}"]) == 0
    community = f"社区{tag}"
    for worker in (f"a{tag}", f"b{tag}"):
        assert _add_user(db, worker, "测试", pin_file, "--community", community) == 0
    assert _add_user(db, f"c{tag}", "x", short_pin) == 1  # no community, short PIN
    assert main(["admin", *db, "assign", f"a{tag}", f"甲{tag}"]) == 0
    capsys.readouterr()
    assert main(["admin", *db, "enroll-code"]) == 0
    code = capsys.readouterr().out.strip()
    c = Client(server.url)
    assert c.enroll(code).status_code == 200
    assert c.login(f"a{tag}").status_code == 200
    assert len(c.user["grid_ids"]) == 1
    _, cursor = c.pull_all()

    assert main(["admin", *db, "reassign", f"甲{tag}", "--to", f"b{tag}"]) == 0
    pulled, _ = c.pull_all(cursor)
    assert [r["reason"] for r in pulled["removals"]] == ["out_of_scope"]
    assert main(["admin", *db, "list-grids"]) == 0
    assert f"甲{tag}" in capsys.readouterr().out

    assert main(["admin", *db, "revoke", "--user", f"a{tag}"]) == 0
    assert c.pull().status_code == 401
    assert c.login(f"a{tag}").status_code == 200
    assert main(["admin", *db, "revoke", "--device", c.device_id]) == 0
    assert c.pull().status_code == 401
    assert main(["admin", *db, "set-pin", f"b{tag}", "--pin-file", str(new_pin)]) == 0
    other = Client(server.url)
    capsys.readouterr()
    main(["admin", *db, "enroll-code"])
    other.enroll(capsys.readouterr().out.strip())
    assert other.login(f"b{tag}", "975310").status_code == 200
    assert main(["admin", *db, "set-role", f"b{tag}", "community_supervisor"]) == 0
    assert other.pull().status_code == 401  # sessions end with the role change
    assert other.login(f"b{tag}", "975310").json()["user"]["role"] == "community_supervisor"
    assert len(other.user["grid_ids"]) == 2  # a supervisor sees the whole community
    assert main(["admin", *db, "list-users"]) == 0
    assert main(["admin", *db, "list-devices"]) == 0
    capsys.readouterr()
    assert main(["admin", *db, "prune"]) == 0
    assert "superseded change-log entries" in capsys.readouterr().out


def test_checklist_templates_from_yaml_json_xlsx(server, tmp_path, capsys):
    tag = secrets.token_hex(3)
    doc = {
        "code": f"fire{tag}",
        "version": 1,
        "title": "消防",
        "items": [{"code": "ext", "text": "灭火器过期", "severity": "minor"}],
    }
    (tmp_path / "t.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    db = _db(server)
    assert main(["admin", *db, "import-template", str(tmp_path / "t.yaml")]) == 0
    assert main(["admin", *db, "import-template", str(tmp_path / "t.yaml")]) == 0  # same again
    changed = {**doc, "title": "改了"}
    (tmp_path / "t.json").write_text(json.dumps(changed), encoding="utf-8")
    assert main(["admin", *db, "import-template", str(tmp_path / "t.json")]) == 1  # v1 is fixed
    (tmp_path / "t2.json").write_text(json.dumps({**changed, "version": 2}), encoding="utf-8")
    assert main(["admin", *db, "import-template", str(tmp_path / "t2.json")]) == 0
    book = Workbook()
    book.active.append(
        [
            "template_code",
            "template_version",
            "template_title",
            "code",
            "text",
            "severity",
            "deadline_days",
        ]
    )
    book.active.append([f"gas{tag}", 1, "液化气", "cyl", "气瓶存放不当", "critical", 3])
    book.active.append(["", "", "", "hose", "软管老化", "major", 7])
    book.save(tmp_path / "gas.xlsx")
    assert main(["admin", *db, "import-template", str(tmp_path / "gas.xlsx")]) == 0
    stored = _rows(server, schema.checklist_template, code=f"gas{tag}")
    assert [i["code"] for i in json.loads(stored[0].items)] == ["cyl", "hose"]
    (tmp_path / "bad.yaml").write_text("code: x\nversion: 1\ntitle: t\nitems: []\n")
    assert main(["admin", *db, "import-template", str(tmp_path / "bad.yaml")]) == 1


def test_serve_migrates_sqlite_on_start_and_answers(tmp_path):
    with serving(tmp_path / "fresh.db") as (url, _proc):
        r = httpx.get(f"{url}/healthz", timeout=2)
    assert r.json() == {"status": "ok", "protocol": 1, "database": "sqlite"}


def test_serve_refuses_an_unmigrated_postgres(pg_server, capsys):
    url = pg_server.engine.url.render_as_string(hide_password=False)
    empty = url.rsplit("/", 1)[0] + "/postgres"
    # the admin database has no GridTerm schema: serve must refuse, not create one by surprise
    assert main(["serve", "--db", empty, "--port", "1"]) == 2
    assert "gridterm-server migrate" in capsys.readouterr().err
    assert main(["migrate", "--db", url]) == 0


def test_demo_seeds_from_the_terminal_generator(tmp_path, capsys):
    pytest.importorskip("gridterm.demo.generator")
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db), "--households", "60", "--codes", "1"]) == 0
    out = capsys.readouterr().out
    code = out.strip().splitlines()[-1].strip()
    worker, *_rest, pin = next(
        line.split("\t") for line in out.splitlines() if "\tgrid_worker\t" in line
    )
    from sync.server.db.engine import make_engine

    engine = make_engine(str(db))
    with engine.connect() as conn:
        households = conn.execute(select(func.count()).select_from(schema.household)).scalar()
        logged = conn.execute(select(func.count()).select_from(schema.change_log)).scalar()
    engine.dispose()
    assert households >= 60 and logged > households
    with serving(db) as (url, _proc):
        c = Client(url)
        assert c.enroll(code).status_code == 200
        assert c.login(worker.strip(), pin.strip()).status_code == 200
        pulled, _ = c.pull_all()
        assert any(e == "household" for e, _ in pulled["changes"])
