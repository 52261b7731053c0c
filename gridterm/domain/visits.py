"""Household visits (入户走访): immutable facts; a correction is a new revision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, NoReturn

from gridterm.domain.validation import (
    FieldChecks,
    enum_value,
    optional_text,
    required_text,
    sha256_hex,
    timestamp,
)
from gridterm.errors import ValidationError

#: The longest a visit's notes may be (the server's short path for visits checks the same).
NOTES_MAX = 4000


class VisitType(StrEnum):
    """走访类型."""

    ROUTINE = "routine"  # 日常走访
    KEY_GROUP_CARE = "key_group_care"  # 重点人群关爱
    POLICY_PUBLICITY = "policy_publicity"  # 政策宣传
    DISPUTE_MEDIATION = "dispute_mediation"  # 矛盾调解
    SAFETY_CHECK = "safety_check"  # 安全检查
    EPIDEMIC_PREVENTION = "epidemic_prevention"  # 疫情防控


class ConcernKind(StrEnum):
    """What a resident raised: a need (诉求), a complaint (投诉) or a suggestion (建议)."""

    NEED = "need"
    COMPLAINT = "complaint"
    SUGGESTION = "suggestion"


class VisitOutcome(StrEnum):
    """Settled on the spot (当场解决), a ticket opened, or nothing raised."""

    NOTHING_RAISED = "nothing_raised"
    SETTLED = "settled"
    TICKET = "ticket"


@dataclass(frozen=True, slots=True)
class Concern:
    """One thing the residents raised, with its category (e.g. 环境卫生, 物业)."""

    kind: ConcernKind
    text: str
    category: str = ""


@dataclass(frozen=True, slots=True)
class Visit:
    """One household visit. Never edited: ``revision_of`` names the visit a correction replaces."""

    id: str
    household_id: str
    user_id: str
    visited_at: datetime
    visit_type: VisitType
    met: tuple[str, ...]
    concerns: tuple[Concern, ...]
    notes: str
    outcome: VisitOutcome
    photos: tuple[str, ...] = ()
    ticket_id: str | None = None
    revision_of: str | None = None

    @classmethod
    def create(cls, **entered: Any) -> Visit:
        """Validate a visit as entered (the arguments of ``validate_visit``); raise
        ValidationError naming the bad field (``FieldErrors`` for several)."""
        return cls(**validate_visit(**entered))


def validate_visit(
    *,
    id: str,
    household_id: object,
    user_id: str,
    visited_at: object,
    visit_type: object,
    met: object = (),
    concerns: object = (),
    notes: object = "",
    outcome: object,
    photos: object = (),
    ticket_id: str | None = None,
    revision_of: str | None = None,
) -> dict[str, Any]:
    """The fields of a ``Visit`` from what was entered, checked and normalised; raise
    ValidationError naming the bad field (``FieldErrors`` for several). ``Visit.create``
    builds the visit from them; the server stores a pushed visit from them directly
    (building a frozen dataclass costs more than checking its fields, a thousand times per
    pushed batch)."""
    # checked by direct calls, the common case of a good visit; a refusal is judged again by
    # ``_refuse`` with every bad field collected (FieldChecks' call per field cost as much
    # as the checks themselves)
    try:
        kind = enum_value(VisitOutcome, outcome, "outcome")
        raised = _concerns(concerns)
        if (kind is VisitOutcome.NOTHING_RAISED) == bool(raised):
            raise ValidationError("visit.outcome_and_concerns", field="outcome")
        return {
            "id": id,
            "household_id": required_text(household_id, "household_id"),
            "user_id": user_id,
            "visited_at": timestamp(visited_at, "visited_at"),
            "visit_type": enum_value(VisitType, visit_type, "visit_type"),
            "met": _met(met),
            "concerns": raised,
            "notes": optional_text(notes, "notes", max_len=NOTES_MAX),
            "outcome": kind,
            "photos": _photos(photos),
            "ticket_id": ticket_id,
            "revision_of": revision_of,
        }
    except ValidationError as error:
        _refuse(error, outcome, concerns, household_id, visited_at, visit_type, met, notes, photos)


def _refuse(
    error: ValidationError, outcome: object, concerns: object, *entered: object
) -> NoReturn:
    """The checks of ``validate_visit`` in the same order, each bad field kept: raise them."""
    household_id, visited_at, visit_type, met, notes, photos = entered
    checks = FieldChecks()
    kind = checks(enum_value, VisitOutcome, outcome, "outcome")
    parsed_concerns = checks(_concerns, concerns) or ()
    if kind is VisitOutcome.NOTHING_RAISED and parsed_concerns:
        checks.keep(
            ValidationError(
                "visit.concerns_but_nothing_raised",
                "concerns were recorded but the outcome says nothing raised",
                field="outcome",
            )
        )
    if kind is not None and kind is not VisitOutcome.NOTHING_RAISED and not parsed_concerns:
        checks.keep(
            ValidationError(
                "visit.outcome_needs_concern", "record what the residents raised", field="concerns"
            )
        )
    checks(required_text, household_id, "household_id")
    checks(timestamp, visited_at, "visited_at")
    checks(enum_value, VisitType, visit_type, "visit_type")
    checks(_met, met)
    checks(optional_text, notes, "notes", max_len=NOTES_MAX)
    checks(_photos, photos)
    checks.done()
    raise error  # never reached: what the direct calls refused, the same calls refuse here


# list comprehensions, not generators: cheaper, and these run for every pushed visit
def _concerns(value: object) -> tuple[Concern, ...]:
    return tuple([_concern(c) for c in _sequence(value, "concerns")])


def _met(value: object) -> tuple[str, ...]:
    return tuple([required_text(m, "met", max_len=40) for m in _sequence(value, "met")])


def _photos(value: object) -> tuple[str, ...]:
    return tuple([sha256_hex(p, "photos") for p in _sequence(value, "photos")])


def _sequence(value: object, field: str) -> list[object]:
    if value is None:
        return []
    if type(value) is list:  # the common case, decoded JSON: skip the checks below
        return value
    if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
        raise ValidationError("field.not_list", f"{field} must be a list", field=field)
    return list(value)


def _concern(value: object) -> Concern:
    if isinstance(value, Concern):
        return value
    if not isinstance(value, dict):
        raise ValidationError("field.not_object", "a concern needs kind and text", field="concerns")
    return Concern(
        kind=enum_value(ConcernKind, value.get("kind"), "concerns.kind"),
        text=required_text(value.get("text"), "concerns.text", max_len=1000),
        category=optional_text(value.get("category"), "concerns.category", max_len=40),
    )
