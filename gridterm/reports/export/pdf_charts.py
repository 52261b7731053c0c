"""The document's charts drawn with ReportLab's own graphics (vector, no Qt, no matplotlib)."""

from __future__ import annotations

import re
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from gridterm.reports.document import Chart, ChartKind, Table, plotted

PALETTE = [
    colors.HexColor(c)
    for c in (
        "#2F6FB5",
        "#F28E2B",
        "#59A14F",
        "#E15759",
        "#76B7B2",
        "#EDC948",
        "#B07AA1",
        "#FF9DA7",
        "#9C755F",
        "#BAB0AC",
    )
]
WIDTH = 480
LABEL_SIZE = 7
LABEL_LINES = 3  # what fits under a column chart (its axis sits 50 points up)
#: where a label may break: a Latin word with its spaces, a bracket with what it holds, or a
#: single character (Chinese breaks between any two)
_PIECES = re.compile(r"[A-Za-z0-9.,'-]+\s*|[（(][^）)]{0,6}[）)]|\s+|.")


def chart_drawing(table: Table, chart: Chart, font: str) -> Drawing | None:
    """The chart of ``table`` as a drawing, or None when there is nothing to plot."""
    rows = table.rows[:-1] if chart.exclude_last else table.rows
    rows = [r for r in rows if any(isinstance(r[c], int | float) for c in chart.values)]
    if not rows:
        return None
    names = [str(r[chart.category]) for r in rows]
    series = [[plotted(r[c]) for r in rows] for c in chart.values]
    if chart.kind is ChartKind.PIE:
        return _pie(chart.title, names, series[0], font)
    if chart.kind is ChartKind.LINE:
        return _line(chart.title, names, series, font)
    horizontal = chart.kind is ChartKind.BAR
    legend = [table.columns[c].header for c in chart.values]
    return _bars(chart.title, names, series, legend, font, horizontal)


def _frame(title: str, height: float, font: str) -> Drawing:
    drawing = Drawing(WIDTH, height)
    drawing.add(
        String(WIDTH / 2, height - 14, title, fontName=font, fontSize=10, textAnchor="middle")
    )
    return drawing


def wrapped(name: str, width: float, font: str, size: float = LABEL_SIZE) -> str:
    """``name`` in lines no wider than ``width`` points (at most ``LABEL_LINES``, the last cut
    with …), so that the names under neighbouring columns never run into one another."""
    lines = [""]
    for piece in _PIECES.findall(name):
        if lines[-1] and stringWidth(lines[-1] + piece.rstrip(), font, size) > width:
            lines.append("")
        lines[-1] += piece if lines[-1] or not piece.isspace() else ""
    if len(lines) > LABEL_LINES:
        last = lines[LABEL_LINES - 1]
        while last and stringWidth(last + "…", font, size) > width:
            last = last[:-1]
        lines = [*lines[: LABEL_LINES - 1], last + "…"]
    return "\n".join(line.rstrip() for line in lines)


def _axis_labels(axis: Any, font: str, size: float = LABEL_SIZE) -> None:
    axis.labels.fontName = font
    axis.labels.fontSize = size


def _bars(
    title: str,
    names: list[str],
    series: list[list[float]],
    legend: list[str],
    font: str,
    horizontal: bool,
) -> Drawing:
    height = max(160, min(520, 18 * len(names) * len(series) + 60)) if horizontal else 220
    drawing = _frame(title, height, font)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x, chart.y = (110, 20) if horizontal else (40, 50)
    chart.width = WIDTH - chart.x - 20
    chart.height = height - chart.y - (44 if len(series) > 1 else 30)
    chart.data = series
    _axis_labels(chart.categoryAxis, font)
    _axis_labels(chart.valueAxis, font)
    chart.valueAxis.valueMin = 0
    if not horizontal and len(names) <= 8:
        slot = chart.width / len(names) - 4  # a little air between neighbours
        chart.categoryAxis.categoryNames = [wrapped(n, slot, font) for n in names]
    else:
        chart.categoryAxis.categoryNames = [n[:14] for n in names]
        if not horizontal:  # too many columns for names under each: slanted
            chart.categoryAxis.labels.angle = 30
            chart.categoryAxis.labels.boxAnchor = "ne"
    for i in range(len(series)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
    drawing.add(chart)
    if len(series) > 1:
        # one row under the title, above the bars
        row = _legend(legend, font, chart.x, height - 26)
        row.alignment, row.columnMaximum, row.deltax = "right", 1, 90
        drawing.add(row)
    return drawing


def _line(title: str, names: list[str], series: list[list[float]], font: str) -> Drawing:
    drawing = _frame(title, 200, font)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, WIDTH - 60, 140
    chart.data = series
    step = max(1, len(names) // 10)
    chart.categoryAxis.categoryNames = [
        n[-5:] if i % step == 0 else "" for i, n in enumerate(names)
    ]
    _axis_labels(chart.categoryAxis, font)
    _axis_labels(chart.valueAxis, font)
    chart.valueAxis.valueMin = 0
    chart.lines[0].strokeColor = PALETTE[0]
    chart.lines[0].strokeWidth = 1.5
    drawing.add(chart)
    return drawing


def _pie(title: str, names: list[str], values: list[float], font: str) -> Drawing | None:
    if not any(values):
        return None
    drawing = _frame(title, 200, font)
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 60, 20, 150, 150
    pie.data = values
    pie.labels = None
    for i in range(len(values)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
        pie.slices[i].strokeColor = colors.white
    drawing.add(pie)
    total = sum(values) or 1
    shown = [f"{n} {v:.0f} ({v / total * 100:.1f}%)" for n, v in zip(names, values, strict=True)]
    drawing.add(_legend(shown, font, 250, 170))
    return drawing


def _legend(names: list[str], font: str, x: float, y: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName = font
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 10
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], n) for i, n in enumerate(names)]
    return legend
