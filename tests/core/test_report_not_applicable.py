"""The 10-minute response rate of a month without urgent tickets does not apply: it reads "—"
with why (无紧急工单), in the figures and in every file, never 100%."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pypdf
import pytest

from gridterm.reports.document import DASH, NotApplicable
from gridterm.reports.monthly_doc import monthly_document
from gridterm.services.reports import Reports

QUIET_MONTH = "2026-10"  # before the fixture's day of work: no ticket at all


@pytest.fixture
def reports(worked) -> Reports:
    return Reports(worked.session("s1"))


def test_the_share_of_no_urgent_ticket_is_not_applicable(reports) -> None:
    quiet = reports.monthly(QUIET_MONTH).tickets
    assert (quiet.urgent, quiet.promise_kept, quiet.promise_share) == (0, 0, None)
    worked = reports.monthly("2026-11").tickets
    assert (worked.urgent, worked.promise_share) == (1, 1.0)  # one, answered in 5 minutes


@pytest.mark.parametrize(
    ("locale", "name", "reason"),
    [
        ("zh_CN", "10分钟响应率", "无紧急工单"),
        ("en", "10-minute promise kept", "No urgent tickets"),
    ],
)
def test_the_xlsx_reads_a_dash_with_a_comment(reports, tmp_path: Path, locale, name, reason):
    m = reports.monthly(QUIET_MONTH)
    path = reports.export(m, "xlsx", tmp_path / "m.xlsx", locale=locale)
    summary = openpyxl.load_workbook(path).worksheets[0]
    (row,) = [r for r in summary.iter_rows() if r[0].value == name]
    assert row[1].value == DASH
    assert row[1].comment is not None and reason in row[1].comment.text
    # a month with urgent tickets keeps its number, a share Excel formats as a percentage
    path = reports.export(reports.monthly("2026-11"), "xlsx", tmp_path / "n.xlsx", locale=locale)
    summary = openpyxl.load_workbook(path).worksheets[0]
    (row,) = [r for r in summary.iter_rows() if r[0].value == name]
    assert row[1].value == 1 and row[1].number_format == "0.0%" and row[1].comment is None


def test_the_pdf_reads_a_dash_and_says_why(reports, tmp_path: Path) -> None:
    path = reports.export(reports.monthly(QUIET_MONTH), "pdf", tmp_path / "m.pdf")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
    assert f"10分钟响应率: {DASH} 无紧急工单" in text
    figures = text.split("10分钟响应率", 1)[1].split("\n", 1)[0]
    assert "100.0%" not in figures, figures
    worked = reports.export(reports.monthly("2026-11"), "pdf", tmp_path / "n.pdf")
    assert "无紧急工单" not in "\n".join(p.extract_text() for p in pypdf.PdfReader(worked).pages)


def test_the_json_and_the_document_say_not_applicable(reports, tmp_path: Path) -> None:
    m = reports.monthly(QUIET_MONTH)
    data = json.loads(reports.export(m, "json", tmp_path / "m.json").read_text(encoding="utf-8"))
    assert data["tickets"]["promise_share"] is None
    figures = {k: v for k, v, _ in monthly_document(m, "zh_CN").figures}
    assert figures["10分钟响应率"] == NotApplicable("无紧急工单")
