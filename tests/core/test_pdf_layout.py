"""How the PDF of a report lays out on paper: a section's heading stays on the page of what it
heads, and the names under a column chart stay apart (both seen in the monthly 民情分析)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pypdf

from gridterm.reports.document import Chart, ChartKind, Column, Document, Kind, Table
from gridterm.reports.export.pdf import write_pdf


def _document(filler_rows: int) -> Document:
    filler = Table(
        "filler",
        "前置表格",
        (Column("日期"), Column("数量", Kind.INT)),
        [(f"第{i}行", i) for i in range(filler_rows)],
    )
    charted = Table(
        "by_type",
        "走访类型分布",
        (Column("走访类型"), Column("数量", Kind.INT)),
        [("日常走访", 111), ("重点人群关爱", 67), ("政策宣传", 30)],
        Chart(ChartKind.PIE, "类型占比图"),
    )
    listed = Table(
        "missed",
        "未按频次走访的重点户",
        (Column("地址"), Column("次数", Kind.INT)),
        [(f"{i}-1-101", 0) for i in range(3)],
    )
    return Document(
        kind="monthly",
        locale="zh_CN",
        title="月度民情分析",
        header=(("月份", "2026-12"),),
        figures=(("走访", 236, Kind.INT),),
        tables=(filler, charted, listed),
        generated_at=datetime(2026, 12, 5, 5, 54),
        data_as_of=None,
    )


def test_no_heading_is_left_at_the_foot_of_a_page(tmp_path: Path) -> None:
    # The filler's length moves where the charted section starts, over a whole page of
    # positions, so one of them leaves less room than the chart needs.
    for rows in range(20, 62, 3):
        path = tmp_path / f"{rows}.pdf"
        write_pdf(_document(rows), path)
        pages = [p.extract_text() for p in pypdf.PdfReader(path).pages]
        for heading, first in (("走访类型分布", "类型占比图"), ("未按频次走访的重点户", "地址")):
            page = next(p for p in pages if heading in p)
            assert first in page, f"{rows} filler rows: {heading!r} left alone at a page's foot"


GRIDS = [
    "东湖机电五金城",
    "东湖社区第一网格（同心）",
    "东湖社区第三网格（启航）",
    "东湖社区第二网格（睦邻）",
    "东湖社区第四网格（乐居）",
]


def test_the_names_under_a_column_chart_never_run_into_one_another() -> None:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from gridterm.reports.export.fonts import register_font
    from gridterm.reports.export.pdf_charts import LABEL_SIZE, chart_drawing

    font = register_font()
    for names in (GRIDS, ["Donghu Community Grid 1 (Tongxin)"] * 5, ["一二三四五六七八九十" * 4]):
        table = Table(
            "by_grid",
            "各网格走访",
            (Column("网格"), Column("走访", Kind.INT), Column("重点户走访", Kind.INT)),
            [(n, 60, 40) for n in names],
            Chart(ChartKind.COLUMN, "各网格走访", 0, (1, 2)),
        )
        drawing = chart_drawing(table, table.chart, font)
        chart = next(c for c in drawing.contents if isinstance(c, VerticalBarChart))
        slot = chart.width / len(names)
        for label in chart.categoryAxis.categoryNames:
            lines = label.split("\n")
            assert len(lines) <= 3
            assert all(stringWidth(line, font, LABEL_SIZE) < slot for line in lines), label
        shown = "".join(chart.categoryAxis.categoryNames[0].split("\n"))
        assert shown.replace(" ", "") == names[0].replace(" ", "") or shown.endswith("…")


def test_an_english_header_breaks_between_words_never_inside_one(tmp_path: Path) -> None:
    table = Table(
        "by_grid",
        "Visits by grid",
        (Column("Grid"), Column("Visits", Kind.INT), Column("Key-household visits", Kind.INT)),
        [("东湖社区第一网格（同心）", 67, 40), ("东湖社区第二网格（睦邻）", 67, 38)],
    )
    english = Document(
        kind="monthly",
        locale="en",
        title="Monthly summary",
        header=(("Month", "2026-12"),),
        figures=(("Visits", 236, Kind.INT),),
        tables=(table,),
        generated_at=datetime(2026, 12, 5, 5, 54),
        data_as_of=None,
    )
    path = tmp_path / "en.pdf"
    write_pdf(english, path)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
    assert "Key-household" in text
