"""``gridterm report``: unlock with the PIN, write the file, refuse bad input cleanly."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from gridterm.cli import main
from tests.conftest import PIN


@pytest.fixture
def db(worked, monkeypatch) -> Path:
    # the CLI's "now" is the real clock: the worked day lies in the past
    path = worked.store.path
    worked.store.close()
    monkeypatch.setenv("GRIDTERM_PIN", PIN)
    return path


def report(db: Path, out: Path, words: str) -> int:
    """Run ``gridterm report`` with ``words`` (space-separated) on ``db`` into ``out``."""
    return main(["report", *words.split()[:1], "--db", str(db), "--out", str(out),
                 *words.split()[1:]])  # fmt: skip


def test_a_grid_worker_gets_no_report(db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "d.xlsx"
    assert report(db, out, "daily --date 2026-11-20 --worker-id w1 --format xlsx") == 2
    assert "report.role_not_allowed" in capsys.readouterr().err
    assert not out.exists()


def test_bad_input_is_refused_and_nothing_is_written(db: Path, tmp_path: Path, capsys) -> None:
    cases = [
        ("--date 2026-02-30 --format pdf", "report.bad_date"),
        ("--date 2099-01-01 --format pdf", "report.future_period"),
        ("--date 2026-11-20 --format docx", "report.bad_format"),
        ("--date 2026-11-20 --format pdf --community c2", "report.role_not_allowed"),
    ]
    for words, code in cases:
        assert report(db, tmp_path / "x.pdf", f"daily --worker-id w1 {words}") == 2
        assert code in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))


def test_wrong_pin_is_refused(db: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GRIDTERM_PIN", "000000")
    words = "monthly --month 2026-11 --worker-id w1 --format json"
    assert report(db, tmp_path / "m.json", words) == 2
    assert "store.wrong_pin" in capsys.readouterr().err


def test_monthly_of_the_supervisor(db: Path, tmp_path: Path, capsys) -> None:
    # the territory fixture's key ring only knows w1; give the supervisor the same key
    from gridterm.store import keys

    ring = keys.KeyRing.load(db)
    ring.add("s1", PIN, ring.unwrap("w1", PIN), keys.FAST_KDF)
    out = tmp_path / "m.xlsx"
    words = "monthly --month 2026-11 --worker-id s1 --format xlsx --lang en"
    assert report(db, out, words) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert openpyxl.load_workbook(out).sheetnames[0] == "Summary"
