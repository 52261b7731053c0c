"""团队: the area's workers today, live — who has not checked in, who is behind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gridterm.domain.territory import KeyReason
from gridterm.domain.visit_schedule import DueState, visit_due
from gridterm.reports.daily import DailyLog, WorkerDay, daily_log
from gridterm.reports.period import day_period, local_day, stored
from gridterm.reports.promise import DONE_STATUSES
from gridterm.reports.rows import Area, ReportSource


@dataclass(frozen=True, slots=True)
class TeamMember:
    """One worker's day so far, with the key households they owe and their open tickets."""

    day: WorkerDay
    due: int
    overdue: int
    open_tickets: int
    urgent_open: int

    @property
    def checked_in(self) -> bool:
        """Checked in today."""
        return self.day.check_in is not None

    @property
    def behind(self) -> bool:
        """Key households overdue in their grids: the supervisor follows up."""
        return self.overdue > 0


@dataclass(frozen=True, slots=True)
class Team:
    """The team of an area today."""

    log: DailyLog
    members: tuple[TeamMember, ...]


def team_today(source: ReportSource, area: Area, now: datetime) -> Team:
    """The daily log of today with each worker's due and overdue key households and open
    tickets in their grids."""
    today = local_day(now)
    log = daily_log(source, area, day_period(today), now)
    period = day_period(today)
    start, end = period.utc_range()
    due_by_grid: dict[str, list[DueState]] = {}
    settings = source.settings(area)
    for h in source.key_households(area, stored(period.start.replace(year=today.year - 1)), end):
        last = max(h.visits, default=None)
        reasons = frozenset(KeyReason(r) for r in h.reasons)
        due = visit_due(h.id, reasons, last, today, settings)
        if due is not None and due.state is not DueState.NOT_DUE:
            due_by_grid.setdefault(h.grid_id, []).append(due.state)
    open_by_grid: dict[str, list[bool]] = {}
    for t in source.tickets(area, start, end):
        if t.status not in DONE_STATUSES:
            open_by_grid.setdefault(t.grid_id, []).append(t.urgent)
    members = []
    for day in log.workers:
        states = [s for g in day.worker.grid_ids for s in due_by_grid.get(g, [])]
        opened = [u for g in day.worker.grid_ids for u in open_by_grid.get(g, [])]
        members.append(
            TeamMember(
                day=day,
                due=sum(1 for s in states if s is DueState.DUE),
                overdue=sum(1 for s in states if s is DueState.OVERDUE),
                open_tickets=len(opened),
                urgent_open=sum(opened),
            )
        )
    # Who needs a look first: not checked in, then the most overdue.
    members.sort(key=lambda m: (m.checked_in, -m.overdue, m.day.worker.name))
    return Team(log, tuple(members))
