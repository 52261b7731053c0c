"""The worker's alerts (提醒中心): computed from the pulled records, with what was seen.

Alerts arrive with the pull: they are computed from the records on this terminal (tickets of
the area and their steps, hazards, key households due), never sent as messages. What a worker
has been notified of, or has seen, is an ``alert_mark`` record of their own, pushed and pulled
to their other terminals; its id is derived from the alert, so one event is one mark however
many terminals mark it (``gridterm.domain.alerts``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from gridterm.domain.alerts import (
    Alert,
    MarkState,
    hazard_alerts,
    household_alert,
    mark_id,
    ticket_alerts,
)
from gridterm.domain.deadlines import hazard_due
from gridterm.domain.hazards import RECTIFICATION_PENDING, Hazard, HazardStatus, HazardStep
from gridterm.domain.tickets import Ticket, Transition
from gridterm.domain.users import ScopeLevel
from gridterm.domain.visit_schedule import DueState
from gridterm.reports.period import LOCAL_TZ, local_day
from gridterm.services.deadlines import ticket_lines
from gridterm.services.session import Session
from gridterm.services.today import due_households
from gridterm.store.entities import codec
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx


@dataclass(frozen=True, slots=True)
class AlertLine:
    """An alert in the notification centre; ``seen`` once looked at on any terminal."""

    alert: Alert
    seen: bool


@dataclass(frozen=True, slots=True)
class AlertOverview:
    """The alerts standing now (newest first) and those no terminal has announced or shown."""

    lines: list[AlertLine]
    to_notify: list[Alert]

    @property
    def unseen(self) -> int:
        """How many the worker has not looked at (the bell's count)."""
        return sum(not line.seen for line in self.lines)


class Alerts:
    """The logged-in worker's alerts and their marks."""

    def __init__(self, session: Session):
        self.session = session

    def current(self) -> list[AlertLine]:
        """Every alert standing now, newest first (the unseen first among equals)."""
        return self.overview().lines

    def to_notify(self) -> list[Alert]:
        """Alerts this worker has been neither notified of nor shown, on any terminal."""
        return self.overview().to_notify

    def overview(self) -> AlertOverview:
        """``current`` and ``to_notify`` from one computation (the bell needs both)."""
        alerts = self._compute()
        marks = self.session.store.read(self._marks)
        lines = [AlertLine(a, MarkState.SEEN in marks.get(a.key, ())) for a in alerts]
        lines.sort(key=lambda line: (line.alert.at, not line.seen), reverse=True)
        return AlertOverview(lines, [a for a in alerts if not marks.get(a.key)])

    def mark(self, alerts: Iterable[Alert], state: MarkState) -> int:
        """Record that ``alerts`` were notified or seen (one transaction); returns how many
        marks were new. A mark another terminal made already is not made again."""
        user_id = self.session.user.id
        at = self.session.now().isoformat(timespec="milliseconds")
        wanted = {mark_id(user_id, a.key, state): a.key for a in alerts}

        def write(tx: Tx) -> int:
            have = _existing(tx.reader(), list(wanted))
            new = [(i, key) for i, key in wanted.items() if i not in have]
            for i, key in new:
                tx.insert(
                    "alert_mark",
                    {"id": i, "user_id": user_id, "alert_key": key, "state": state.value, "at": at},
                )
            return len(new)

        return self.session.store.write(write) if wanted else 0

    # -- computing ---------------------------------------------------------------------------

    def _compute(self) -> list[Alert]:
        now = self.session.now()
        alerts = self.session.store.read(lambda r: self._records(r, now))
        user = self.session.user
        if user.scope_level is ScopeLevel.GRIDS:
            # key households are their own grids' worker's: a supervisor would get every one
            today = local_day(now)
            for d in due_households(self.session, today):
                if d.state is DueState.OVERDUE:
                    # when it fell due, not when counted: the alert reads the same all day
                    fell = datetime.combine(today - timedelta(d.days_overdue), time(), LOCAL_TZ)
                    alerts.append(household_alert(d.household_id, d.address, d.last_visit, fell))
        return alerts

    def _records(self, r: Reader, now: datetime) -> list[Alert]:
        grids = self.session.visible_grid_ids(r)
        if not grids:
            return []
        return self._ticket_alerts(r, grids, now) + self._hazard_alerts(r, grids, now)

    def _ticket_alerts(self, r: Reader, grids: list[str], now: datetime) -> list[Alert]:
        marks = ",".join("?" * len(grids))
        tickets = [
            codec(Ticket).read(row)
            for row in r.iter(
                f"SELECT * FROM ticket WHERE grid_id IN ({marks}) AND status != 'closed'",
                tuple(grids),
            )
        ]
        steps = _steps(r, [t.id for t in tickets])
        out: list[Alert] = []
        user = self.session.user
        for line in ticket_lines(r, tickets):
            t = line.ticket
            out.extend(ticket_alerts(user, t, line.due, steps.get(t.id, ()), now))
        return out

    def _hazard_alerts(self, r: Reader, grids: list[str], now: datetime) -> list[Alert]:
        marks = ",".join("?" * len(grids))
        watched = (*RECTIFICATION_PENDING, HazardStatus.RECTIFIED)
        hazards = [
            codec(Hazard).read(row)
            for row in r.iter(
                f"SELECT * FROM hazard WHERE grid_id IN ({marks}) AND status IN (?, ?, ?)",
                (*grids, *(s.value for s in watched)),
            )
        ]
        rectified = _rectified(r, [h.id for h in hazards if h.status is HazardStatus.RECTIFIED])
        out: list[Alert] = []
        for h in hazards:
            title = h.description.split("\n", 1)[0] or h.item_code
            due = hazard_due(h, LOCAL_TZ)
            out.extend(hazard_alerts(self.session.user, h, title, due, rectified.get(h.id), now))
        return out

    def _marks(self, r: Reader) -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for row in r.iter(
            "SELECT alert_key, state FROM alert_mark WHERE user_id = ?", (self.session.user.id,)
        ):
            found[row["alert_key"]].add(row["state"])
        return found


def _steps(r: Reader, ticket_ids: list[str]) -> dict[str, list[Transition]]:
    found: dict[str, list[Transition]] = defaultdict(list)
    for row in r.iter_in("SELECT * FROM ticket_transition WHERE ticket_id IN ({in})", ticket_ids):
        found[row["ticket_id"]].append(codec(Transition).read(row))
    return found


def _rectified(r: Reader, hazard_ids: list[str]) -> dict[str, HazardStep]:
    """hazard id → the step that made it rectified last (a rectification, its ticket handled)."""
    found: dict[str, HazardStep] = {}
    for row in r.iter_in(
        "SELECT * FROM hazard_step WHERE to_status = 'rectified' AND hazard_id IN ({in})",
        hazard_ids,
    ):
        step = codec(HazardStep).read(row)
        last = found.get(step.hazard_id)
        if last is None or (step.at, step.id) > (last.at, last.id):
            found[step.hazard_id] = step
    return found


def _existing(r: Reader, ids: list[str]) -> set[str]:
    return {row["id"] for row in r.iter_in("SELECT id FROM alert_mark WHERE id IN ({in})", ids)}
