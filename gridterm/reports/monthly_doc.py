"""The monthly summary as a document: key figures, then one table (and chart) per question
the 民情分析会 asks."""

from __future__ import annotations

from gridterm.reports import labels
from gridterm.reports.document import (
    Cell,
    Chart,
    ChartKind,
    Column,
    Document,
    Kind,
    NotApplicable,
    Table,
    header_of,
    shown,
)
from gridterm.reports.monthly import Coverage, MonthlySummary

K = Kind


def monthly_document(m: MonthlySummary, locale: str = "zh_CN") -> Document:
    """The monthly summary in ``locale``."""
    t = labels.texts(locale)
    tables = (*_visit_tables(m, locale), *_ticket_tables(m, locale))
    return Document(
        kind="monthly",
        locale=locale,
        title=t("monthly_title"),
        header=header_of(m.area, "month", m.period.label(), locale),
        figures=_figures(m, locale),
        tables=tables,
        generated_at=m.generated_at,
        data_as_of=m.data_as_of,
    )


def _figures(m: MonthlySummary, locale: str) -> tuple[tuple[str, Cell, Kind], ...]:
    t = labels.texts(locale)
    tk, hz, cov = m.tickets, m.hazards, m.coverage
    return (
        (t("visits"), m.visits, K.INT),
        (t("key_visits"), m.key_visits, K.INT),
        (t("households"), cov.households, K.INT),
        (t("coverage"), _coverage_share(cov, locale), K.PERCENT),
        (t("reported"), tk.reported, K.INT),
        (
            t("escalation_share"),
            _or_not_applicable(tk.escalation_share, t("no_tickets_reported")),
            K.PERCENT,
        ),
        (t("closed"), tk.closed, K.INT),
        (
            t("mean_hours"),
            _or_not_applicable(tk.mean_hours_to_close, t("no_tickets_closed")),
            K.FLOAT,
        ),
        (
            t("p90_hours"),
            _or_not_applicable(tk.p90_hours_to_close, t("no_tickets_closed")),
            K.FLOAT,
        ),
        (t("overdue"), tk.overdue, K.INT),
        (t("urgent"), tk.urgent, K.INT),
        (t("promise_kept"), tk.promise_kept, K.INT),
        (t("promise_share"), _or_not_applicable(tk.promise_share, t("no_urgent")), K.PERCENT),
        (t("hazards_found"), hz.found, K.INT),
        (t("eliminated"), hz.eliminated, K.INT),
        (t("open_overdue"), hz.open_overdue, K.INT),
    )


def _or_not_applicable(figure: float | None, reason: str) -> Cell:
    """A figure of nothing (a share of no tickets, a mean of no closing) reads "—" with why."""
    return NotApplicable(reason) if figure is None else figure


def _coverage_share(cov: Coverage, locale: str) -> Cell:
    return _or_not_applicable(cov.share, labels.text("no_key_households", locale))


def _coverage_title(cov: Coverage, locale: str) -> str:
    """重点户走访覆盖 25.0%, or 重点户走访覆盖 — 无重点户."""
    share = _coverage_share(cov, locale)
    why = f" {share.reason}" if isinstance(share, NotApplicable) else ""
    return f"{labels.text('coverage', locale)} {shown(share, K.PERCENT, locale)}{why}"


