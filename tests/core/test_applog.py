"""The terminal's log file and crash reports, clear lines for a missing extra, and a server that
runs without the terminal's packages."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gridterm import applog

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
             "GRIDTERM_LOG_DIR": str(tmp_path / "logs"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip


@pytest.fixture
def root_logger():
    """The root logger's handlers and level as they were, after the test."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers[len(handlers) :]:
        handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_the_log_rotates_in_the_log_folder_and_masks_numbers(tmp_path, monkeypatch, root_logger):
    monkeypatch.setenv("GRIDTERM_LOG_DIR", str(tmp_path))
    path = applog.setup_logging("INFO")
    assert path == tmp_path / "gridterm.log"
    logging.getLogger("gridterm.test").info("call %s about %s", "13800138000", "110101199003071234")
    text = path.read_text(encoding="utf-8")
    assert "13800138000" not in text and "110101199003071234" not in text
    assert "call ########### about ##################" in text
    (rotating,) = [h for h in root_logger.handlers if hasattr(h, "maxBytes")]
    assert (rotating.maxBytes, rotating.backupCount) == (applog.MAX_BYTES, applog.BACKUPS)


def test_the_default_folder_is_the_platforms(monkeypatch):
    monkeypatch.delenv("GRIDTERM_LOG_DIR", raising=False)
    import platformdirs

    assert applog.log_dir() == platformdirs.user_log_path("gridterm", appauthor=False)


def test_a_crash_at_start_up_leaves_a_report_and_one_line(tmp_path):
    # the app started from a checkout whose translations were never compiled
    (tmp_path / "empty").mkdir()
    code = (
        "import sys; from pathlib import Path; import ui.i18n as i;"
        f"i.TRANSLATIONS_DIR = Path({str(tmp_path / 'empty')!r});"
        "from gridterm.cli import main; sys.exit(main(['app', '--demo']))"
    )
    done = _python(code, tmp_path)
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("GridTerm could not start: cannot load") and "crash-" in line
    (report,) = (tmp_path / "logs").glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "TranslationsMissingError" in text and "Traceback" in text and "Python 3." in text
    assert "GridTerm starting" in (tmp_path / "logs" / "gridterm.log").read_text()


@pytest.mark.parametrize(
    ("blocked", "argv", "says"),
    [
        ("PySide6", "from gridterm.cli import main; sys.exit(main(['app']))", "gridterm[ui]"),
        ("fastapi", "from sync.server.cli import main; sys.exit(main(['serve']))",
         "gridterm[server]"),
    ],
)  # fmt: skip
def test_a_missing_extra_is_named_in_one_line(tmp_path, blocked, argv, says):
    done = _python(f"import sys; sys.modules[{blocked!r}] = None; {argv}", tmp_path)
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert says in line and "Traceback" not in done.stderr


def test_the_server_runs_without_the_terminals_packages(tmp_path):
    terminal_only = ["sqlcipher3", "pypinyin", "platformdirs", "PySide6",
                     "qasync", "requests", "PIL"]  # fmt: skip
    db = str(tmp_path / "server.db")
    code = (
        f"import sys\nfor m in {terminal_only!r}: sys.modules[m] = None\n"
        "from sync.server.cli import main\nfrom sync.server.app import create_app\n"
        f"assert main(['migrate', '--db', {db!r}]) == 0\n"
        f"assert main(['admin', 'add-grid', 'A', 'B', 'C', '--db', {db!r}]) == 0\n"
        f"assert main(['admin', 'list-grids', '--db', {db!r}]) == 0\n"
        "from sync.server.settings import Settings\n"
        f"create_app(Settings(db={db!r}, blob_dir={str(tmp_path / 'b')!r}))\n"
    )
    done = _python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "C" in done.stdout.splitlines()[-1]
