"""Start-up does no work that can wait; ``gridterm app`` has its options; the app really runs."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

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


def test_the_app_starts_paints_the_login_and_quits(db_path: Path, tmp_path: Path) -> None:
    env = dict(os.environ, GRIDTERM_BENCH="start", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-m", "ui", "--db", str(db_path), "--settings", str(tmp_path / "s.ini")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    marks = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    assert marks[0]["mark"] == "login_painted"


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