def _visit_tables(m: MonthlySummary, locale: str) -> tuple[Table, ...]:
    """Visits per day, by type and by grid; key-household coverage and the missed list;
    concerns against last month."""
    t = labels.texts(locale)
    w = lambda table, code: labels.word(table, code, locale)  # noqa: E731
    cov = m.coverage
    return (
        _pairs(
            "by_day",
            t("by_day"),
            (t("day"), K.DATE),
            [(d, n) for d, n in m.visits_by_day],
            locale,
            ChartKind.LINE,
        ),
        _pairs(
            "by_type",
            t("by_type"),
            (t("visit_type"), K.TEXT),
            [(w(labels.VISIT_TYPES, k), n) for k, n in m.visits_by_type.items()],
            locale,
            ChartKind.PIE,
        ),
        Table(
            "by_grid",
            t("by_grid"),
            (Column(t("grid")), Column(t("visits"), K.INT), Column(t("key_visits"), K.INT)),
            [tuple(row) for row in m.visits_by_grid],
            Chart(ChartKind.COLUMN, t("by_grid"), 0, (1, 2)),
        ),
        Table(
            "coverage",
            t("coverage"),
            (Column(t("figure")), Column(t("count"), K.INT)),
            [(t("covered"), cov.covered), (t("not_covered"), len(cov.missed))],
            Chart(ChartKind.PIE, _coverage_title(cov, locale), 0, (1,)),
        ),
        Table(
            "missed",
            t("missed"),
            (
                Column(t("address")),
                Column(t("grid")),
                Column(t("reasons")),
                Column(t("head")),
                Column(t("phone")),
                Column(t("required"), K.INT),
                Column(t("done"), K.INT),
                Column(t("last_visit"), K.DATE),
            ),
            [
                (
                    x.address,
                    x.grid,
                    "、".join(w(labels.KEY_REASONS, r) for r in x.reasons),
                    x.head,
                    x.phone,
                    x.required,
                    x.visits,
                    x.last_visit,
                )
                for x in cov.missed
            ],
        ),
        Table(
            "concerns",
            t("top_concerns"),
            (
                Column(t("category")),
                Column(t("count"), K.INT),
                Column(t("previous"), K.INT),
                Column(t("change"), K.INT),
            ),
            [
                (labels.category(c.category, locale), c.count, c.previous, c.change)
                for c in m.concerns
            ],
            Chart(ChartKind.BAR, t("top_concerns"), 0, (1, 2)),
        ),
    )


def _ticket_tables(m: MonthlySummary, locale: str) -> tuple[Table, ...]:
    """Tickets by category, level and state; hazards by kind and by market."""
    t = labels.texts(locale)
    w = lambda table, code: labels.word(table, code, locale)  # noqa: E731
    tk, hz = m.tickets, m.hazards
    return (
        _pairs(
            "tickets_by_category",
            t("by_category"),
            (t("category"), K.TEXT),
            [(labels.category(c, locale), n) for c, n in tk.by_category.items()],
            locale,
            ChartKind.BAR,
        ),
        _pairs(
            "tickets_by_level",
            t("by_level"),
            (t("level"), K.TEXT),
            [(w(labels.LEVELS, k), n) for k, n in tk.by_level.items()],
            locale,
        ),
        _pairs(
            "tickets_by_status",
            t("by_status"),
            (t("status"), K.TEXT),
            [(w(labels.TICKET_STATUSES, k), n) for k, n in tk.by_status.items()],
            locale,
            ChartKind.COLUMN,
        ),
        _hazard_table("hazards_by_kind", t("by_kind"), t("hazard_kind"), hz.by_kind, locale),
        _hazard_table("hazards_by_market", t("by_market"), t("market"), hz.by_market, locale),
    )


def _pairs(
    code: str,
    title: str,
    first: tuple[str, Kind],
    rows: list[tuple[Cell, Cell]],
    locale: str,
    chart: ChartKind | None = None,
) -> Table:
    return Table(
        code,
        title,
        (Column(first[0], first[1]), Column(labels.text("count", locale), K.INT)),
        list(rows),
        Chart(chart, title) if chart else None,
    )


def _hazard_table(code: str, title: str, name: str, lines: tuple, locale: str) -> Table:
    t = lambda c: labels.text(c, locale)  # noqa: E731
    return Table(
        code,
        title,
        (Column(name), Column(t("found"), K.INT), Column(t("eliminated"), K.INT)),
        [(x.name, x.found, x.eliminated) for x in lines],
        Chart(ChartKind.COLUMN, title, 0, (1, 2)),
    )
