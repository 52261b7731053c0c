"""No plaintext in the temp folder while a report is exported (issue 16): every file created,
renamed or removed under the temp folder during an export is read just before it goes, and
none may hold the report's names and addresses. XlsxWriter wrote each part of the workbook to
a temp file unless told ``in_memory``; ReportLab writes the PDF itself."""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

import pytest

from gridterm.services.reports import Reports
from tests.core.conftest import worked  # noqa: F401 - the fixture
from tests.core.helpers import DAY

#: What the daily log of the fixture holds: a worker's name and household addresses.
MARKERS = ("用户w1".encode(), b"3-2-501", b"3-2-502")

_watch: dict[str, object] = {}
_inside = threading.local()


def _read(path: object) -> bytes:
    try:
        with open(path, "rb") as f:  # type: ignore[call-overload]
            return f.read()
    except (OSError, TypeError, ValueError):
        return b""


def _hook(event: str, args: tuple) -> None:
    root = _watch.get("root")
    if root is None or getattr(_inside, "busy", False):
        return
    if event not in ("os.remove", "os.rename", "open"):
        return
    path = args[0]
    if not isinstance(path, str | bytes | Path) or not str(path).startswith(str(root)):
        return
    _inside.busy = True
    try:
        data = _read(path)
        found = [m for m in MARKERS if m in data]
        if found:
            _watch["leaks"].append((event, str(path), found))  # type: ignore[attr-defined]
    finally:
        _inside.busy = False


sys.addaudithook(_hook)  # cannot be removed: it does nothing unless a test sets a root


@pytest.fixture
def watched_temp(tmp_path, monkeypatch) -> list:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    leaks: list = []
    _watch.update(root=temp, leaks=leaks)
    yield leaks
    _watch.clear()
    for path in temp.rglob("*"):
        data = _read(path) if path.is_file() else b""
        assert not any(m in data for m in MARKERS), path


@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "csv", "json"])
def test_an_export_leaves_nothing_readable_in_the_temp_folder(
    worked,  # noqa: F811
    watched_temp,
    tmp_path: Path,
    fmt: str,
) -> None:
    reports = Reports(worked.session("s1"))
    out = tmp_path / "out"
    out.mkdir()
    path = reports.export(reports.daily(DAY), fmt, out / f"daily.{fmt}")
    assert path.exists()
    assert watched_temp == []
