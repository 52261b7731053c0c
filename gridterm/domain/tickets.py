"""Tickets (问题交接单): the state machine from report to closure (销号), with escalation.

reported → accepted → dispatched → handled → verified → closed. A ticket is escalated one
level at a time (grid → community → street office, "小事不出格、大事不出社区") and starts again as
reported at the new level. When on-site verification fails it is reopened. Every transition
is kept with who, when and a note.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from gridterm.domain.users import Role
from gridterm.domain.validation import (
    FieldChecks,
    chosen_text,
    enum_value,
    flag,
    optional_text,
    required_text,
    sha256_hex,
    timestamp,
)
from gridterm.domain.verification import check_verifier
from gridterm.errors import PermissionDeniedError, TransitionError, ValidationError


class TicketStatus(StrEnum):
    """工单状态."""

    REPORTED = "reported"  # 已上报
    ACCEPTED = "accepted"  # 已受理
    DISPATCHED = "dispatched"  # 已派单 (吹哨)
    HANDLED = "handled"  # 已处置
    VERIFIED = "verified"  # 已核查
    CLOSED = "closed"  # 已销号


class Level(StrEnum):
    """Who holds the ticket: grid, community or street office."""

    GRID = "grid"
    COMMUNITY = "community"
    STREET_OFFICE = "street_office"

    def next_up(self) -> Level | None:
        """The level a ticket escalates to, or None at the top."""
        order = list(Level)
        i = order.index(self)
        return order[i + 1] if i + 1 < len(order) else None


class TicketAction(StrEnum):
    """What a person can do to a ticket."""

    REPORT = "report"
    ACCEPT = "accept"
    ESCALATE = "escalate"  # 上报上级
    DISPATCH = "dispatch"  # 吹哨: dispatched to the responsible department
    REPORT_IN = "report_in"  # 报到: the department acknowledges the 吹哨
    MARK_HANDLED = "mark_handled"
    VERIFY = "verify"  # 现场核查
    REOPEN = "reopen"
    CLOSE = "close"  # 销号


S = TicketStatus
#: Allowed transitions: action → (statuses it may start from, status it leads to).
TRANSITIONS: dict[TicketAction, tuple[frozenset[TicketStatus], TicketStatus]] = {
    TicketAction.ACCEPT: (frozenset({S.REPORTED}), S.ACCEPTED),
    TicketAction.ESCALATE: (frozenset({S.REPORTED, S.ACCEPTED}), S.REPORTED),
    TicketAction.DISPATCH: (frozenset({S.ACCEPTED}), S.DISPATCHED),
    # a recorded step that keeps the status: the department has come (报到)
    TicketAction.REPORT_IN: (frozenset({S.DISPATCHED}), S.DISPATCHED),
    TicketAction.MARK_HANDLED: (frozenset({S.ACCEPTED, S.DISPATCHED}), S.HANDLED),
    TicketAction.VERIFY: (frozenset({S.HANDLED}), S.VERIFIED),
    TicketAction.REOPEN: (frozenset({S.HANDLED, S.VERIFIED}), S.ACCEPTED),
    TicketAction.CLOSE: (frozenset({S.VERIFIED}), S.CLOSED),
}

#: Which roles act at which level. Grid workers hold grid-level tickets and always verify on
#: site (网格核查); supervisors the community level; street staff the street office.
_LEVEL_ROLES: dict[Level, frozenset[Role]] = {
    Level.GRID: frozenset({Role.GRID_WORKER, Role.MARKET_INSPECTOR, Role.COMMUNITY_SUPERVISOR}),
    Level.COMMUNITY: frozenset({Role.COMMUNITY_SUPERVISOR, Role.STREET_STAFF}),
    Level.STREET_OFFICE: frozenset({Role.STREET_STAFF}),
}
#: 报到 is recorded by the department itself, or by street staff on its behalf when the
#: department has no account (the street office calls departments in: 街乡吹哨、部门报到).
_REPORTING_IN = frozenset(
    {Role.GRID_WORKER, Role.MARKET_INSPECTOR, Role.COMMUNITY_SUPERVISOR, Role.STREET_STAFF}
)
_VERIFIERS = frozenset(
    {Role.GRID_WORKER, Role.MARKET_INSPECTOR, Role.COMMUNITY_SUPERVISOR, Role.STREET_STAFF}
)


def acts_at(role: Role, level: Level) -> bool:
    """Whether ``role`` holds tickets at ``level`` (accepts, dispatches, settles them there)."""
    return role in _LEVEL_ROLES[level]


@dataclass(frozen=True, slots=True)
class Transition:
    """One step in a ticket's history: who did what, when, with a note (and a photo)."""

    id: str
    ticket_id: str
    action: TicketAction
    from_status: TicketStatus | None
    to_status: TicketStatus
    from_level: Level | None
    to_level: Level
    by_user: str
    at: datetime
    note: str = ""
    department: str = ""
    photo: str | None = None


