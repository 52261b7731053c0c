"""No plaintext in the temp folder while a report is exported (issue 16): every file created,
renamed or removed under the temp folder during an export is read just before it goes, and
none may hold the report's names and addresses. XlsxWriter wrote each part of the workbook to
a temp file unless told ``in_memory``; ReportLab writes the PDF itself."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from gridterm.services.reports import Reports
from tests.core.conftest import worked  # noqa: F401 - the fixture
from tests.core.helpers import DAY
from tests.security.scan import Leak, markers, scan, watch

#: What the daily log of the fixture holds: a worker's name and household addresses.
MARKERS = markers("用户w1", "3-2-501", "3-2-502")


@pytest.fixture
def watched_temp(tmp_path, monkeypatch) -> Iterator[list[Leak]]:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    with watch([temp], MARKERS) as w:
        yield w.leaks
    assert scan([temp], MARKERS) == []


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
