"""A chart of a report table with QtCharts: bars, a trend line or a pie, as the core's
document asks (``gridterm.reports.document.Chart``)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from gridterm.reports.document import ChartKind, Table, plotted

PALETTE = ("#2F6FB5", "#F28E2B", "#59A14F", "#E15759", "#76B7B2", "#EDC948", "#B07AA1")


class ReportChart(QChartView):
    """Shows the chart of one table; ``show_table(None)`` clears it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reportChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.setChart(QChart())

    def show_table(self, table: Table | None, text_color: str = "#1b2229") -> None:
        """Draw ``table``'s chart (an empty chart when it has none)."""
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundVisible(False)
        chart.legend().setLabelColor(QColor(text_color))
        # the legend shares the chart's width out equally between its entries: the small
        # axis font keeps "Behind schedule 347" whole on a tablet's half-width chart
        chart.legend().setFont(_axis_font(14))
        spec = table.chart if table is not None else None
        if table is not None and spec is not None and table.rows:
            rows = table.rows[:-1] if spec.exclude_last else table.rows
            names = [str(r[spec.category]) for r in rows]
            series = [[plotted(r[c]) for r in rows] for c in spec.values]
            headers = [table.columns[c].header for c in spec.values]
            chart.setTitle(spec.title)
            chart.setTitleBrush(QColor(text_color))
            if spec.kind is ChartKind.PIE:
                _pie(chart, names, series[0])
            elif spec.kind is ChartKind.LINE:
                _line(chart, names, series[0], headers[0], text_color)
            else:
                _bars(chart, names, series, headers, spec.kind is ChartKind.BAR, text_color)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()


def _pie(chart: QChart, names: list[str], values: list[float]) -> None:
    pie = QPieSeries()
    for i, (name, value) in enumerate(zip(names, values, strict=True)):
        piece = pie.append(f"{name} {value:.0f}", value)
        piece.setColor(QColor(PALETTE[i % len(PALETTE)]))
    chart.addSeries(pie)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)


def _line(chart: QChart, names: list[str], values: list[float], header: str, color: str) -> None:
    line = QLineSeries()
    line.setName(header)
    for i, value in enumerate(values):
        line.append(i, value)
    line.setColor(QColor(PALETTE[0]))
    chart.addSeries(line)
    # the days as MM-DD under the line (a value axis would number them 0, 1, 2…)
    x = QBarCategoryAxis()
    x.append([n[-5:] for n in names])
    y = _count_axis(max(values, default=0) * 1.15)
    _attach_axes(chart, line, (x, y), color, 12)
    chart.legend().hide()


def _bars(
    chart: QChart,
    names: list[str],
    series: list[list[float]],
    headers: list[str],
    horizontal: bool,
    color: str,
) -> None:
    bars = QHorizontalBarSeries() if horizontal else QBarSeries()
    for i, (header, values) in enumerate(zip(headers, series, strict=True)):
        bar = QBarSet(header)
        bar.append(values)
        bar.setColor(QColor(PALETTE[i % len(PALETTE)]))
        bars.append(bar)
    chart.addSeries(bars)
    categories = QBarCategoryAxis()
    categories.append([n[:12] for n in names])
    # a worker's name is short: show it whole rather than "…" when Qt's estimate is tight
    categories.setTruncateLabels(False)
    value_axis = _count_axis(max((v for s in series for v in s), default=0) * 1.1)
    first: QAbstractAxis
    second: QAbstractAxis
    first, second = (value_axis, categories) if horizontal else (categories, value_axis)
    # small axis labels: a worker's name on every bar, not one in two elided
    _attach_axes(chart, bars, (first, second), color, 13)
    chart.legend().setVisible(len(series) > 1)


def _count_axis(top: float) -> QValueAxis:
    """An axis of whole numbers from 0 to ``top``, and to 4 at least (a day with nothing yet)."""
    axis = QValueAxis()
    axis.setRange(0, max(4.0, top))
    axis.applyNiceNumbers()
    axis.setLabelFormat("%d")
    return axis


def _attach_axes(
    chart: QChart,
    series: QAbstractSeries,
    bottom_left: tuple[QAbstractAxis, QAbstractAxis],
    color: str,
    px: int,
) -> None:
    """Put the bottom and left axes on ``chart`` for ``series``, labelled small in ``color``."""
    small = _axis_font(px)
    bottom, left = bottom_left
    for axis, side in ((bottom, Qt.AlignmentFlag.AlignBottom), (left, Qt.AlignmentFlag.AlignLeft)):
        axis.setLabelsColor(QColor(color))
        axis.setLabelsFont(small)
        chart.addAxis(axis, side)
        series.attachAxis(axis)


def _axis_font(px: int) -> QFont:
    """A small axis font that still has Chinese glyphs in an English UI (names, categories):
    the app's family first, a CJK family the build installs as the fallback."""
    font = QFont(QApplication.font())
    font.setFamilies([QApplication.font().family(), "WenQuanYi Micro Hei", "Noto Sans CJK SC"])
    font.setPixelSize(px)
    return font
