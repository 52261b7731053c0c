"""A report as a document of typed tables: what every file format (and the preview) shows.

The figures (``DailyLog``, ``MonthlySummary``) become a ``Document`` in one locale: a title,
the header facts (street office, community, date, generated, data as of), the key figures,
and tables whose columns carry their kind, so that xlsx cells are typed, CSV columns are
plain and the PDF aligns numbers. Charts name the table columns they plot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from gridterm.reports import labels
from gridterm.reports.period import LOCAL_TZ
from gridterm.reports.rows import Area


@dataclass(frozen=True, slots=True)
class NotApplicable:
    """A figure with nothing to measure (a share of no urgent tickets, of no key households,
    of no tickets reported; a time to close of no ticket closed): shown as ``DASH``, never as
    0% or 100%; ``reason`` (in the document's locale) says why, on screen under the dash (and
    as its tooltip), as the xlsx cell's comment and in the PDF's note under the figures."""

    reason: str


#: How a figure that does not apply reads, on screen and in every file.
DASH = "—"

Cell = str | int | float | datetime | date | bool | NotApplicable | None


class Kind(StrEnum):
    """How a column's values are typed and shown."""

    TEXT = "text"
    INT = "int"
    FLOAT = "float"
    PERCENT = "percent"  # a share 0..1
    DATETIME = "datetime"
    DATE = "date"
    TIME = "time"  # a datetime shown as its local time of day
    BOOL = "bool"


@dataclass(frozen=True, slots=True)
class Column:
    """A column: header in the document's locale, and its kind."""

    header: str
    kind: Kind = Kind.TEXT


class ChartKind(StrEnum):
    """The charts a person would rather look at than read."""

    COLUMN = "column"
    BAR = "bar"
    LINE = "line"
    PIE = "pie"


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart of a table: categories from column ``category``, one series per ``values``."""

    kind: ChartKind
    title: str
    category: int = 0
    values: tuple[int, ...] = (1,)
    #: leave the table's last row (its total) out of the chart
    exclude_last: bool = False


def plotted(cell: Cell) -> float:
    """A cell as a chart plots it: a blank (None, "") or any non-number is 0."""
    return float(cell) if isinstance(cell, int | float) else 0.0


@dataclass(frozen=True, slots=True)
class Table:
    """One table: ``code`` names its file or sheet; ``title`` is shown."""

    code: str
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]
    chart: Chart | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """What an export writes: header facts, key figures, tables."""

    kind: str  # "daily" or "monthly"
    locale: str
    title: str
    header: tuple[tuple[str, str], ...]
    figures: tuple[tuple[str, Cell, Kind], ...]
    tables: tuple[Table, ...]
    generated_at: datetime
    data_as_of: datetime | None
    signature_png: bytes | None = field(default=None, compare=False)

    def text(self, code: str) -> str:
        """A report word in this document's locale."""
        return labels.text(code, self.locale)

    @property
    def file_stem(self) -> str:
        """A file name for the document, e.g. ``工作日志_幸福社区_2026-11-20``."""
        place = self.header[-2][1] if len(self.header) > 1 else ""
        period = self.header[-1][1] if self.header else ""
        stem = "_".join(p for p in (self.title, place, period) if p)
        return "".join(c if c not in '\\/:*?"<>| ' else "_" for c in stem)


def not_applicable_notes(doc: Document) -> list[str]:
    """ "Figure: — reason" for each figure of ``doc`` that does not apply."""
    return [f"{k}: {DASH} {v.reason}" for k, v, _ in doc.figures if isinstance(v, NotApplicable)]


def header_of(
    area: Area, period_code: str, period_label: str, locale: str
) -> tuple[tuple[str, str], ...]:
    """The header facts: street office, community, area, and the period."""
    t = labels.texts(locale)
    facts = [(t("street_office"), area.street_office)]
    if area.community:
        facts.append((t("community"), area.community))
    if area.name not in (area.community, area.street_office):
        facts.append((t("area"), area.name))
    facts.append((t(period_code), period_label))
    return tuple(facts)


def local(moment: datetime | None) -> datetime | None:
    """An aware instant as local (China) wall-clock time without a zone, as files show it."""
    return None if moment is None else moment.astimezone(LOCAL_TZ).replace(tzinfo=None)


def shown(value: Cell, kind: Kind, locale: str) -> str:
    """A cell as text (CSV, PDF, preview)."""
    if value is None:
        return ""
    if isinstance(value, NotApplicable):
        return DASH
    if kind is Kind.PERCENT and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if kind is Kind.FLOAT and isinstance(value, int | float):
        return f"{value:.1f}"
    if kind is Kind.BOOL:
        return labels.text("yes" if value else "no", locale)
    if isinstance(value, datetime):
        moment = local(value) if value.tzinfo else value
        assert moment is not None
        return moment.strftime("%H:%M" if kind is Kind.TIME else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
