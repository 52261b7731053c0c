"""工作日志: the daily work log of an area, per worker, with the area's totals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from gridterm.domain.tickets import TicketAction
from gridterm.reports.period import Period
from gridterm.reports.promise import Response, first_response
from gridterm.reports.rows import (
    Area,
    CheckRow,
    HazardRow,
    ReportSource,
    StepRow,
    TicketRow,
    VisitRow,
    WorkerRow,
)

#: The ticket steps a daily log counts per worker, in the order of the state machine.
STEP_ACTIONS: tuple[str, ...] = tuple(
    a.value
    for a in (
        TicketAction.REPORT,
        TicketAction.ACCEPT,
        TicketAction.ESCALATE,
        TicketAction.DISPATCH,
        TicketAction.MARK_HANDLED,
        TicketAction.VERIFY,
        TicketAction.CLOSE,
    )
)


@dataclass(frozen=True, slots=True)
class VisitLine:
    """One visit in a worker's list: time, address, type, outcome."""

    at: datetime
    address: str
    visit_type: str
    outcome: str
    key: bool
    concerns: int


@dataclass(frozen=True, slots=True)
class UrgentLine:
    """An urgent ticket of the day and how fast it was answered (10分钟服务承诺)."""

    ticket_id: str
    title: str
    grid: str
    response: Response


@dataclass(frozen=True, slots=True)
class Activity:
    """What one worker, or the whole area, did in the day."""

    visits: int = 0
    key_visits: int = 0
    visits_by_type: dict[str, int] = field(default_factory=dict)
    concerns: int = 0
    steps: dict[str, int] = field(default_factory=dict)
    urgent: int = 0
    promise_kept: int = 0
    hazards_found: int = 0
    hazards_closed: int = 0
    photos: int = 0


@dataclass(frozen=True, slots=True)
class WorkerDay:
    """One worker's day: 打卡 times, visits, tickets, hazards, photos, last sync."""

    worker: WorkerRow
    check_in: datetime | None
    check_out: datetime | None
    located: bool
    activity: Activity
    visit_lines: tuple[VisitLine, ...]
    urgent_lines: tuple[UrgentLine, ...]


@dataclass(frozen=True, slots=True)
class DailyLog:
    """The daily log of an area for one day."""

    area: Area
    period: Period
    generated_at: datetime
    data_as_of: datetime | None
    workers: tuple[WorkerDay, ...]
    totals: Activity
    checked_in: int
    urgent_lines: tuple[UrgentLine, ...]
    #: conflicts of the area open when the log was made (冲突待处理)
    conflicts_open: int = 0


def daily_log(source: ReportSource, area: Area, period: Period, now: datetime) -> DailyLog:
    """Compute the daily log of ``area`` for ``period`` (a day) from ``source``'s rows."""
    start, end = period.utc_range()
    staff = source.workers(area)
    visits = [v for v in source.visits(area, start, end) if counted(v)]
    tickets = source.tickets(area, start, end)
    steps_by_ticket = by_ticket(source.steps([t.id for t in tickets]))
    day_steps = [
        s for ts in steps_by_ticket.values() for s in ts if period.start <= s.at < period.end
    ]
    hazards = source.hazards(area, start, end)
    reported = [t for t in tickets if period.start <= t.reported_at < period.end]
    promise = source.settings(area).urgent.respond
    urgent = [
        UrgentLine(t.id, t.title, area.grid_names.get(t.grid_id, ""), r)
        for t in reported
        if t.urgent
        for r in [first_response(t, steps_by_ticket.get(t.id, ()), now, promise)]
    ]
    # Anyone who acted in the area that day has a line, assigned there or not.
    known = {w.id for w in staff}
    actors = {v.user_id for v in visits} | {s.by_user for s in day_steps}
    actors |= {h.found_by for h in hazards if period.start <= h.found_at < period.end}
    staff += source.workers_by_id(sorted(actors - known)) if actors - known else []
    checks = _by_user(source.check_ins([w.id for w in staff], start, end))
    days = tuple(
        _worker_day(w, checks.get(w.id, []), visits, day_steps, hazards, reported, urgent, period)
        for w in staff
    )
    totals = _activity(visits, day_steps, hazards, reported, urgent, period)
    checked_in = sum(1 for d in days if d.check_in is not None)
    return DailyLog(
        area,
        period,
        now,
        source.data_as_of(),
        days,
        totals,
        checked_in,
        tuple(urgent),
        source.open_conflicts(area),
    )


def counted(visit: VisitRow) -> bool:
    """A correction (``revision_of``) re-states a visit already counted, as Today does."""
    return visit.revision_of is None


def _worker_day(
    worker: WorkerRow,
    checks: list[CheckRow],
    visits: list[VisitRow],
    steps: list[StepRow],
    hazards: list[HazardRow],
    reported: list[TicketRow],
    urgent: list[UrgentLine],
    period: Period,
) -> WorkerDay:
    mine = [v for v in visits if v.user_id == worker.id]
    ins = [c.at for c in checks if c.kind == "in"]
    outs = [c.at for c in checks if c.kind == "out"]
    grids = set(worker.grid_ids)
    reported_ids = {t.id for t in reported if t.grid_id in grids}
    my_urgent = [u for u in urgent if u.ticket_id in reported_ids]
    activity = _activity(
        mine,
        [s for s in steps if s.by_user == worker.id],
        [h for h in hazards if h.found_by == worker.id],
        [t for t in reported if t.reported_by == worker.id],
        my_urgent,
        period,
        closes=False,
    )
    lines = tuple(
        VisitLine(v.visited_at, v.address, v.visit_type, v.outcome, v.key, len(v.concerns))
        for v in sorted(mine, key=lambda v: v.visited_at)
    )
    return WorkerDay(
        worker=worker,
        check_in=min(ins) if ins else None,
        check_out=max(outs) if outs else None,
        located=any(c.located for c in checks),
        activity=activity,
        visit_lines=lines,
        urgent_lines=tuple(my_urgent),
    )


def _activity(
    visits: list[VisitRow],
    steps: list[StepRow],
    hazards: list[HazardRow],
    reported: list[TicketRow],
    urgent: Iterable[UrgentLine],
    period: Period,
    *,
    closes: bool = True,
) -> Activity:
    urgent = list(urgent)
    counted_steps = Counter(s.action for s in steps)
    photos = sum(v.photos for v in visits) + sum(1 for s in steps if s.photo)
    photos += sum(t.photos for t in reported)
    return Activity(
        visits=len(visits),
        key_visits=sum(1 for v in visits if v.key),
        visits_by_type=dict(Counter(v.visit_type for v in visits)),
        concerns=sum(len(v.concerns) for v in visits),
        steps={a: counted_steps.get(a, 0) for a in STEP_ACTIONS},
        urgent=len(urgent),
        promise_kept=sum(1 for u in urgent if u.response.kept),
        hazards_found=sum(1 for h in hazards if period.start <= h.found_at < period.end),
        hazards_closed=sum(
            1
            for h in hazards
            if closes and h.closed_at is not None and period.start <= h.closed_at < period.end
        ),
        photos=photos,
    )


def by_ticket(steps: Iterable[StepRow]) -> dict[str, list[StepRow]]:
    """Ticket steps grouped by ticket."""
    out: dict[str, list[StepRow]] = {}
    for s in steps:
        out.setdefault(s.ticket_id, []).append(s)
    return out


def _by_user(checks: Iterable[CheckRow]) -> dict[str, list[CheckRow]]:
    out: dict[str, list[CheckRow]] = {}
    for c in checks:
        out.setdefault(c.user_id, []).append(c)
    return out
