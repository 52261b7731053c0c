"""Hazards (隐患) and their closed loop: 巡查上报 → 部门处置 → 网格核查.

open → rectifying → rectified (整改完成, with a photo, by the responsible party or department
or by the inspector on its behalf) → re-inspected on site with an after-photo → verified
closed with an on-site photo. A failed re-inspection returns the hazard to rectifying; it may
then be escalated to a ticket dispatched to a department (吹哨), and that ticket handled moves
the hazard on to re-inspection. Every step is a ``HazardStep``: who, when, note and photos.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from gridterm.domain.inspections import (
    ChecklistItem,
    HazardInspection,
    ItemOutcome,
    Severity,
    deadline_from,
)
from gridterm.domain.permissions import Activity, may
from gridterm.domain.users import Role
from gridterm.domain.validation import day, enum_value, optional_text, sha256_hex, timestamp
from gridterm.domain.verification import check_verifier
from gridterm.errors import PermissionDeniedError, TransitionError, ValidationError


class HazardStatus(StrEnum):
    """隐患状态."""

    OPEN = "open"  # 已上报
    RECTIFYING = "rectifying"  # 整改中
    RECTIFIED = "rectified"  # 已整改, awaiting re-inspection (待复查)
    REINSPECTED = "reinspected"  # 已复查 (passed, awaiting sign-off)
    CLOSED = "closed"  # 核查销号


#: Statuses in which the rectification is still to be done: its deadline runs (and can be
#: missed) only here. A rectified hazard waits for the inspector, not for the responsible party.
RECTIFICATION_PENDING = frozenset({HazardStatus.OPEN, HazardStatus.RECTIFYING})


class HazardAction(StrEnum):
    """What can happen to a hazard (each a step of its history, 处置记录)."""

    FOUND = "found"  # 巡查发现 (the first step, written with the hazard)
    START_RECTIFICATION = "start_rectification"  # 开始整改
    RECTIFY = "rectify"  # 整改完成
    TICKET_HANDLED = "ticket_handled"  # 部门处置完毕 (its escalated ticket was handled)
    REINSPECT_PASS = "reinspect_pass"  # 复查合格
    REINSPECT_FAIL = "reinspect_fail"  # 复查不合格
    VERIFY_CLOSE = "verify_close"  # 核查销号
    ESCALATE = "escalate"  # 吹哨: handed to a ticket dispatched to a department
    CARRIED = "carried"  # the status a hazard recorded before steps were kept stood at


H = HazardStatus
#: action → (statuses it may start from, status it leads to); an escalation keeps the status.
HAZARD_TRANSITIONS: dict[HazardAction, tuple[frozenset[HazardStatus], HazardStatus | None]] = {
    HazardAction.START_RECTIFICATION: (frozenset({H.OPEN}), H.RECTIFYING),
    HazardAction.RECTIFY: (frozenset({H.OPEN, H.RECTIFYING}), H.RECTIFIED),
    HazardAction.TICKET_HANDLED: (frozenset({H.OPEN, H.RECTIFYING}), H.RECTIFIED),
    HazardAction.REINSPECT_PASS: (frozenset({H.RECTIFIED}), H.REINSPECTED),
    HazardAction.REINSPECT_FAIL: (frozenset({H.OPEN, H.RECTIFYING, H.RECTIFIED}), H.RECTIFYING),
    HazardAction.VERIFY_CLOSE: (frozenset({H.REINSPECTED}), H.CLOSED),
    HazardAction.ESCALATE: (frozenset({H.RECTIFYING}), None),
}
#: Steps whose photo is the proof (现场照片): refused without one, each with its own code.
PHOTO_REQUIRED = {
    HazardAction.RECTIFY: "hazard.rectify_needs_photo",
    HazardAction.REINSPECT_PASS: "hazard.reinspect_needs_photo",
    HazardAction.VERIFY_CLOSE: "hazard.close_needs_photo",
}
#: Steps that follow from another record's step, whoever took that one (any role).
_FOLLOWING = frozenset({HazardAction.TICKET_HANDLED})


@dataclass(frozen=True, slots=True)
class HazardStep:
    """One step of a hazard's history (处置记录), synced like a ticket's transitions.

    ``party`` names who did the work when it is not the recording user: the responsible
    party or department a rectification was recorded for (代为登记), or the department
    that acknowledged a 吹哨 (报到). ``to_status`` is None for a step that keeps the status.
    """

    id: str
    hazard_id: str
    action: HazardAction
    from_status: HazardStatus | None
    to_status: HazardStatus | None
    by_user: str
    at: datetime
    note: str = ""
    photos: tuple[str, ...] = ()
    party: str = ""
    ticket_id: str | None = None  # the ticket an escalation handed the hazard to


@dataclass(frozen=True, slots=True)
class Hazard:
    """A failed checklist item of an inspection, tracked until verified closed."""

    id: str
    inspection_id: str
    premises_id: str
    grid_id: str
    item_code: str
    severity: Severity
    deadline: date
    responsible: str
    description: str
    status: HazardStatus
    found_at: datetime
    photos: tuple[str, ...] = ()
    ticket_id: str | None = None
    closed_at: datetime | None = None
    version: int = 0

    def is_overdue(self, today: date) -> bool:
        """Past its rectification deadline and not yet rectified (once rectified it awaits
        re-inspection: late or not, the deadline is no longer running)."""
        return self.status in RECTIFICATION_PENDING and self.deadline < today

    def found_step(self, step_id: str, by_user: str) -> HazardStep:
        """The first step of the history: found in an inspection, with its photos."""
        return HazardStep(
            step_id,
            self.id,
            HazardAction.FOUND,
            None,
            HazardStatus.OPEN,
            by_user,
            self.found_at,
            photos=self.photos,
        )

    def allowed_actions(self) -> list[HazardAction]:
        """The steps the lifecycle allows now (escalating only once)."""
        return [
            a
            for a, (sources, _) in HAZARD_TRANSITIONS.items()
            if self.status in sources
            and not (a is HazardAction.ESCALATE and self.ticket_id is not None)
            and not (a is HazardAction.TICKET_HANDLED and self.ticket_id is None)
        ]

    def apply(
        self,
        action: HazardAction | str,
        *,
        step_id: str,
        by_user: str,
        role: Role,
        at: object,
        note: object = "",
        photos: tuple[str, ...] = (),
        party: object = "",
        found_by: str = "",
        another_verifies: bool = False,
        ticket_id: str | None = None,
    ) -> tuple[Hazard, HazardStep]:
        """Take one step; return the moved hazard and the step to store.

        Refused (nothing to store) with a code: ``hazard.transition_not_allowed``,
        ``hazard.not_rectified`` (a re-inspection pass before any rectification),
        ``hazard.*_needs_photo``, ``hazard.failure_needs_evidence``,
        ``permission.role_not_allowed``, and ``verify.same_person`` when the street office
        requires that the one who found it (``found_by``) does not sign it off.
        """
        action = enum_value(HazardAction, action, "action")
        self._check_allowed(action, role)
        when = timestamp(at, "at")
        text = optional_text(note, "note", max_len=2000)
        who = optional_text(party, "party", max_len=60)
        shas = tuple(dict.fromkeys(sha256_hex(p, "photos") for p in photos))
        code = PHOTO_REQUIRED.get(action)
        if code is not None and not shas:
            raise ValidationError(code, "take a photo on site", field="photos")
        if action is HazardAction.REINSPECT_FAIL and not (text or shas):
            raise ValidationError(
                "hazard.failure_needs_evidence",
                "a failed re-inspection needs a note or a photo",
                field="note",
            )
        if action is HazardAction.ESCALATE and not ticket_id:
            raise ValidationError(
                "hazard.escalate_needs_ticket", "name the ticket", field="ticket_id"
            )
        if action in (HazardAction.REINSPECT_PASS, HazardAction.VERIFY_CLOSE):
            check_verifier(found_by, by_user, another_required=another_verifies)
        _, target = HAZARD_TRANSITIONS[action]
        status = target or self.status
        moved = replace(
            self,
            status=status,
            photos=(*self.photos, *(p for p in shas if p not in self.photos)),
            closed_at=when if status is HazardStatus.CLOSED else None,
            ticket_id=ticket_id if action is HazardAction.ESCALATE else self.ticket_id,
        )
        step = HazardStep(step_id, self.id, action, self.status, target, by_user, when)
        linked = ticket_id if action is HazardAction.ESCALATE else None
        return moved, replace(step, note=text, photos=shas, party=who, ticket_id=linked)

    def _check_allowed(self, action: HazardAction, role: Role) -> None:
        if action not in HAZARD_TRANSITIONS:  # found, carried: written only with the hazard
            raise TransitionError("hazard.already_found", "the hazard exists already")
        if action not in _FOLLOWING and not may(role, Activity.INSPECT):
            raise PermissionDeniedError(
                "permission.role_not_allowed",
                f"a {role.value} cannot {action.value} a hazard",
                role=role.value,
                activity=Activity.INSPECT.value,
            )
        sources, _ = HAZARD_TRANSITIONS[action]
        if action is HazardAction.REINSPECT_PASS and self.status in (H.OPEN, H.RECTIFYING):
            raise TransitionError(
                "hazard.not_rectified",
                "record the rectification before the re-inspection",
                status=self.status.value,
            )
        if self.status not in sources or action not in self.allowed_actions():
            raise TransitionError(
                "hazard.transition_not_allowed",
                f"cannot {action.value} a {self.status.value} hazard",
                action=action.value,
                status=self.status.value,
            )


def validate_responsible(value: object) -> str:
    """The party responsible for rectification (operator, landlord, department)."""
    text = optional_text(value, "responsible", max_len=60)
    if not text:
        raise ValidationError(
            "hazard.responsible_required", "name who must rectify", field="responsible"
        )
    return text


def hazard_found(
    id: str,
    inspection: HazardInspection,
    item: ChecklistItem,
    answer: ItemOutcome,
    extra: Mapping[str, Any],
    *,
    operator: str,
    absent: str,
    now: datetime,
) -> Hazard:
    """The hazard a failed item becomes: what the inspector gave (``extra``), else the
    item's defaults; the operator is responsible unless someone else is named."""
    deadline = extra.get("deadline")
    description = extra.get("description") or "\n".join(t for t in (item.text, answer.note) if t)
    return Hazard(
        id=id,
        inspection_id=inspection.id,
        premises_id=inspection.premises_id,
        grid_id=inspection.grid_id,
        item_code=item.code,
        severity=enum_value(Severity, extra.get("severity", item.default_severity), "severity"),
        deadline=day(deadline, "deadline")
        if deadline is not None
        else deadline_from(now.date(), item),
        responsible=validate_responsible(extra.get("responsible") or operator),
        description=optional_text(
            "\n".join(t for t in (description, f"经营者不在场：{absent}" if absent else "") if t),
            "description",
        ),
        status=HazardStatus.OPEN,
        found_at=now,
        photos=answer.photos,
    )
