"""PDF to print and sign, with ReportLab: A4, the CJK font embedded as a subset, a header
with street office, community and date on every page, "第 1 页 / 共 N 页" footers, the charts,
when it was generated, "data as of" the last confirmed sync, and a signature line.

Runs wherever the core runs (the server has no Qt).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from gridterm.reports.document import Document, Kind, Table, not_applicable_notes, shown
from gridterm.reports.export.fonts import FONT_NAME, register_font
from gridterm.reports.export.pdf_charts import chart_drawing

#: Rows per table piece: ReportLab splits one long table slowly, many short ones quickly.
ROWS_PER_PIECE = 45
#: Tables with more columns than this are printed on landscape pages.
WIDE_TABLE = 9
_NUMERIC = {Kind.INT, Kind.FLOAT, Kind.PERCENT}
_MARGIN = 15 * mm
_LATIN_WORD = re.compile(r"[A-Za-z0-9'’.-]+")


def write_pdf(doc: Document, path: Path) -> None:
    """Write ``doc`` as an A4 PDF at ``path``."""
    font = register_font()
    styles = _styles(font)
    # a table too wide for portrait turns the whole document to landscape (printed alike)
    widest = max((len(t.columns) for t in doc.tables), default=0)
    page = landscape(A4) if widest > WIDE_TABLE else A4
    story: list[Any] = [Paragraph(doc.title, styles["title"])]
    story.append(_facts_table(doc, font))
    story.append(Spacer(1, 4 * mm))
    story.append(_figures_table(doc, font))
    # a figure that does not apply reads "—" in the table; here, why (无紧急工单)
    story.extend(Paragraph(_escape(note), styles["body"]) for note in not_applicable_notes(doc))
    for table in doc.tables:
        story.extend(_table_flowables(table, doc, font, styles, page[0]))
    story.extend(_signature(doc, styles))
    template = SimpleDocTemplate(
        str(path),
        pagesize=page,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title=f"{doc.title} {doc.header[-1][1] if doc.header else ''}",
        author="GridTerm",
    )
    template.build(story, canvasmaker=_numbered_canvas(doc, font))


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=24, spaceAfter=6),
        "h2": ParagraphStyle(
            "h2",
            fontName=font,
            fontSize=12,
            leading=16,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,  # a heading never ends a page: it goes over with what it heads
        ),
        "cell": ParagraphStyle(
            "cell", fontName=font, fontSize=7.5, leading=9, wordWrap="CJK", alignment=TA_LEFT
        ),
        # English headers break between words only (CJK wrapping breaks anywhere)
        "head_en": ParagraphStyle(
            "head_en", fontName=font, fontSize=7.5, leading=9, alignment=TA_LEFT
        ),
        "body": ParagraphStyle("body", fontName=font, fontSize=10, leading=14),
    }


def _grid_style(font: str, numeric_cols: list[int], header: bool = True) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("LEADING", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9AA5B1")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")))
    for col in numeric_cols:
        commands.append(("ALIGN", (col, 1 if header else 0), (col, -1), "RIGHT"))
    return TableStyle(commands)


def _facts_table(doc: Document, font: str) -> PdfTable:
    when = shown(doc.generated_at, Kind.DATETIME, doc.locale)
    as_of = (
        shown(doc.data_as_of, Kind.DATETIME, doc.locale)
        if doc.data_as_of
        else doc.text("never_synced")
    )
    rows = [*doc.header, (doc.text("generated_at"), when), (doc.text("data_as_of"), as_of)]
    table = PdfTable([list(r) for r in rows], colWidths=[60 * mm, 110 * mm], hAlign="LEFT")
    table.setStyle(_grid_style(font, [], header=False))
    return table


def _figures_table(doc: Document, font: str) -> PdfTable:
    cells = [(k, shown(v, kind, doc.locale)) for k, v, kind in doc.figures]
    half = (len(cells) + 1) // 2
    rows = []
    for i in range(half):
        right = cells[half + i] if half + i < len(cells) else ("", "")
        rows.append([*cells[i], *right])
    table = PdfTable(rows, colWidths=[55 * mm, 30 * mm, 55 * mm, 30 * mm], hAlign="LEFT")
    table.setStyle(_grid_style(font, [1, 3], header=False))
    return table


def _table_flowables(
    table: Table, doc: Document, font: str, styles: dict[str, ParagraphStyle], page_width: float
) -> list[Any]:
    heading = Paragraph(table.title, styles["h2"])
    out: list[Any] = [CondPageBreak(40 * mm)]
    drawing = chart_drawing(table, table.chart, font) if table.chart is not None else None
    if drawing is not None:
        # a chart is taller than the room CondPageBreak keeps: its heading goes with it
        out.append(KeepTogether([heading, drawing, Spacer(1, 2 * mm)]))
    else:
        out.append(heading)
    if not table.rows:
        out.append(Paragraph("—", styles["body"]))
        return out
    widths = _widths(table, doc.locale, page_width)
    numeric = [i for i, c in enumerate(table.columns) if c.kind in _NUMERIC]
    head = styles["cell" if doc.locale.startswith("zh") else "head_en"]
    header = [Paragraph(_escape(c.header), head) for c in table.columns]
    style = _grid_style(font, numeric)
    for start in range(0, len(table.rows), ROWS_PER_PIECE):
        body = [
            [
                _cell(v, c.kind, doc.locale, w, styles)
                for v, c, w in zip(row, table.columns, widths, strict=True)
            ]
            for row in table.rows[start : start + ROWS_PER_PIECE]
        ]
        piece = PdfTable([header, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
        piece.setStyle(style)
        out.append(piece)
    return out


def _widths(table: Table, locale: str, page_width: float) -> list[float]:
    sample = table.rows[:200]
    wanted = []
    for i, column in enumerate(table.columns):
        longest = max(
            # a header wraps (it is a paragraph): four characters wide is enough, but never
            # narrower than its longest English word
            [min(stringWidth(column.header, FONT_NAME, 7.5), 32), _longest_word(column.header)]
            + [stringWidth(shown(r[i], column.kind, locale), FONT_NAME, 7.5) for r in sample]
        )
        # the cell's padding (3 pt each side) and a little air, or a short header wraps
        wanted.append(min(longest + 14, 70 * mm))
    room = page_width - 2 * _MARGIN
    total = sum(wanted)
    return [w * room / total for w in wanted] if total > room else wanted


def _longest_word(text: str) -> float:
    words = _LATIN_WORD.findall(text)
    return max((stringWidth(w, FONT_NAME, 7.5) for w in words), default=0.0)


def _cell(
    value: Any, kind: Kind, locale: str, width: float, styles: dict[str, ParagraphStyle]
) -> Any:
    text = shown(value, kind, locale)
    if kind is Kind.TEXT and stringWidth(text, FONT_NAME, 7.5) > width - 4:
        return Paragraph(_escape(text), styles["cell"])
    return text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _signature(doc: Document, styles: dict[str, ParagraphStyle]) -> list[Any]:
    line = f"{doc.text('signature')}：" + "_" * 24 + f"    {doc.text('date')}：" + "_" * 14
    out: list[Any] = [CondPageBreak(40 * mm), Spacer(1, 10 * mm)]
    if doc.signature_png:
        out.append(
            Image(io.BytesIO(doc.signature_png), width=50 * mm, height=20 * mm, hAlign="LEFT")
        )
    out.append(Paragraph(line, styles["body"]))
    return out


def _numbered_canvas(doc: Document, font: str) -> type[Canvas]:
    """A canvas that draws the header and "page N of M" once the page count is known."""
    top = " · ".join(v for _, v in doc.header if v)
    as_of = (
        shown(doc.data_as_of, Kind.DATETIME, doc.locale)
        if doc.data_as_of
        else doc.text("never_synced")
    )
    generated = shown(doc.generated_at, Kind.DATETIME, doc.locale)
    small = f"{doc.text('generated_at')} {generated}  ·  {doc.text('data_as_of')} {as_of}"

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.setFont(font, 8)
            self.setFillColor(colors.HexColor("#44546A"))
            self.drawString(_MARGIN, height - 12 * mm, f"{doc.title} · {top}")
            self.line(_MARGIN, height - 14 * mm, width - _MARGIN, height - 14 * mm)
            self.drawString(_MARGIN, 10 * mm, small)
            page = doc.text("page").format(page=number, pages=total)
            self.drawRightString(width - _MARGIN, 10 * mm, page)

    return NumberedCanvas
