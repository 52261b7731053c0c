"""Hazard inspections (隐患排查) of premises against versioned checklist templates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from gridterm.domain.validation import enum_value, optional_text, required_text, sha256_hex
from gridterm.errors import TransitionError, ValidationError


class Severity(StrEnum):
    """隐患等级."""

    MINOR = "minor"  # 一般
    MAJOR = "major"  # 较大
    CRITICAL = "critical"  # 重大


class ItemResult(StrEnum):
    """Pass (合格), fail (不合格) or not applicable (不适用)."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "na"


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One line of a checklist with the severity a failure usually has."""

    code: str
    text: str
    default_severity: Severity = Severity.MAJOR
    default_deadline_days: int = 7


@dataclass(frozen=True, slots=True)
class ChecklistTemplate:
    """A versioned checklist. Inspections keep the (code, version) they started with."""

    id: str
    code: str
    version: int
    title: str
    items: tuple[ChecklistItem, ...]

    def item(self, code: str) -> ChecklistItem:
        """The item with ``code``; ValidationError if this version has none."""
        for item in self.items:
            if item.code == code:
                return item
        raise ValidationError(
            "checklist.unknown_item",
            f"no item {code!r} in {self.code} v{self.version}",
            field="item_code",
            item=code,
        )

    @classmethod
    def parse(cls, id: str, data: dict[str, object]) -> ChecklistTemplate:
        """Validate a template as it comes from a file or the server."""
        raw_items = data.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            raise ValidationError("checklist.no_items", "a checklist needs items", field="items")
        items = []
        for raw in raw_items:
            if not isinstance(raw, dict):
                raise ValidationError(
                    "checklist.bad_item", "an item needs code and text", field="items"
                )
            items.append(
                ChecklistItem(
                    code=required_text(raw.get("code"), "code", max_len=40),
                    text=required_text(raw.get("text"), "text", max_len=200),
                    default_severity=enum_value(Severity, raw.get("severity", "major"), "severity"),
                    default_deadline_days=int(raw.get("deadline_days", 7)),
                )
            )
        codes = [i.code for i in items]
        if len(set(codes)) != len(codes):
            raise ValidationError(
                "checklist.duplicate_item", "item codes must be unique", field="items"
            )
        version = data.get("version")
        if not isinstance(version, int) or version < 1:
            raise ValidationError(
                "checklist.bad_version", "version must be a positive integer", field="version"
            )
        return cls(
            id,
            required_text(data.get("code"), "code", max_len=40),
            version,
            required_text(data.get("title"), "title", max_len=100),
            tuple(items),
        )


class InspectionStatus(StrEnum):
    """An inspection runs until it is completed; it can be paused (left in progress)."""

    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    """The inspector's answer to one checklist item; a failure needs a note or a photo."""

    item_code: str
    result: ItemResult
    note: str = ""
    photos: tuple[str, ...] = ()

    @classmethod
    def create(
        cls, item_code: str, result: object, note: object = "", photos: tuple[str, ...] = ()
    ) -> ItemOutcome:
        """Validate one answer."""
        res = enum_value(ItemResult, result, "result")
        text = optional_text(note, "note", max_len=2000)
        shas = tuple(sha256_hex(p, "photos") for p in photos)
        if res is ItemResult.FAIL and not (text or shas):
            raise ValidationError(
                "inspection.failure_needs_evidence",
                "a failed item needs a note or a photo",
                field="note",
            )
        return cls(item_code, res, text, shas)


@dataclass(frozen=True, slots=True)
class HazardInspection:
    """One inspection of one premises (巡查), one author, never edited after completion."""

    id: str
    premises_id: str
    grid_id: str
    inspector_id: str
    template_code: str
    template_version: int
    started_at: datetime
    status: InspectionStatus = InspectionStatus.IN_PROGRESS
    completed_at: datetime | None = None
    signature: str | None = None  # sha256 of the operator's on-screen signature image
    revision_of: str | None = None
    operator_absent: str = ""  # why nobody signed (经营者不在场); empty when signed


def check_completion(template: ChecklistTemplate, outcomes: dict[str, ItemOutcome]) -> None:
    """An inspection completes only when every item of its template has an answer."""
    missing = [i.code for i in template.items if i.code not in outcomes]
    if missing:
        raise ValidationError(
            "inspection.items_unanswered",
            f"{len(missing)} items unanswered",
            field="items",
            missing=len(missing),
            first=missing[0],
        )


def check_signed(signature: str | None, operator_absent: str) -> None:
    """An inspection is signed by the operator on screen, or says why nobody signed
    (经营者不在场), never both: the operator is told of the hazards on the spot or later."""
    if signature and operator_absent:
        raise ValidationError(
            "inspection.signed_and_absent",
            "an operator who signed was present",
            field="operator_absent",
        )
    if not signature and not operator_absent:
        raise ValidationError(
            "inspection.needs_signature",
            "the operator signs, or say why nobody signed",
            field="signature",
        )


def ensure_in_progress(inspection: HazardInspection) -> None:
    """Answers can change only while the inspection is in progress."""
    if inspection.status is not InspectionStatus.IN_PROGRESS:
        raise TransitionError("inspection.already_completed", "the inspection is completed")


def deadline_from(start: date, item: ChecklistItem) -> date:
    """Default rectification deadline (整改期限) for a failed item."""
    from datetime import timedelta

    return start + timedelta(days=item.default_deadline_days)
