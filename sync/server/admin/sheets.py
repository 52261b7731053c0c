"""Reading the sheets street offices keep (CSV or XLSX) as rows of named cells.

Headers may be English column names or the Chinese ones offices use; both map to one name.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from gridterm.errors import ValidationError

#: Chinese headers → column names.
HEADERS = {
    "街道": "street_office",
    "社区": "community",
    "网格": "grid",
    "网格类型": "grid_kind",
    "楼栋": "building",
    "单元": "unit",
    "楼层": "floor",
    "房号": "room",
    "户电话": "phone",
    "重点户": "key_reasons",
    "党员户": "party_member",
    "空房": "vacant",
    "出租": "rental",
    "备注": "notes",
    "姓名": "name",
    "性别": "gender",
    "出生日期": "birth_date",
    "与户主关系": "relation",
    "身份证号": "id_number",
    "手机": "resident_phone",
    "健康状况": "health",
    "党员": "resident_party_member",
}


def cell_text(value: object) -> str:
    """A typed XLSX cell as the text the same value has in a CSV sheet: a date cell is
    ``1948-05-01`` (not ``1948-05-01 00:00:00``), a whole number ``5`` (not ``5.0``)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _name(header: object) -> str:
    text = str(header or "").strip()
    return HEADERS.get(text, text.lower().replace(" ", "_"))


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(sheet row number, {column: text}) for every non-empty row after the header."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [_name(h) for h in next(reader, [])]
            for number, cells in enumerate(reader, start=2):
                row = {h: c.strip() for h, c in zip(header, cells, strict=False) if h}
                if any(row.values()):
                    yield number, row
        return
    if suffix == ".xlsx":
        from openpyxl import load_workbook
        from openpyxl.chartsheet import Chartsheet

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.active
            if sheet is None or isinstance(sheet, Chartsheet):
                raise ValidationError("sheet.bad_file", f"{path.name} opens on no table")
            rows = sheet.iter_rows(values_only=True)
            header = [_name(h) for h in next(rows, ())]
            for number, cells in enumerate(rows, start=2):
                row = {h: cell_text(c) for h, c in zip(header, cells, strict=False) if h}
                if any(row.values()):
                    yield number, row
        finally:
            book.close()
        return
    raise ValidationError("sheet.bad_file", f"cannot read {suffix} sheets: use .csv or .xlsx")
