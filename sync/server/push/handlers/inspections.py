"""Hazard inspections (隐患排查), their checklist answers, and hazards through their closed loop.

Templates are versioned: an inspection keeps the (code, version) it started with, and its
answers are checked against that version (guarantee 8).
"""

from __future__ import annotations

from typing import Any

from gridterm.domain.hazards import HAZARD_TRANSITIONS, Hazard, HazardStatus, validate_responsible
from gridterm.domain.inspections import (
    HazardInspection,
    InspectionStatus,
    ItemOutcome,
    Severity,
    check_completion,
    check_signed,
    ensure_in_progress,
)
from gridterm.domain.validation import (
    day,
    enum_value,
    optional_text,
    required_text,
    sha256_hex,
    timestamp,
)
from gridterm.errors import TransitionError, ValidationError
from gridterm.ids import new_id
from gridterm.store import entities
from gridterm.store.entities import codec
from sync.protocol import OpKind, OpStatus
from sync.server.clock import now_iso
from sync.server.db import schema
from sync.server.push.handlers.base import Handler, only, outside, rows_named, text_id, want
from sync.server.push.handlers.hazard_steps import replay
from sync.server.push.merge import merge_op, status_conflict
from sync.server.push.request import PushedOp
from sync.server.push.wire import decode
from sync.server.push.work import APPLIED, Outcome, Work


def _photos(value: object) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError("field.not_list", "photos must be a list", field="photos")
    return [sha256_hex(p, "photos") for p in value]


def _apply_inspection(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE, OpKind.UPDATE)
    f = decode(schema.hazard_inspection, op.fields)
    if op.op is OpKind.CREATE:
        _create_inspection(op, f, work)
    else:
        _update_inspection(op, f, work)
    return APPLIED


def _create_inspection(op: PushedOp, f: dict[str, Any], work: Work) -> None:
    """A new inspection: in progress, of a known template, at premises in the worker's area."""
    if work.get("hazard_inspection", op.entity_id) is not None:
        raise ValidationError("inspection.exists", "an inspection with this id exists")
    code = required_text(f.get("template_code"), "template_code", max_len=40)
    version = f.get("template_version")
    if isinstance(version, bool) or not isinstance(version, int) or not 0 < version < 10**6:
        raise ValidationError(
            "field.not_number", "template_version must be a number", field="template_version"
        )
    started = timestamp(f.get("started_at"), "started_at")
    status = enum_value(InspectionStatus, f.get("status", "in_progress"), "status")
    if status is not InspectionStatus.IN_PROGRESS:
        raise ValidationError(
            "inspection.must_start_in_progress", "send the answers before completing"
        )
    inspector = required_text(f.get("inspector_id"), "inspector_id", max_len=64)
    if work.template(code, version) is None:
        raise ValidationError(
            "checklist.unknown_template",
            f"no template {code} v{version}",
            field="template_code",
        )
    premises = work.need("premises", f.get("premises_id"), "premises_id")
    grid_id = premises["grid_id"]
    if f.get("grid_id", grid_id) != grid_id:
        raise ValidationError("inspection.grid_mismatch", "premises are in another grid")
    if not work.principal.in_scope(grid_id):
        raise outside("the premises")
    inspection = HazardInspection(
        id=op.entity_id,
        premises_id=premises["id"],
        grid_id=grid_id,
        inspector_id=inspector,
        template_code=code,
        template_version=version,
        started_at=started,
        status=status,
        revision_of=text_id(f.get("revision_of"), "revision_of"),
        operator_absent=optional_text(f.get("operator_absent", ""), "operator_absent", max_len=200),
    )
    row = codec(HazardInspection).row(inspection)
    work.insert("hazard_inspection", row, work.partition_of(grid_id))


def _update_inspection(op: PushedOp, f: dict[str, Any], work: Work) -> None:
    """Its signature, the operator's absence, and completion (every item answered, signed)."""
    row = work.need("hazard_inspection", op.entity_id, "id")
    if not work.principal.in_scope(row["grid_id"]):
        raise outside("the inspection")
    inspection = codec(HazardInspection).read(row)
    ensure_in_progress(inspection)
    values: dict[str, Any] = {}
    if "signature" in f:
        values["signature"] = (
            None if f["signature"] in (None, "") else sha256_hex(f["signature"], "signature")
        )
    if "operator_absent" in f:
        values["operator_absent"] = optional_text(
            f["operator_absent"], "operator_absent", max_len=200
        )
    signature = values.get("signature", row["signature"])
    absent = values.get("operator_absent", row.get("operator_absent")) or ""
    status = enum_value(InspectionStatus, f.get("status", row["status"]), "status")
    if signature and absent:
        check_signed(signature, absent)
    if status is InspectionStatus.COMPLETED:
        template = work.template(row["template_code"], row["template_version"])
        assert template is not None  # checked when the inspection was created
        answers = work.answers_of(row["id"])
        check_completion(
            template,
            {c: ItemOutcome(c, a["result"]) for c, a in answers.items()},
        )
        check_signed(signature, absent)  # the same rule as Inspections.complete
        values["status"] = status.value
        completed = f.get("completed_at")
        values["completed_at"] = timestamp(completed, "completed_at") if completed else now_iso()
    if values:
        work.update("hazard_inspection", row["id"], values, work.partition_of(row["grid_id"]))


ANSWER_ENTITY = entities.entity("checklist_answer")


def _answer_key(op: PushedOp) -> str:
    f = op.fields
    if isinstance(f.get("inspection_id"), str) and isinstance(f.get("item_code"), str):
        return ANSWER_ENTITY.key_of(f)
    return op.entity_id


