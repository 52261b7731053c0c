"""Hazards (隐患) and their closed loop: 巡查上报 → 部门处置 → 网格核查.

open → rectifying → re-inspected → verified closed; a failed re-inspection returns the
hazard to rectifying and may be escalated to a ticket.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from gridterm.domain.inspections import Severity
from gridterm.domain.validation import enum_value, optional_text, timestamp
from gridterm.errors import TransitionError, ValidationError


class HazardStatus(StrEnum):
    """隐患状态."""

    OPEN = "open"  # 已上报
    RECTIFYING = "rectifying"  # 整改中
    REINSPECTED = "reinspected"  # 已复查 (passed, awaiting sign-off)
    CLOSED = "closed"  # 核查销号


class HazardAction(StrEnum):
    """What can happen to a hazard."""

    START_RECTIFICATION = "start_rectification"
    REINSPECT_PASS = "reinspect_pass"
    REINSPECT_FAIL = "reinspect_fail"
    VERIFY_CLOSE = "verify_close"


H = HazardStatus
HAZARD_TRANSITIONS: dict[HazardAction, tuple[frozenset[HazardStatus], HazardStatus]] = {
    HazardAction.START_RECTIFICATION: (frozenset({H.OPEN}), H.RECTIFYING),
    HazardAction.REINSPECT_PASS: (frozenset({H.OPEN, H.RECTIFYING}), H.REINSPECTED),
    HazardAction.REINSPECT_FAIL: (frozenset({H.OPEN, H.RECTIFYING}), H.RECTIFYING),
    HazardAction.VERIFY_CLOSE: (frozenset({H.REINSPECTED}), H.CLOSED),
}


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
        """Past its rectification deadline and not yet closed."""
        return self.status is not HazardStatus.CLOSED and self.deadline < today

    def apply(self, action: HazardAction | str, *, at: object) -> Hazard:
        """Move the hazard along its lifecycle; TransitionError when not allowed."""
        action = enum_value(HazardAction, action, "action")
        sources, target = HAZARD_TRANSITIONS[action]
        if self.status not in sources:
            raise TransitionError(
                "hazard.transition_not_allowed",
                f"cannot {action.value} a {self.status.value} hazard",
                action=action.value,
                status=self.status.value,
            )
        when = timestamp(at, "at")
        return replace(
            self, status=target, closed_at=when if target is HazardStatus.CLOSED else None
        )


def validate_responsible(value: object) -> str:
    """The party responsible for rectification (operator, landlord, department)."""
    text = optional_text(value, "responsible", max_len=60)
    if not text:
        raise ValidationError(
            "hazard.responsible_required", "name who must rectify", field="responsible"
        )
    return text
