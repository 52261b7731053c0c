"""The exported files, opened the way their readers open them, checked against the data."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

import jsonschema_rs
import openpyxl
import pypdf
import pytest

from gridterm.errors import GridTermError, ValidationError
from gridterm.reports.export import OutputError
from gridterm.services.reports import Reports
from tests.core.helpers import (
    DAY,
)

SCHEMAS = Path(__file__).parents[2] / "gridterm" / "reports" / "schemas"


@pytest.fixture
def reports(worked) -> Reports:
    return Reports(worked.session("s1"))


def test_daily_xlsx_typed_cells_headers_and_worker_sheets(reports, tmp_path: Path) -> None:
    log = reports.daily(DAY)
    path = reports.export(log, "xlsx", tmp_path / "daily.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "汇总"
    summary = book["汇总"]
    assert summary["A1"].value == "工作日志"
    people = book.worksheets[1]
    headers = [c.value for c in people[1]]
    assert headers[:6] == ["人员", "工号", "角色", "签到", "签退", "有定位"]
    assert people.freeze_panes == "A2" and people.auto_filter.ref
    row = next(r for r in people.iter_rows(min_row=2) if r[1].value == "w1")
    assert isinstance(row[3].value, datetime)  # a check-in time is a date cell
    assert row[6].value == 2 and isinstance(row[6].value, int)  # visits: a number
    assert people._charts, "the summary sheet of workers carries a chart"
    # one sheet per worker who worked, with their visits
    sheet = book["用户w1"]
    assert [c.value for c in sheet[1]][:2] == ["时间", "地址"]
    assert [sheet.cell(r, 2).value for r in (2, 3)] == ["3-2-501", "3-2-502"]


@pytest.mark.parametrize(
    ("locale", "names"),
    [("zh_CN", ["汇总", "人员汇总", "工单处理"]), ("en", ["Summary", "By worker", "Ticket steps"])],
)
def test_daily_xlsx_sheets_have_their_own_names(reports, tmp_path: Path, locale, names) -> None:
    # the walk of 2026-12-03: the workers' sheet was "Summary (2)", the summary sheet's name
    # made unique instead of a name of its own
    path = reports.export(reports.daily(DAY), "xlsx", tmp_path / "daily.xlsx", locale=locale)
    sheets = openpyxl.load_workbook(path).sheetnames
    assert sheets[:3] == names
    assert not [s for s in sheets if s.endswith(")")], sheets


def test_monthly_xlsx_has_native_charts_and_english_headers(reports, tmp_path: Path) -> None:
    m = reports.monthly("2026-11")
    path = reports.export(m, "xlsx", tmp_path / "m.xlsx", locale="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Summary"
    charts = sum(len(ws._charts) for ws in book.worksheets)
    assert charts >= 6
    by_type = book["Visits by type"]
    assert [c.value for c in by_type[1]] == ["Visit type", "Count"]
    assert {by_type.cell(r, 1).value: by_type.cell(r, 2).value for r in (2, 3)} == {
        "Routine visit": 2,
        "Key-group care": 1,
    }


def test_csv_is_utf8_with_bom_one_table_per_file_in_a_zip(reports, tmp_path: Path) -> None:
    m = reports.monthly("2026-11")
    path = reports.export(m, "csv", tmp_path / "m.csv")
    assert path.suffix == ".zip" and not (tmp_path / "m.csv").exists()
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert len(names) == 11  # one file per table of the summary
        data = z.read(next(n for n in names if "走访类型" in n))
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "走访类型,数量" and "日常走访,2" in lines


def test_pdf_text_comes_back_and_the_font_is_embedded(reports, tmp_path: Path) -> None:
    for kind, report in (("daily", reports.daily(DAY)), ("monthly", reports.monthly("2026-11"))):
        path = reports.export(report, "pdf", tmp_path / f"{kind}.pdf")
        reader = pypdf.PdfReader(path)
        text = "\n".join(p.extract_text() for p in reader.pages)
        assert "桃园社区" in text and "东湖街道" in text
        assert f"第 1 页 / 共 {len(reader.pages)} 页" in text
        assert "负责人签字" in text and "尚未同步" in text
        fonts = [
            f.get_object() for page in reader.pages for f in page["/Resources"]["/Font"].values()
        ]
        cjk = [f for f in fonts if "WenQuanYi" in str(f["/BaseFont"]) or "+" in str(f["/BaseFont"])]
        assert cjk and all("/FontFile2" in f["/FontDescriptor"] for f in cjk)
        assert all(str(f["/BaseFont"])[7] == "+" for f in cjk)  # a subset: AAAAAA+Name


def test_pdf_signature_image_is_placed(reports, tmp_path: Path) -> None:
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (300, 120), "white").save(png, "PNG")
    path = reports.export(
        reports.daily(DAY), "pdf", tmp_path / "signed.pdf", signature_png=png.getvalue()
    )
    last = pypdf.PdfReader(path).pages[-1]
    assert last.images, "the signature is on the last page"


def test_json_matches_its_schema_and_the_figures(reports, tmp_path: Path) -> None:
    for kind, report in (("daily", reports.daily(DAY)), ("monthly", reports.monthly("2026-11"))):
        path = reports.export(report, "json", tmp_path / f"{kind}.json")
        data = json.loads(path.read_text(encoding="utf-8"))
        schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
        jsonschema_rs.validator_for(schema).validate(data)
    assert data["tickets"]["promise_kept"] == 1 and data["visits"]["total"] == 3


def test_every_export_is_recorded(reports, tmp_path: Path) -> None:
    reports.export(reports.daily(DAY), "json", tmp_path / "a.json")
    (record,) = reports.exports()
    assert (record.kind, record.period, record.format, record.user_id) == (
        "daily",
        DAY,
        "json",
        "user-s1",
    )
    assert record.file.endswith("a.json") and record.area_id == "c1"


def test_bad_format_and_unwritable_paths_write_nothing(reports, tmp_path: Path) -> None:
    log = reports.daily(DAY)
    with pytest.raises(ValidationError) as bad:
        reports.export(log, "docx", tmp_path / "x.docx")
    assert bad.value.code == "report.bad_format"
    with pytest.raises(OutputError):
        reports.export(log, "xlsx", tmp_path / "missing" / "x.xlsx")
    a_file = tmp_path / "usb.txt"
    a_file.write_text("not a folder")
    with pytest.raises(OutputError) as unwritable:
        reports.export(log, "pdf", a_file / "x.pdf")
    assert unwritable.value.code == "report.output_unwritable"
    with pytest.raises(OutputError):
        reports.export(log, "csv", tmp_path)  # a folder, not a file
    assert reports.exports() == []
    assert list(tmp_path.rglob("*.partial")) == [] and not list(tmp_path.glob("x.*"))


def test_a_failing_writer_leaves_no_file_and_keeps_the_old_one(
    reports, tmp_path: Path, monkeypatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "d.xlsx"
    target.write_bytes(b"the old file")

    def broken(doc, path):
        path.write_bytes(b"half")
        raise GridTermError("report.failed", "disk full")

    monkeypatch.setattr("gridterm.reports.export.xlsx.write_xlsx", broken)
    with pytest.raises(GridTermError):
        reports.export(reports.daily(DAY), "xlsx", target)
    assert target.read_bytes() == b"the old file"
    assert [p.name for p in out.iterdir()] == ["d.xlsx"]
    assert reports.exports() == []


def test_an_exported_file_is_an_ordinary_file_of_the_user(reports, tmp_path: Path) -> None:
    import os

    path = reports.export(reports.daily(DAY), "json", tmp_path / "d.json")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # not the temporary file's 0600
