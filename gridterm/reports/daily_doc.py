"""The daily log as a document: a summary table (one row per worker), one table per worker,
and the urgent tickets with their response times."""

from __future__ import annotations

from gridterm.reports import labels
from gridterm.reports.daily import STEP_ACTIONS, Activity, DailyLog, UrgentLine, WorkerDay
from gridterm.reports.document import (
    Cell,
    Chart,
    ChartKind,
    Column,
    Document,
    Kind,
    Table,
    header_of,
)

K = Kind


def daily_document(log: DailyLog, locale: str = "zh_CN") -> Document:
    """The daily log in ``locale``."""
    t = labels.texts(locale)
    step_columns = tuple(
        Column(labels.word(labels.TICKET_STEPS, a, locale), K.INT) for a in STEP_ACTIONS
    )
    summary = Table(
        "summary",
        t("by_worker"),
        (
            Column(t("worker")),
            Column(t("worker_id")),
            Column(t("role")),
            Column(t("check_in"), K.TIME),
            Column(t("check_out"), K.TIME),
            Column(t("located"), K.BOOL),
            *_activity_columns(locale),
            Column(t("last_sync"), K.DATETIME),
        ),
        [_summary_row(d, locale) for d in log.workers] + [_total_row(log.totals, locale)],
        Chart(ChartKind.BAR, t("visits"), category=0, values=(6,), exclude_last=True),
    )
    # the ticket steps get a table of their own: one wide table would not print on A4
    step_rows: list[tuple[Cell, ...]] = [
        (d.worker.name, d.worker.worker_id, *(d.activity.steps.get(a, 0) for a in STEP_ACTIONS))
        for d in log.workers
    ]
    step_rows.append((t("total"), "", *(log.totals.steps.get(a, 0) for a in STEP_ACTIONS)))
    steps = Table(
        "steps", t("steps"), (Column(t("worker")), Column(t("worker_id")), *step_columns), step_rows
    )
    tables = [summary, steps]
    used: set[str] = set()
    for day in log.workers:
        if day.activity.visits or day.check_in or any(day.activity.steps.values()):
            tables.append(_worker_table(day, locale, used))
    tables.append(_urgent_table(log.urgent_lines, locale))
    a = log.totals
    figures = (
        (t("checked_in"), log.checked_in, K.INT),
        (t("visits"), a.visits, K.INT),
        (t("key_visits"), a.key_visits, K.INT),
        (t("concerns"), a.concerns, K.INT),
        (labels.word(labels.TICKET_STEPS, "report", locale), a.steps.get("report", 0), K.INT),
        (labels.word(labels.TICKET_STEPS, "close", locale), a.steps.get("close", 0), K.INT),
        (t("urgent"), a.urgent, K.INT),
        (t("promise_kept"), a.promise_kept, K.INT),
        (t("hazards_found"), a.hazards_found, K.INT),
        (t("hazards_closed"), a.hazards_closed, K.INT),
        (t("photos"), a.photos, K.INT),
        (t("conflicts_open"), log.conflicts_open, K.INT),
    )
    return Document(
        kind="daily",
        locale=locale,
        title=t("daily_title"),
        header=header_of(log.area, "date", log.period.label(), locale),
        figures=figures,
        tables=tuple(tables),
        generated_at=log.generated_at,
        data_as_of=log.data_as_of,
    )


def _activity_columns(locale: str) -> tuple[Column, ...]:
    t = labels.texts(locale)
    return (
        Column(t("visits"), K.INT),
        Column(t("key_visits"), K.INT),
        Column(t("concerns"), K.INT),
        Column(t("urgent"), K.INT),
        Column(t("promise_kept"), K.INT),
        Column(t("hazards_found"), K.INT),
        Column(t("hazards_closed"), K.INT),
        Column(t("photos"), K.INT),
    )


def _activity_cells(a: Activity) -> tuple[Cell, ...]:
    return (
        a.visits,
        a.key_visits,
        a.concerns,
        a.urgent,
        a.promise_kept,
        a.hazards_found,
        a.hazards_closed,
        a.photos,
    )


def _summary_row(d: WorkerDay, locale: str) -> tuple[Cell, ...]:
    w = d.worker
    return (
        w.name,
        w.worker_id,
        labels.word(labels.ROLES, w.role, locale),
        d.check_in,
        d.check_out,
        d.located,
        *_activity_cells(d.activity),
        w.last_sync,
    )


def _total_row(a: Activity, locale: str) -> tuple[Cell, ...]:
    return (labels.text("total", locale), "", "", None, None, None, *_activity_cells(a), None)


def _worker_table(day: WorkerDay, locale: str, used: set[str]) -> Table:
    t = labels.texts(locale)
    rows: list[tuple[Cell, ...]] = [
        (
            v.at,
            v.address,
            labels.word(labels.VISIT_TYPES, v.visit_type, locale),
            labels.word(labels.OUTCOMES, v.outcome, locale),
            v.key,
            v.concerns,
        )
        for v in day.visit_lines
    ]
    name = day.worker.name or day.worker.worker_id
    code = name if name not in used else f"{name}-{day.worker.worker_id}"
    used.add(code)
    by_type = ", ".join(
        f"{labels.word(labels.VISIT_TYPES, k, locale)} {n}"
        for k, n in sorted(day.activity.visits_by_type.items(), key=lambda kv: -kv[1])
    )
    title = f"{name} ({day.worker.worker_id}) · {t('visits')} {day.activity.visits}"
    if by_type:
        title += f" · {by_type}"
    return Table(
        f"worker:{code}",
        title,
        (
            Column(t("time"), K.TIME),
            Column(t("address")),
            Column(t("visit_type")),
            Column(t("outcome")),
            Column(t("key"), K.BOOL),
            Column(t("concerns"), K.INT),
        ),
        rows,
    )


def _urgent_table(lines: tuple[UrgentLine, ...], locale: str) -> Table:
    t = labels.texts(locale)
    return Table(
        "urgent",
        t("urgent"),
        (
            Column(t("title")),
            Column(t("grid")),
            Column(t("reported_at"), K.DATETIME),
            Column(t("accepted_at"), K.DATETIME),
            Column(t("response_minutes"), K.FLOAT),
            Column(t("kept")),
        ),
        [
            (
                u.title,
                u.grid,
                u.response.reported_at,
                u.response.accepted_at,
                u.response.minutes,
                t("waiting") if u.response.kept is None else t("yes" if u.response.kept else "no"),
            )
            for u in lines
        ],
    )