def _answer_wants(op: PushedOp) -> list[tuple[str, str]]:
    key = _answer_key(op)
    return want(("checklist_answer", key), ("hazard_inspection", key.split("/", 1)[0]))


def _apply_answer(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE, OpKind.UPDATE)
    key = _answer_key(op)
    if "/" not in key:
        raise ValidationError("answer.bad_key", "entity_id must be inspection_id/item_code")
    inspection_id, item_code = ANSWER_ENTITY.split_key(key)
    f = decode(schema.checklist_answer, op.fields)
    existing = work.get("checklist_answer", key)
    merged = {**(existing or {}), **f}
    outcome = ItemOutcome.create(
        item_code, merged.get("result"), merged.get("note"), tuple(_photos(merged.get("photos")))
    )
    row = work.need("hazard_inspection", inspection_id, "inspection_id")
    if not work.principal.in_scope(row["grid_id"]):
        raise outside("the inspection")
    inspection = codec(HazardInspection).read(row)
    ensure_in_progress(inspection)
    template = work.template(inspection.template_code, inspection.template_version)
    assert template is not None
    template.item(item_code)
    values = {
        "result": outcome.result.value,
        "note": outcome.note,
        "photos": list(outcome.photos),
    }
    partition = work.partition_of(row["grid_id"])
    if existing is None:
        work.insert(
            "checklist_answer",
            {
                "inspection_id": inspection_id,
                "item_code": item_code,
                **values,
                "grid_id": row["grid_id"],
            },
            partition,
        )
    else:
        work.update("checklist_answer", key, values, partition)
    return APPLIED


def hazard_values(f: dict[str, Any]) -> dict[str, Any]:
    """A hazard's editable fields checked by the core's validators (status moves apart)."""
    out: dict[str, Any] = {}
    for name, value in f.items():
        match name:
            case "severity":
                out[name] = enum_value(Severity, value, name).value
            case "deadline":
                out[name] = day(value, name)
            case "responsible":
                out[name] = validate_responsible(value)
            case "description":
                out[name] = optional_text(value, name, max_len=2000)
            case "photos":
                out[name] = _photos(value)
            case "ticket_id":
                out[name] = text_id(value, name)
    return out


def _apply_hazard(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE, OpKind.UPDATE)
    f = decode(schema.hazard, op.fields)
    if op.op is OpKind.CREATE:
        if work.get("hazard", op.entity_id) is not None:
            raise ValidationError("hazard.exists", "a hazard with this id exists")
        for name in ("severity", "deadline", "responsible"):
            if name not in f:
                raise ValidationError("field.required", f"{name} is required", field=name)
        values = hazard_values(f)
        found = timestamp(f.get("found_at"), "found_at")
        if enum_value(HazardStatus, f.get("status", "open"), "status") is not HazardStatus.OPEN:
            raise ValidationError("hazard.must_start_open", "a new hazard is open")
        inspection = work.need("hazard_inspection", f.get("inspection_id"), "inspection_id")
        grid_id = inspection["grid_id"]
        if not work.principal.in_scope(grid_id):
            raise outside("the inspection")
        item_code = required_text(f.get("item_code"), "item_code", max_len=40)
        template = work.template(inspection["template_code"], inspection["template_version"])
        assert template is not None
        template.item(item_code)
        work.insert(
            "hazard",
            {
                "id": op.entity_id,
                "inspection_id": inspection["id"],
                "premises_id": inspection["premises_id"],
                "grid_id": grid_id,
                "item_code": item_code,
                **values,
                "status": HazardStatus.OPEN.value,
                "found_at": found,
                "version": 1,
            },
            work.partition_of(grid_id),
        )
        return APPLIED
    row = work.need("hazard", op.entity_id, "id")
    if not work.principal.in_scope(row["grid_id"]):
        raise outside("the hazard")
    changes = hazard_values(f)  # validated before the status moves: a refusal writes nothing
    outcome = APPLIED
    target = f.get("status")
    if target is not None and target != row["status"]:
        # the photos of the move belong to its step (replayed with it)
        sent = changes.pop("photos", [])
        outcome = _move_hazard(op, work, row, enum_value(HazardStatus, target, "status"), sent)
    if not changes or outcome.status is OpStatus.CONFLICT:
        return outcome
    return merge_op(work, op, row, changes)


def _move_hazard(
    op: PushedOp, work: Work, row: dict[str, Any], target: HazardStatus, photos: list[str]
) -> Outcome:
    """A status sent on the hazard itself (terminals before hazard steps): the core action
    leading from the server's status to ``target`` is replayed as a step by the pushing user,
    under the same rules as a ``hazard_step`` (a pass without a rectification is refused)."""
    status = HazardStatus(row["status"])
    actions = [
        a for a, (sources, to) in HAZARD_TRANSITIONS.items() if to is target and status in sources
    ]
    if not actions:
        if op.base_version is not None and op.base_version < row["version"]:
            return status_conflict(work, op, "hazard", row, target.value)
        raise TransitionError(
            "hazard.not_rectified"
            if target is HazardStatus.REINSPECTED
            else "hazard.transition_not_allowed",
            f"cannot move a {status.value} hazard to {target.value}",
        )
    known = codec(Hazard).read(row).photos
    user = work.principal.user
    replay(
        work,
        row,
        actions[0],
        step_id=new_id(),
        by={"id": user.id, "role": user.role.value},
        fields={
            "at": op.fields.get("closed_at") or now_iso(),
            "photos": [p for p in photos if p not in known],
        },
    )
    return APPLIED


INSPECTION = Handler(
    rows_named("hazard_inspection", ("premises", "premises_id")), _apply_inspection
)
ANSWER = Handler(_answer_wants, _apply_answer)
HAZARD = Handler(rows_named("hazard", ("hazard_inspection", "inspection_id")), _apply_hazard)
