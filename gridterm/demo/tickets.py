"""Ticket histories (问题交接单) walked through the domain's own state machine.

Each demo ticket is opened with ``Ticket.report`` and moved with ``Ticket.apply``, so its
status, level and ``ticket_transition`` rows are consistent by construction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from random import Random

from gridterm.demo.clock import DAY, HOUR, DemoClock
from gridterm.demo.seeded_ids import SeededIds
from gridterm.domain.tickets import Level, Ticket, TicketAction, TicketStatus, Transition
from gridterm.domain.users import Role

A = TicketAction

#: The actions that take a freshly reported ticket to each status at its level.
_PATH_TO: dict[TicketStatus, tuple[TicketAction, ...]] = {
    TicketStatus.REPORTED: (),
    TicketStatus.ACCEPTED: (A.ACCEPT,),
    TicketStatus.DISPATCHED: (A.ACCEPT, A.DISPATCH),
    TicketStatus.HANDLED: (A.ACCEPT, A.DISPATCH, A.MARK_HANDLED),
    TicketStatus.VERIFIED: (A.ACCEPT, A.DISPATCH, A.MARK_HANDLED, A.VERIFY),
    TicketStatus.CLOSED: (A.ACCEPT, A.DISPATCH, A.MARK_HANDLED, A.VERIFY, A.CLOSE),
}

#: How long each step usually takes, in hours (low, high).
_DELAY_HOURS: dict[TicketAction, tuple[float, float]] = {
    A.ACCEPT: (0.1, 4.0),
    A.ESCALATE: (2.0, 24.0),
    A.DISPATCH: (1.0, 24.0),
    A.MARK_HANDLED: (12.0, 120.0),
    A.VERIFY: (4.0, 48.0),
    A.REOPEN: (0.0, 0.5),
    A.CLOSE: (1.0, 24.0),
}

_NOTES: dict[TicketAction, tuple[str, ...]] = {
    A.ACCEPT: ("已受理", "已受理，正在协调"),
    A.ESCALATE: ("网格内无法解决，上报社区", "需街道协调相关部门处理"),
    A.DISPATCH: ("已派单",),
    A.MARK_HANDLED: ("已处置完毕", "已维修", "已清理"),
    A.VERIFY: ("现场核查已整改到位",),
    A.REOPEN: ("现场核查未整改到位，重新处置",),
    A.CLOSE: ("销号",),
}


@dataclass(frozen=True, slots=True)
class Actors:
    """Who acts on a grid's tickets: (user id, role) per level, and who verifies on site."""

    grid: tuple[str, Role]
    community: tuple[str, Role]
    street: tuple[str, Role]

    def at(self, level: Level) -> tuple[str, Role]:
        """The actor holding tickets at ``level``."""
        if level is Level.GRID:
            return self.grid
        return self.community if level is Level.COMMUNITY else self.street


