"""How ``gridterm-server`` behaves for an operator: options anywhere, PINs never on the command
line, tables and JSON, one line for a known error, no traceback on a closed pipe."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from sync.server.admin import territory
from sync.server.cli import main
from sync.server.cli_common import EXIT_BROKEN_PIPE
from sync.server.db import schema
from sync.server.db.engine import make_engine, reading, writing
from tests.server.helpers import PIN

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A SQLite server database with one grid (街道/社区/一网格)."""
    path = str(tmp_path / "server.db")
    assert main(["admin", "add-grid", "街道", "社区", "一网格", "--db", path]) == 0
    return path


def _add_user(db: str, worker: str, pin_file: Path, *extra: str) -> int:
    argv = ["admin", "add-user", worker, "--name", "张三", "--role", "grid_worker"]
    return main([*argv, "--community", "社区", "--pin-file", str(pin_file), "--db", db, *extra])


def _count(db: str, table) -> int:
    engine = make_engine(db)
    with reading(engine) as conn:
        n = conn.execute(select(func.count()).select_from(table)).scalar_one()
    engine.dispose()
    return n


def test_db_and_json_before_or_after_the_sub_command(db, tmp_path, capsys):
    (tmp_path / "pin").write_text(PIN)
    assert _add_user(db, "w1", tmp_path / "pin") == 0
    capsys.readouterr()
    for argv in (
        ["--db", db, "--json", "admin", "list-users"],
        ["admin", "--db", db, "list-users", "--json"],
        ["admin", "list-users", "--json", "--db", db],
    ):
        assert main(argv) == 0
        assert [u["worker_id"] for u in json.loads(capsys.readouterr().out)] == ["w1"]


def test_tables_have_headers_and_json_is_for_scripts(db, tmp_path, capsys):
    (tmp_path / "pin").write_text(PIN)
    capsys.readouterr()
    assert _add_user(db, "w1", tmp_path / "pin", "--json") == 0
    added = json.loads(capsys.readouterr().out)
    assert added["worker_id"] == "w1" and len(added["id"]) == 36
    assert main(["admin", "assign", "w1", "一网格", "--db", db]) == 0
    assert main(["admin", "list-users", "--db", db]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split() == ["WORKER", "ID", "NAME", "ROLE", "ACTIVE", "GRIDS"]
    assert row.split() == ["w1", "张三", "grid_worker", "yes", "一网格"]
    # columns line up in display cells (a Chinese character is two)
    assert header.index("ROLE") == row.index("grid_worker") + 2
    assert main(["admin", "list-grids", "--db", db, "--json"]) == 0
    (grid,) = json.loads(capsys.readouterr().out)
    assert grid["grid"] == "一网格" and grid["holders"] == ["w1"]
    assert main(["admin", "enroll-code", "--count", "2", "--json", "--db", db]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_a_pin_from_stdin_a_file_or_a_prompt_never_the_command_line(db, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{PIN}\n"))
    assert _add_user(db, "w1", Path("-")) == 0
    with pytest.raises(SystemExit):  # --pin is gone: argparse refuses it
        main(["admin", "set-pin", "w1", "--pin", PIN, "--db", db])

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter(["246810", "246810", "135790", "999999"])
    monkeypatch.setattr(sys, "stdin", Tty())
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    assert main(["admin", "set-pin", "w1", "--db", db]) == 0
    assert main(["admin", "set-pin", "w1", "--db", db]) == 1  # the two differ

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # a script without --pin-file
    assert main(["admin", "set-pin", "w1", "--db", db]) == 1
    from sync.server.auth.credentials import verify_pin

    engine = make_engine(db)
    with reading(engine) as conn:
        stored = conn.execute(select(schema.user.c.pin_hash)).scalar_one()
    engine.dispose()
    assert verify_pin(stored, "246810")


def test_a_closed_pipe_ends_quietly(db, tmp_path):
    engine = make_engine(db)
    with writing(engine) as conn:  # enough rows to fill the pipe's buffer
        office = territory.street_office(conn, "街道")
        community = territory.community(conn, office, "社区")
        for n in range(1500):
            territory.grid(conn, community, f"网格{n}", "residential")
    engine.dispose()
    child = subprocess.Popen(
        [sys.executable, "-m", "sync.server.cli", "admin", "list-grids", "--db", db],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout.readline().split() == [b"ID", b"COMMUNITY", b"GRID", b"HELD", b"BY"]
    child.stdout.close()  # as `| head -1` does
    assert child.wait(timeout=60) == EXIT_BROKEN_PIPE
    assert child.stderr.read() == b""


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("nosuch://x", "bad database URL"),
        ("postgresql://nobody@127.0.0.1:1/none", "cannot use the database"),
    ],
)
def test_a_bad_or_unreachable_database_is_one_line_and_exit_2(url, says, capsys):
    assert main(["admin", "list-users", "--db", url]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_demo_refuses_a_database_that_holds_data(db, capsys):
    users = _count(db, schema.user)
    assert main(["demo", "--db", db, "--households", "10"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "already holds data" in err
    assert _count(db, schema.user) == users


HEADER = ["街道", "社区", "网格", "楼栋", "单元", "楼层", "房号", "户电话", "姓名", "性别"]
HEADER += ["出生日期", "党员"]


def _register(tmp_path: Path, *rows: list) -> Path:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    path = tmp_path / "register.xlsx"
    book.save(path)
    return path


def test_typed_xlsx_cells_are_read_as_their_text(db, tmp_path, capsys):
    path = _register(
        tmp_path,
        # a real date cell, numbers for building/unit/floor/room/phone, a boolean cell
        ["街道", "社区", "一网格", 3, 2, 5.0, 501, 13800138000, "张三", "男",
         dt.datetime(1948, 5, 1), True],
    )  # fmt: skip
    assert main(["admin", "import-register", str(path), "--db", db]) == 0
    engine = make_engine(db)
    with reading(engine) as conn:
        household = conn.execute(select(schema.household)).one()
        resident = conn.execute(select(schema.resident)).one()
    engine.dispose()
    assert (household.address, household.phone) == ("3-2-501", "13800138000")
    assert resident.birth_date == "1948-05-01" and resident.party_member


def test_rejected_rows_fail_the_import_unless_partial_is_allowed(db, tmp_path, capsys):
    good = ["街道", "社区", "一网格", "3", "2", "5", "501", "", "张三", "男", "", ""]
    bad = ["街道", "社区", "一网格", "3", "2", "x", "502", "", "", "", "", ""]
    path = _register(tmp_path, good, bad)
    assert main(["admin", "import-register", str(path), "--db", db]) == 1
    captured = capsys.readouterr()
    assert "row 3: field.not_number" in captured.out and "nothing imported" in captured.err
    assert _count(db, schema.household) == 0
    assert main(["admin", "import-register", str(path), "--db", db, "--allow-partial"]) == 0
    assert _count(db, schema.household) == 1
    capsys.readouterr()
    assert main(["admin", "--json", "import-register", str(path), "--db", db]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["imported"] is False and report["rejected"][0]["row"] == 3
