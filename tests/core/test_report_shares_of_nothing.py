"""A monthly figure measured over nothing does not apply: the key-household coverage of an
area without key households (it read 100%), the escalation share of a month without tickets
(it read 0%), the time to close of a month without a ticket closed (it read blank). Each reads
"—" with why, in the figures and in every file, as the 10-minute rate does."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema_rs
import openpyxl
import pypdf
import pytest

from gridterm.reports.document import DASH, NotApplicable
from gridterm.reports.monthly_doc import monthly_document
from gridterm.services.reports import Reports

MONTH = "2026-11"
SCHEMA = Path(__file__).parents[2] / "gridterm" / "reports" / "schemas" / "monthly.schema.json"

#: (figure, why it does not apply) in both languages, for the area with nothing in it
NOTHING = {
    "zh_CN": [
        ("重点户走访覆盖", "无重点户"),
        ("上报上级占比", "无上报工单"),
        ("平均办结时长（小时）", "无销号工单"),
        ("90%办结时长（小时）", "无销号工单"),
        ("10分钟响应率", "无紧急工单"),
    ],
    "en": [
        ("Key-household coverage", "No key households"),
        ("Escalation share", "No tickets reported"),
        ("Mean time to close (h)", "No tickets closed"),
        ("90th percentile time to close (h)", "No tickets closed"),
        ("10-minute promise kept", "No urgent tickets"),
    ],
}


@pytest.fixture
def empty(territory) -> Reports:
    """A community with its grids and workers, but no household and no ticket yet."""
    return Reports(territory.session("s1"))


@pytest.fixture
def reports(worked) -> Reports:
    """One key household (never visited this month), one ticket (not escalated, not closed)."""
    return Reports(worked.session("s1"))


def test_a_share_of_nothing_is_none(empty) -> None:
    nothing = empty.monthly(MONTH)
    assert (nothing.coverage.households, nothing.coverage.share) == (0, None)
    assert (nothing.tickets.reported, nothing.tickets.escalation_share) == (0, None)


def test_a_share_of_something_stays_a_number(reports, tmp_path: Path) -> None:
    """One key household not visited, one ticket not escalated: 0%, not "—", everywhere."""
    m = reports.monthly(MONTH)
    assert (m.coverage.households, m.coverage.share) == (1, 0.0)
    assert (m.tickets.reported, m.tickets.escalation_share) == (1, 0.0)
    for locale in ("zh_CN", "en"):
        figures = {k: v for k, v, _ in monthly_document(m, locale).figures}
        (coverage, _), (escalation, _) = NOTHING[locale][:2]
        assert (figures[coverage], figures[escalation]) == (0.0, 0.0)
        path = reports.export(m, "xlsx", tmp_path / f"{locale}.xlsx", locale=locale)
        rows = {r[0].value: r[1] for r in openpyxl.load_workbook(path).worksheets[0].iter_rows()}
        for name in (coverage, escalation):
            assert rows[name].value == 0 and rows[name].number_format == "0.0%", name
            assert rows[name].comment is None, name
    text = "\n".join(
        p.extract_text()
        for p in pypdf.PdfReader(reports.export(m, "pdf", tmp_path / "n.pdf")).pages
    )
    assert "无重点户" not in text and "无上报工单" not in text
    data = json.loads(reports.export(m, "json", tmp_path / "n.json").read_text(encoding="utf-8"))
    jsonschema_rs.validator_for(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(data)
    assert data["key_household_coverage"]["share"] == 0.0
    assert data["tickets"]["escalation_share"] == 0.0


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_the_document_says_not_applicable_and_why(empty, locale) -> None:
    document = monthly_document(empty.monthly(MONTH), locale)
    figures = {k: v for k, v, _ in document.figures}
    for name, reason in NOTHING[locale]:
        assert figures[name] == NotApplicable(reason), name
    # the coverage chart's title said 100.0% of no key household
    (table,) = [t for t in document.tables if t.code == "coverage"]
    coverage, why = NOTHING[locale][0]
    assert table.chart is not None and table.chart.title == f"{coverage} {DASH} {why}"


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_the_xlsx_reads_dashes_with_comments(empty, tmp_path: Path, locale) -> None:
    path = empty.export(empty.monthly(MONTH), "xlsx", tmp_path / "m.xlsx", locale=locale)
    rows = {r[0].value: r[1] for r in openpyxl.load_workbook(path).worksheets[0].iter_rows()}
    for name, reason in NOTHING[locale]:
        assert rows[name].value == DASH, name
        assert rows[name].comment is not None and reason in rows[name].comment.text, name


def test_the_pdf_reads_dashes_and_says_why(empty, tmp_path: Path) -> None:
    path = empty.export(empty.monthly(MONTH), "pdf", tmp_path / "m.pdf")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
    for name, reason in NOTHING["zh_CN"]:
        assert f"{name}: {DASH} {reason}" in text, name
    assert "100.0%" not in text and "0.0%" not in text, text


def test_the_json_has_nulls_and_matches_its_schema(empty, tmp_path: Path) -> None:
    path = empty.export(empty.monthly(MONTH), "json", tmp_path / "m.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema_rs.validator_for(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(data)
    assert data["key_household_coverage"]["share"] is None
    assert data["tickets"]["escalation_share"] is None
    assert data["tickets"]["mean_hours_to_close"] is None