class TicketDesk:
    """Opens demo tickets and appends their rows to the given buffers."""

    def __init__(
        self,
        rng: Random,
        ids: SeededIds,
        clock: DemoClock,
        tickets: list[tuple[object, ...]],
        transitions: list[tuple[object, ...]],
    ):
        self._rng = rng
        self._r = rng.random
        self._ids = ids
        self._clock = clock
        self._tickets = tickets
        self._transitions = transitions
        self._end = clock.at(0)  # history stops at the start of today
        #: The picture a verifying grid worker takes on site (销号 needs evidence); the core
        #: refuses a verification without one. Set once the demo's photos exist.
        self.verify_photo: str | None = None

    def plan(self, level: Level, status: TicketStatus) -> list[TicketAction]:
        """A plausible sequence of actions reaching ``status`` at ``level``."""
        r = self._r
        steps: list[TicketAction] = []
        for _ in range(list(Level).index(level)):
            if r() < 0.5:
                steps.append(A.ACCEPT)
            steps.append(A.ESCALATE)
        path = list(_PATH_TO[status])
        # Small matters at grid level are mostly settled by the grid worker, not dispatched.
        settle = status is not TicketStatus.DISPATCHED and level is Level.GRID
        if A.DISPATCH in path and settle and r() < 0.7:
            path.remove(A.DISPATCH)
        if A.VERIFY in path and r() < 0.08:
            at = path.index(A.VERIFY)
            path[at:at] = [A.REOPEN, A.MARK_HANDLED]
        return steps + path

    def open(
        self,
        *,
        ticket_id: str,
        grid_id: str,
        reporter: tuple[str, Role],
        actors: Actors,
        at: float,
        kind: tuple[str, tuple[str, ...], str],
        title: str = "",
        household_id: str | None = None,
        visit_id: str | None = None,
        location: str = "",
        description: str = "",
        photos: tuple[str, ...] = (),
        target: tuple[Level, TicketStatus] | None = None,
    ) -> Ticket:
        """Report a ticket at ``at`` and walk it on; returns the ticket as it ends up.

        Without ``target`` the ticket aims for closure at a random level and stops where
        today's date (or a stuck step, as in real life) leaves it; with one it reaches it.
        """
        r = self._r
        category, titles, department = kind
        title = title or titles[int(r() * len(titles))]
        urgent = r() < 0.06
        ticket, first = Ticket.report(
            id=ticket_id,
            transition_id=self._ids.next(),
            grid_id=grid_id,
            category=category,
            title=title,
            description=description or f"{location}{title}",
            urgent=urgent,
            reported_by=reporter[0],
            at=_dt(at),
            household_id=household_id,
            visit_id=visit_id,
            location=location,
            photos=photos,
        )
        steps = [_transition_row(first)]
        if target is None:
            x = r()
            level = Level.GRID if x < 0.85 else Level.COMMUNITY if x < 0.97 else Level.STREET_OFFICE
            actions = self.plan(level, TicketStatus.CLOSED)
        else:
            actions = self.plan(*target)
        ticket, when = self._walk(
            ticket, actions, steps, at=at, actors=actors, department=department, aimed=target
        )
        self._tickets.append(self._ticket_row(ticket, at, when, len(steps)))
        self._transitions.extend(steps)
        return ticket

    def _walk(
        self,
        ticket: Ticket,
        actions: list[TicketAction],
        steps: list[tuple[object, ...]],
        *,
        at: float,
        actors: Actors,
        department: str,
        aimed: tuple[Level, TicketStatus] | None,
    ) -> tuple[Ticket, float]:
        """Take ``actions`` from ``at`` on, appending each step's row to ``steps``; returns the
        ticket and the time of its last step."""
        r = self._r
        when = at
        for done, action in enumerate(actions):
            low, high = _DELAY_HOURS[action]
            if action is A.ACCEPT and ticket.urgent:
                low, high = 0.03, 0.15  # the 10-minute promise (10分钟服务承诺)
            step_at = when + (low + (high - low) * r()) * HOUR
            if aimed is None and (step_at >= self._end or r() < 0.03):
                break  # not yet done, or stuck: an overdue ticket for the reports
            if aimed is not None:  # squeeze the steps so the last one is still in the past
                share = (self._end - when) / (len(actions) - done + 1)
                step_at = min(step_at, when + DAY, when + share)
            when = step_at
            # Whatever the level, the grid verifies on site (网格核查).
            by_user, role = actors.grid if action is A.VERIFY else actors.at(ticket.level)
            notes = _NOTES[action]
            note = notes[int(r() * len(notes))]
            ticket, step = ticket.apply(
                action,
                transition_id=self._ids.next(),
                by_user=by_user,
                role=role,
                at=_dt(when),
                note=note if action is not A.DISPATCH else f"派{department}处置",
                department=department if action is A.DISPATCH else "",
                photo=self.verify_photo if action is A.VERIFY else None,
            )
            steps.append(_transition_row(step))
        return ticket, when

    def _ticket_row(
        self, ticket: Ticket, reported: float, updated: float, steps: int
    ) -> tuple[object, ...]:
        return (
            ticket.id,
            ticket.grid_id,
            ticket.category,
            ticket.title,
            ticket.description,
            int(ticket.urgent),
            ticket.status.value,
            ticket.level.value,
            ticket.reported_by,
            self._clock.iso(reported),
            ticket.household_id,
            ticket.visit_id,
            ticket.department,
            ticket.location,
            json.dumps(list(ticket.photos)),
            self._clock.iso(updated),
            steps,
        )


def _dt(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def _transition_row(s: Transition) -> tuple[object, ...]:
    return (
        s.id,
        s.ticket_id,
        s.action.value,
        s.from_status.value if s.from_status else None,
        s.to_status.value,
        s.from_level.value if s.from_level else None,
        s.to_level.value,
        s.by_user,
        s.at.isoformat(timespec="milliseconds"),
        s.note,
        s.department,
        s.photo,
    )
