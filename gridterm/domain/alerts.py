"""Alerts (提醒): what a worker must hear about, computed from the records every terminal has.

An alert is one event with a key (``urgent:<ticket>``, ``escalated:<step>``…) derived only
from synced records, so every terminal of a worker computes the same alerts with the same
keys. That a worker was notified of one, or has seen it, is a mark (``alert_mark``) with an
id derived from (worker, key, state): marks made on two terminals are one record, synced to
the worker's other terminals, so nothing alerts twice. Pure: no Qt.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from gridterm.domain.deadlines import Due, DueState
from gridterm.domain.hazards import RECTIFICATION_PENDING, Hazard, HazardStatus, HazardStep
from gridterm.domain.tickets import Ticket, TicketAction, TicketStatus, Transition, acts_at
from gridterm.domain.users import User

#: The namespace of mark ids (any fixed UUID: marks of one event agree on every terminal).
_MARKS = uuid.UUID("6f1c2a47-93b5-4f0e-9a0e-7d3c15b2e8a4")


class AlertKind(StrEnum):
    """What happened."""

    URGENT_TICKET = "urgent_ticket"  # 紧急工单: new in my grid
    ESCALATED = "escalated"  # 上报到我这一级
    DISPATCHED = "dispatched"  # 已派单 (吹哨): I follow it up
    DUE_SOON = "due_soon"  # 一天内到期
    OVERDUE = "overdue"  # 已超时
    REINSPECT = "reinspect"  # 隐患已整改，待复查
    HOUSEHOLD_OVERDUE = "household_overdue"  # 重点户逾期未访


class Subject(StrEnum):
    """The kind of record an alert opens."""

    TICKET = "ticket"
    HAZARD = "hazard"
    HOUSEHOLD = "household"


class MarkState(StrEnum):
    """What a worker's terminal did with an alert."""

    NOTIFIED = "notified"  # shown as a system notification
    SEEN = "seen"  # looked at in the notification centre


@dataclass(frozen=True, slots=True)
class Alert:
    """One event for one worker: ``subject_id`` opens the record; ``at`` is when it happened
    or falls due; ``title`` what the record is (a ticket's title, an address…)."""

    key: str
    kind: AlertKind
    subject: Subject
    subject_id: str
    title: str
    at: datetime
    #: A key household's last visit (None: never visited, or not a household's alert).
    last_visit: date | None = None


def mark_id(user_id: str, key: str, state: MarkState) -> str:
    """The id of a worker's mark of an alert: the same on every terminal."""
    return str(uuid.uuid5(_MARKS, f"{user_id}\n{key}\n{state.value}"))


def ticket_alerts(
    user: User, ticket: Ticket, due: Due | None, steps: Iterable[Transition], now: datetime
) -> list[Alert]:
    """The alerts one ticket of the user's area raises for ``user`` (who acts at its level)."""
    if ticket.status is TicketStatus.CLOSED or not acts_at(user.role, ticket.level):
        return []

    def alert(key: str, kind: AlertKind, at: datetime) -> Alert:
        return Alert(key, kind, Subject.TICKET, ticket.id, ticket.title, at)

    out: list[Alert] = []
    urgent = ticket.urgent and ticket.status is TicketStatus.REPORTED
    if urgent and ticket.reported_by != user.id:
        out.append(alert(f"urgent:{ticket.id}", AlertKind.URGENT_TICKET, ticket.reported_at))
    last = max(steps, key=lambda s: (s.at, s.id), default=None)
    if last is not None and last.by_user != user.id:
        if last.action is TicketAction.ESCALATE and last.to_level is ticket.level:
            out.append(alert(f"escalated:{last.id}", AlertKind.ESCALATED, last.at))
        if last.action is TicketAction.DISPATCH and ticket.status is TicketStatus.DISPATCHED:
            out.append(alert(f"dispatched:{last.id}", AlertKind.DISPATCHED, last.at))
    if due is not None:
        state = due.state(now)
        which = f"{ticket.id}:{due.kind.value}:{due.at.isoformat()}"
        if state is DueState.OVERDUE:
            out.append(alert(f"overdue:{which}", AlertKind.OVERDUE, due.at))
        elif state is DueState.SOON and not urgent:  # the urgent alert says it already
            out.append(alert(f"soon:{which}", AlertKind.DUE_SOON, due.at))
    return out


def hazard_alerts(
    user: User,
    hazard: Hazard,
    title: str,
    due: Due | None,
    rectified: HazardStep | None,
    now: datetime,
) -> list[Alert]:
    """The alerts one hazard of the user's area raises: its rectification deadline within a
    day or missed while it is still to be rectified; once rectified (``rectified``: the step
    that said so, a rectification or its ticket handled), due for re-inspection — one alert
    per rectification (a failed re-inspection and a new rectification alert again), none for
    whoever recorded it."""

    def alert(key: str, kind: AlertKind, at: datetime) -> Alert:
        return Alert(key, kind, Subject.HAZARD, hazard.id, title, at)

    if hazard.status is HazardStatus.RECTIFIED:
        if rectified is None:  # carried from before steps were kept
            return [alert(f"reinspect:{hazard.id}", AlertKind.REINSPECT, hazard.found_at)]
        if rectified.by_user == user.id:
            return []
        return [alert(f"reinspect:{hazard.id}:{rectified.id}", AlertKind.REINSPECT, rectified.at)]
    if due is None or hazard.status not in RECTIFICATION_PENDING:
        return []
    which = f"{hazard.id}:{due.kind.value}:{hazard.deadline.isoformat()}"
    state = due.state(now)
    if state is DueState.OVERDUE:
        return [alert(f"overdue:{which}", AlertKind.OVERDUE, due.at)]
    if state is DueState.SOON:
        return [alert(f"soon:{which}", AlertKind.DUE_SOON, due.at)]
    return []


def household_alert(
    household_id: str, address: str, last_visit: date | None, at: datetime
) -> Alert:
    """A key household overdue for a visit (one alert until it is visited again); ``at`` is
    the day it fell due (today for one never visited)."""
    since = last_visit.isoformat() if last_visit else "never"
    key = f"visit:{household_id}:{since}"
    kind, subject = AlertKind.HOUSEHOLD_OVERDUE, Subject.HOUSEHOLD
    return Alert(key, kind, subject, household_id, address, at, last_visit)
