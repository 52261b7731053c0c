"""Start-up does no work that can wait; ``gridterm app`` has its options; the app really runs."""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from tests.conftest import PIN
from ui.app import APP_ICON, set_identity
from ui.cli import add_parser

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_sub_command_has_demo_and_db() -> None:
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["app", "--db", "/tmp/x.db", "--lang", "en"])
    assert (args.db, args.demo, args.lang) == (Path("/tmp/x.db"), False, "en")
    assert parser.parse_args(["app", "--demo"]).demo is True


def test_the_login_screen_needs_no_database_pinyin_or_event_loop() -> None:
    # Everything listed loads after the login is painted (or at login): start-up stays fast.
    code = (
        "import sys, ui.app, ui.main_window;"
        "print(sorted(m for m in ('pypinyin', 'gridterm.store', 'sqlcipher3', 'sqlite_utils',"
        " 'asyncio', 'qasync', 'gridterm.services.session', 'PySide6.QtMultimedia')"
        " if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.stdout.strip() == "[]", out.stderr


def _run_app(
    program: list[str], db_path: Path, tmp_path: Path, timeout: int = 60, **env: str
) -> tuple[subprocess.CompletedProcess[str], list[dict[str, Any]]]:
    """Run the app offscreen on the test's database; returns the process and its marks."""
    environ = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env)
    if "GRIDTERM_BENCH" not in env:
        environ.pop("GRIDTERM_BENCH", None)
    out = subprocess.run(
        [*program, "--db", str(db_path), "--settings", str(tmp_path / "s.ini")],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert out.returncode == 0, out.stderr
    marks = [json.loads(line) for line in out.stdout.splitlines() if line.startswith('{"mark"')]
    return out, marks


def test_the_app_starts_paints_the_login_and_quits(db_path: Path, tmp_path: Path) -> None:
    _, marks = _run_app([sys.executable, "-m", "ui"], db_path, tmp_path, GRIDTERM_BENCH="start")
    assert marks[0]["mark"] == "login_painted"


def test_the_start_check_logs_in_and_paints_today(db_path: Path, tmp_path: Path) -> None:
    # what the bundle's smoke test runs (packaging/bundle.py)
    out, marks = _run_app(
        [sys.executable, "-m", "ui"],
        db_path,
        tmp_path,
        120,
        GRIDTERM_BENCH="today",
        GRIDTERM_BENCH_LOGIN=f"w1:{PIN}",
    )
    done = [m["results"] for m in marks if m["mark"] == "done"]
    assert done and "login_to_today_s" in done[0], out.stdout


def test_the_bench_driver_runs_today_a_building_and_searches(db_path: Path, tmp_path: Path) -> None:
    # GRIDTERM_BENCH=full broke when the search box's wait lost its QTimer ('_timer'): the
    # driver now waits for the register's own answer (Latest.delivered)
    driver = [sys.executable, str(ROOT / "bench" / "ui_driver.py")]
    out, marks = _run_app(driver, db_path, tmp_path, 180, GRIDTERM_BENCH_LOGIN=f"w1:{PIN}")
    done = [m["results"] for m in marks if m["mark"] == "done"]
    assert done, out.stdout + out.stderr
    results = done[0]
    assert results["search_debounce_ms"] == 120
    assert results["building_households"] == 4
    assert results["search_hits"]["王"] >= 1  # 王秀英 of 501
    assert "Traceback" not in out.stderr, out.stderr


def test_the_shipped_app_imports_nothing_from_bench() -> None:
    # bench/ui_driver.py attaches itself through ui.app.main(on_window=...); the ui package
    # (what the bundle ships) never names it
    for path in (ROOT / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not [n for n in names if n.split(".")[0] in ("bench", "ui_driver")], path


def test_a_settings_file_with_a_garbled_version_still_opens(tmp_path: Path) -> None:
    # the version was read with int(): a hand-edited or half-written file stopped the app
    from ui.settings import LANGUAGE, SETTINGS_VERSION, AppSettings

    path = tmp_path / "ui.ini"
    path.write_text("[settings]\nversion=abc\n[ui]\nlanguage=en\n", encoding="utf-8")
    settings = AppSettings(path)
    assert settings.get(LANGUAGE) == "en"
    assert settings.qsettings.value("settings/version") in (SETTINGS_VERSION, str(SETTINGS_VERSION))


def test_the_app_has_its_icon(qapp: QApplication) -> None:
    set_identity(qapp)
    assert APP_ICON.is_file()
    pixmap = qapp.windowIcon().pixmap(64, 64)
    assert not pixmap.isNull()
    # the icon's blue field, not a blank or a broken-image placeholder
    assert pixmap.toImage().pixelColor(32, 5).name() == "#1557a0"
