"""xlsx with XlsxWriter: typed cells, frozen headers, fitted widths, autofilter, native charts.

The first sheet is the summary (title, header facts, key figures); each table of the
document follows on a sheet of its own, its chart beside it.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from gridterm.reports.document import (
    DASH,
    Chart,
    ChartKind,
    Document,
    Kind,
    NotApplicable,
    Table,
    local,
    shown,
)

_CHART_TYPES = {
    ChartKind.COLUMN: {"type": "column"},
    ChartKind.BAR: {"type": "bar"},
    ChartKind.LINE: {"type": "line"},
    ChartKind.PIE: {"type": "pie"},
}
_MAX_WIDTH = 60


def text_width(value: str) -> int:
    """Columns a text takes in Excel: CJK characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value)


def write_xlsx(doc: Document, path: Path) -> None:
    """Write ``doc`` as an xlsx workbook at ``path``."""
    # in_memory: XlsxWriter otherwise writes each part of the workbook (every name and address in
    # it) to plaintext files in the temp folder before zipping them
    book = xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_numbers": False})
    try:
        formats = _formats(book)
        _summary_sheet(book, doc, formats)
        names: set[str] = {_sheet_name(doc.text("summary"), set())}
        for table in doc.tables:
            name = _sheet_name(
                table.code.split(":", 1)[-1] if ":" in table.code else table.title, names
            )
            names.add(name)
            _table_sheet(book, name, table, doc, formats)
    finally:
        book.close()


def _formats(book: Any) -> dict[str, Any]:
    return {
        "title": book.add_format({"bold": True, "font_size": 16}),
        "bold": book.add_format({"bold": True}),
        "header": book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
        ),
        Kind.DATETIME: book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        Kind.TIME: book.add_format({"num_format": "hh:mm"}),
        Kind.DATE: book.add_format({"num_format": "yyyy-mm-dd"}),
        Kind.PERCENT: book.add_format({"num_format": "0.0%"}),
        Kind.FLOAT: book.add_format({"num_format": "0.0"}),
        Kind.INT: book.add_format({"num_format": "0"}),
    }


def _sheet_name(wanted: str, taken: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\, unique ignoring case.
    clean = "".join(c for c in wanted if c not in "[]:*?/\\")[:31] or "Sheet"
    name, n = clean, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        name = clean[: 31 - len(suffix)] + suffix
        n += 1
    return name


def _summary_sheet(book: Any, doc: Document, f: dict[str, Any]) -> None:
    sheet = book.add_worksheet(_sheet_name(doc.text("summary"), set()))
    sheet.write_string(0, 0, doc.title, f["title"])
    row = 2
    facts: list[tuple[str, Any, Kind]] = [(k, v, Kind.TEXT) for k, v in doc.header]
    facts.append((doc.text("generated_at"), doc.generated_at, Kind.DATETIME))
    facts.append(
        (doc.text("data_as_of"), doc.data_as_of or doc.text("never_synced"), Kind.DATETIME)
    )
    for key, value, kind in facts:
        sheet.write_string(row, 0, key, f["bold"])
        _cell(sheet, row, 1, value, kind, f)
        row += 1
    row += 1
    sheet.write_string(row, 0, doc.text("figure"), f["header"])
    sheet.write_string(row, 1, doc.text("value"), f["header"])
    first = row
    for key, value, kind in doc.figures:
        row += 1
        sheet.write_string(row, 0, key)
        _cell(sheet, row, 1, value, kind, f)
    sheet.freeze_panes(first + 1, 0)
    widths = [text_width(k) for k, _, _ in (*facts, *doc.figures)]
    sheet.set_column(0, 0, min(_MAX_WIDTH, max(widths, default=10) + 2))
    sheet.set_column(1, 1, 28)


def _table_sheet(book: Any, name: str, table: Table, doc: Document, f: dict[str, Any]) -> None:
    sheet = book.add_worksheet(name)
    widths = [text_width(c.header) for c in table.columns]
    for col, column in enumerate(table.columns):
        sheet.write_string(0, col, column.header, f["header"])
    for r, values in enumerate(table.rows, start=1):
        for col, (value, column) in enumerate(zip(values, table.columns, strict=True)):
            _cell(sheet, r, col, value, column.kind, f)
            widths[col] = max(widths[col], text_width(shown(value, column.kind, doc.locale)))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(_MAX_WIDTH, width + 2))
    sheet.freeze_panes(1, 0)
    last_row = max(1, len(table.rows))
    sheet.autofilter(0, 0, last_row, len(table.columns) - 1)
    if table.chart is not None and table.rows:
        _chart(book, sheet, name, table, table.chart, len(widths))


def _chart(book: Any, sheet: Any, name: str, table: Table, chart: Chart, after: int) -> None:
    last = len(table.rows) - (1 if chart.exclude_last else 0)
    if last < 1:
        return
    made = book.add_chart(_CHART_TYPES[chart.kind])
    for col in chart.values:
        made.add_series(
            {
                "name": [name, 0, col],
                "categories": [name, 1, chart.category, last, chart.category],
                "values": [name, 1, col, last, col],
                **({"data_labels": {"percentage": True}} if chart.kind is ChartKind.PIE else {}),
            }
        )
    made.set_title({"name": chart.title})
    if chart.kind is not ChartKind.PIE and len(chart.values) == 1:
        made.set_legend({"none": True})
    made.set_size(
        {
            "width": 640,
            "height": max(320, min(900, 22 * last)) if chart.kind is ChartKind.BAR else 360,
        }
    )
    sheet.insert_chart(1, after + 1, made)


def _cell(sheet: Any, row: int, col: int, value: Any, kind: Kind, f: dict[str, Any]) -> None:
    if value is None:
        sheet.write_blank(row, col, None)
    elif isinstance(value, NotApplicable):
        # "—", not a number Excel would sum or format as 100%; the comment says why
        sheet.write_string(row, col, DASH)
        sheet.write_comment(row, col, value.reason)
    elif isinstance(value, datetime):
        moment = local(value) if value.tzinfo else value
        sheet.write_datetime(row, col, moment, f[Kind.TIME if kind is Kind.TIME else Kind.DATETIME])
    elif isinstance(value, date):
        sheet.write_datetime(row, col, datetime.combine(value, datetime.min.time()), f[Kind.DATE])
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, f.get(kind, f[Kind.FLOAT]))
    else:
        sheet.write_string(row, col, str(value))