@dataclass(frozen=True, slots=True)
class Ticket:
    """A problem that could not be settled on the spot."""

    id: str
    grid_id: str
    category: str
    title: str
    description: str
    urgent: bool
    status: TicketStatus
    level: Level
    reported_by: str
    reported_at: datetime
    household_id: str | None = None
    visit_id: str | None = None
    department: str = ""
    location: str = ""
    photos: tuple[str, ...] = ()
    version: int = 0

    @classmethod
    def report(
        cls,
        *,
        id: str,
        transition_id: str,
        grid_id: object,
        category: object,
        title: object,
        description: object = "",
        urgent: bool = False,
        reported_by: str,
        at: object,
        household_id: str | None = None,
        visit_id: str | None = None,
        location: object = "",
        photos: tuple[str, ...] = (),
    ) -> tuple[Ticket, Transition]:
        """Open a ticket at grid level; returns it with its first history entry (every bad
        field at once)."""
        checks = FieldChecks()
        checks(flag, urgent, "urgent")
        when = checks(timestamp, at, "at")
        ticket = cls(
            id=id,
            grid_id=checks(required_text, grid_id, "grid_id"),
            category=checks(chosen_text, category, "category", max_len=40),
            title=checks(required_text, title, "title", max_len=100),
            description=checks(optional_text, description, "description", max_len=4000),
            urgent=urgent,
            status=TicketStatus.REPORTED,
            level=Level.GRID,
            reported_by=reported_by,
            reported_at=when,
            household_id=household_id,
            visit_id=visit_id,
            location=checks(optional_text, location, "location", max_len=200),
            photos=photos,
        )
        checks.done()
        first = Transition(
            transition_id,
            id,
            TicketAction.REPORT,
            None,
            TicketStatus.REPORTED,
            None,
            Level.GRID,
            reported_by,
            when,
        )
        return ticket, first

    def allowed_actions(self, role: Role | None = None) -> list[TicketAction]:
        """The actions the state machine (and, given a role, its permissions) allow now."""
        return [a for a in TRANSITIONS if self._refusal(a, role) is None]

    def apply(
        self,
        action: TicketAction | str,
        *,
        transition_id: str,
        by_user: str,
        role: Role,
        at: object,
        note: object = "",
        department: object = "",
        photo: str | None = None,
        another_verifies: bool = False,
    ) -> tuple[Ticket, Transition]:
        """Perform ``action``; return the new ticket and the history entry to store.

        ``another_verifies`` is the street office's setting that the one who verifies is not
        the one who reported (``verify.same_person``, gridterm.domain.verification).

        Raises TransitionError when the state machine forbids it, PermissionDeniedError when
        the role may not act at the ticket's level, ValidationError on a missing detail (a
        dispatch without a department, a reopen or escalation without a reason, a
        verification without a photo: ``ticket.verify_needs_photo``).
        """
        action = enum_value(TicketAction, action, "action")
        refusal = self._refusal(action, role)
        if refusal is not None:
            raise refusal
        when = timestamp(at, "at")
        text = optional_text(note, "note", max_len=2000)
        dept = optional_text(department, "department", max_len=40)
        if action is TicketAction.REPORT_IN:
            dept = dept or self.department  # the department the ticket was dispatched to
        if action is TicketAction.DISPATCH and not dept:
            raise ValidationError(
                "ticket.department_required", "name the department", field="department"
            )
        if action is TicketAction.REOPEN and not text:
            raise ValidationError(
                "ticket.reopen_needs_reason", "say why it is reopened", field="note"
            )
        if action is TicketAction.ESCALATE and not text:
            raise ValidationError(
                "ticket.escalate_needs_reason", "say why it goes up a level", field="note"
            )
        evidence = sha256_hex(photo, "photo") if photo else None
        if action is TicketAction.VERIFY and evidence is None:
            # 销号 rests on on-site evidence: the verifying worker photographs the result.
            raise ValidationError(
                "ticket.verify_needs_photo", "take a photo on site to verify", field="photo"
            )
        if action is TicketAction.VERIFY:
            check_verifier(self.reported_by, by_user, another_required=another_verifies)
        _, to_status = TRANSITIONS[action]
        to_level = self.level.next_up() if action is TicketAction.ESCALATE else self.level
        assert to_level is not None  # _refusal() rules out escalating from the top
        new = replace(
            self,
            status=to_status,
            level=to_level,
            department=dept if action is TicketAction.DISPATCH else self.department,
        )
        step = Transition(
            transition_id,
            self.id,
            action,
            self.status,
            to_status,
            self.level,
            to_level,
            by_user,
            when,
            text,
            dept,
            evidence,
        )
        return new, step

    def _refusal(self, action: TicketAction, role: Role | None) -> Exception | None:
        if action is TicketAction.REPORT:
            return TransitionError("ticket.already_reported", "the ticket exists already")
        sources, _ = TRANSITIONS[action]
        if self.status not in sources:
            return TransitionError(
                "ticket.transition_not_allowed",
                f"cannot {action.value} a {self.status.value} ticket",
                action=action.value,
                status=self.status.value,
            )
        if action is TicketAction.ESCALATE and self.level.next_up() is None:
            return TransitionError("ticket.already_top_level", "the street office is the top")
        if role is None:
            return None
        allowed = {TicketAction.VERIFY: _VERIFIERS, TicketAction.REPORT_IN: _REPORTING_IN}.get(
            action, _LEVEL_ROLES[self.level]
        )
        if role not in allowed:
            return PermissionDeniedError(
                "ticket.role_not_allowed",
                f"a {role.value} cannot {action.value} a ticket held at {self.level.value}",
                action=action.value,
                role=role.value,
                level=self.level.value,
            )
        return None

    def waited_minutes(self, now: datetime) -> int | None:
        """Minutes since the report (urgent tickets show it against the 10-minute promise);
        None once the ticket is closed (销号): a closed ticket waits for nobody."""
        if self.status is TicketStatus.CLOSED:
            return None
        return max(0, int((now - self.reported_at).total_seconds() // 60))
