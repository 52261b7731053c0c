"""月度民情分析: the monthly summary of an area, for the street office's 民情分析会."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from gridterm.domain.office_settings import OfficeSettings
from gridterm.domain.territory import KeyReason
from gridterm.domain.users import User
from gridterm.reports.daily import by_ticket, counted
from gridterm.reports.masking import mask_household
from gridterm.reports.period import Period, local_day, stored, until
from gridterm.reports.promise import closed_at, first_response, is_overdue
from gridterm.reports.rows import Area, HazardRow, ReportSource, StepRow, TicketRow, VisitRow

#: A concern raised without a category is counted under this code.
UNCATEGORISED = ""
#: How many concern categories the summary ranks.
TOP_CONCERNS = 10


@dataclass(frozen=True, slots=True)
class Missed:
    """A key household not visited as often as its schedule asks this month."""

    address: str
    grid: str
    reasons: tuple[str, ...]
    head: str
    phone: str
    required: int
    visits: int
    last_visit: date | None


@dataclass(frozen=True, slots=True)
class Coverage:
    """重点户走访覆盖: how many key households had their visits, and which did not."""

    households: int
    covered: int
    missed: tuple[Missed, ...]

    @property
    def share(self) -> float | None:
        """Covered households as a share of all; None (not applicable, shown "—") when there
        are none: nobody was owed a visit."""
        return self.covered / self.households if self.households else None


@dataclass(frozen=True, slots=True)
class ConcernLine:
    """A concern category this month, and last month."""

    category: str
    count: int
    previous: int

    @property
    def change(self) -> int:
        """Change against last month."""
        return self.count - self.previous


@dataclass(frozen=True, slots=True)
class TicketFigures:
    """Tickets reported this month, how they stand, how fast they closed."""

    reported: int
    by_category: dict[str, int]
    by_level: dict[str, int]
    by_status: dict[str, int]
    escalated: int
    closed: int
    mean_hours_to_close: float | None
    p90_hours_to_close: float | None
    overdue: int
    urgent: int
    promise_kept: int

    @property
    def escalation_share(self) -> float | None:
        """Share of the month's tickets escalated at least once; None (not applicable, shown
        "—") when none was reported: nothing could be escalated."""
        return self.escalated / self.reported if self.reported else None

    @property
    def promise_share(self) -> float | None:
        """Share of urgent tickets answered within 10 minutes; None (not applicable, shown
        "—") when there were none: no promise was kept or broken."""
        return self.promise_kept / self.urgent if self.urgent else None


@dataclass(frozen=True, slots=True)
class HazardLine:
    """Hazards of one kind (checklist item) or one market: found against eliminated."""

    name: str
    found: int
    eliminated: int


@dataclass(frozen=True, slots=True)
class HazardFigures:
    """隐患: found against eliminated (verified closed), by kind and by market."""

    found: int
    eliminated: int
    by_kind: tuple[HazardLine, ...]
    by_market: tuple[HazardLine, ...]
    open_overdue: int


@dataclass(frozen=True, slots=True)
class MonthlySummary:
    """The monthly summary of an area."""

    area: Area
    period: Period
    generated_at: datetime
    data_as_of: datetime | None
    visits: int
    key_visits: int
    visits_by_type: dict[str, int]
    visits_by_grid: tuple[tuple[str, int, int], ...]
    visits_by_day: tuple[tuple[date, int], ...]
    coverage: Coverage
    concerns: tuple[ConcernLine, ...]
    tickets: TicketFigures
    hazards: HazardFigures


def monthly_summary(
    source: ReportSource, area: Area, period: Period, now: datetime, viewer: User
) -> MonthlySummary:
    """Compute the monthly summary of ``area`` for ``period`` (a month) from ``source``.

    The current month counts up to today; personal data is masked for ``viewer``'s role.
    """
    today = local_day(now)
    counted_period = until(period, today)
    start, end = period.utc_range()
    previous = period.previous()
    prev_start, _ = previous.utc_range()
    visits = [v for v in source.visits(area, start, end) if counted(v)]
    # last month only for "change against last month": its concerns, not its visits
    earlier = source.concerns(area, prev_start, start)
    tickets = source.tickets(area, start, end)
    steps = by_ticket(source.steps([t.id for t in tickets]))
    since = stored(period.start - timedelta(days=31))
    coverage = _coverage(source, area, counted_period, since, end, viewer)
    per_day = Counter(local_day(v.visited_at) for v in visits)
    grids = Counter(v.grid_id for v in visits)
    key_by_grid = Counter(v.grid_id for v in visits if v.key)
    return MonthlySummary(
        area=area,
        period=period,
        generated_at=now,
        data_as_of=source.data_as_of(),
        visits=len(visits),
        key_visits=sum(1 for v in visits if v.key),
        visits_by_type=dict(Counter(v.visit_type for v in visits).most_common()),
        visits_by_grid=tuple(
            (name, grids.get(gid, 0), key_by_grid.get(gid, 0))
            for gid, name in area.grid_names.items()
        ),
        visits_by_day=tuple(
            (
                counted_period.first + timedelta(days=i),
                per_day.get(counted_period.first + timedelta(days=i), 0),
            )
            for i in range(counted_period.days)
        ),
        coverage=coverage,
        concerns=_concerns(visits, earlier),
        tickets=_tickets(tickets, steps, period, now, source.settings(area)),
        hazards=_hazards(source.hazards(area, start, end), area, period, today),
    )


def _coverage(
    source: ReportSource, area: Area, period: Period, since: str, end: str, viewer: User
) -> Coverage:
    missed: list[Missed] = []
    households = covered = 0
    settings = source.settings(area)
    for h in source.key_households(area, since, end):
        interval = settings.interval_for(KeyReason(r) for r in h.reasons)
        if interval is None:
            continue
        households += 1
        required = max(1, period.days // interval)
        done = sum(1 for d in h.visits if period.first <= d <= period.last)
        if done >= required:
            covered += 1
            continue
        head, phone = mask_household(viewer, h.head, h.phone)
        missed.append(
            Missed(
                address=h.address,
                grid=area.grid_names.get(h.grid_id, ""),
                reasons=h.reasons,
                head=head,
                phone=phone,
                required=required,
                visits=done,
                last_visit=max((d for d in h.visits if d <= period.last), default=None),
            )
        )
    missed.sort(key=lambda m: (m.visits - m.required, m.last_visit or date.min, m.address))
    return Coverage(households, covered, tuple(missed))


def _concerns(visits: list[VisitRow], earlier: list[str]) -> tuple[ConcernLine, ...]:
    now = Counter(c for v in visits for c in v.concerns)
    before = Counter(earlier)
    top = [c for c, _ in now.most_common(TOP_CONCERNS)]
    return tuple(ConcernLine(c, now[c], before.get(c, 0)) for c in top)


def _tickets(
    tickets: list[TicketRow],
    steps: dict[str, list[StepRow]],
    period: Period,
    now: datetime,
    settings: OfficeSettings,
) -> TicketFigures:
    month = [t for t in tickets if period.start <= t.reported_at < period.end]
    hours: list[float] = []
    for t in tickets:
        done = closed_at(steps.get(t.id, ()))
        if done is not None and period.start <= done < period.end:
            hours.append((done - t.reported_at).total_seconds() / 3600)
    urgent = [t for t in month if t.urgent]
    promise = settings.urgent.respond
    kept = sum(1 for t in urgent if first_response(t, steps.get(t.id, ()), now, promise).kept)
    at = min(now, period.end)
    return TicketFigures(
        reported=len(month),
        by_category=dict(Counter(t.category for t in month).most_common()),
        by_level=dict(Counter(t.level for t in month)),
        by_status=dict(Counter(t.status for t in month)),
        escalated=sum(1 for t in month if any(s.action == "escalate" for s in steps.get(t.id, ()))),
        closed=len(hours),
        mean_hours_to_close=sum(hours) / len(hours) if hours else None,
        p90_hours_to_close=percentile(hours, 0.9),
        overdue=sum(
            1
            for t in tickets
            if t.reported_at < period.end and is_overdue(t, steps.get(t.id, ()), settings, at)
        ),
        urgent=len(urgent),
        promise_kept=kept,
    )


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (the 90th: the value 90 % of the sample stay within)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _hazards(hazards: list[HazardRow], area: Area, period: Period, today: date) -> HazardFigures:
    found = [h for h in hazards if period.start <= h.found_at < period.end]
    gone = [
        h for h in hazards if h.closed_at is not None and period.start <= h.closed_at < period.end
    ]

    def lines(key_found: Counter[str], key_gone: Counter[str]) -> tuple[HazardLine, ...]:
        names = sorted(set(key_found) | set(key_gone), key=lambda n: (-key_found[n], n))
        return tuple(HazardLine(n, key_found[n], key_gone[n]) for n in names)

    return HazardFigures(
        found=len(found),
        eliminated=len(gone),
        by_kind=lines(Counter(h.item_text for h in found), Counter(h.item_text for h in gone)),
        by_market=lines(
            Counter(area.grid_names.get(h.grid_id, "") for h in found),
            Counter(area.grid_names.get(h.grid_id, "") for h in gone),
        ),
        # 逾期未整改: still to be rectified past its day (a rectified one awaits re-inspection)
        open_overdue=sum(
            1 for h in hazards if h.status in ("open", "rectifying") and h.deadline < today
        ),
    )
