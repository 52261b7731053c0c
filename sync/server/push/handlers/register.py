"""The household register (人房模型): households, residents and premises, merged by field."""

from __future__ import annotations

from typing import Any

from gridterm.domain.residents import validate_resident_fields
from gridterm.domain.territory import Premises, validate_household_changes
from gridterm.domain.validation import required_text
from gridterm.errors import ValidationError
from gridterm.store.entities import PREMISES_DETAILS as _PREMISES_FIELDS
from sync.protocol import OpKind
from sync.server.db import schema
from sync.server.push.handlers.base import Handler, only, outside, rows_named
from sync.server.push.merge import merge_op
from sync.server.push.request import PushedOp
from sync.server.push.wire import decode
from sync.server.push.work import APPLIED, Outcome, Work

_HOUSEHOLD_STRUCTURE = ("id", "grid_id", "building_id", "unit_id", "floor", "room", "address")


def _structural(row: dict[str, Any], fields: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        if name in fields and fields[name] != row[name]:
            raise ValidationError(
                "record.field_not_editable", f"{name} cannot be changed from a terminal", field=name
            )


def _apply_household(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE, OpKind.UPDATE)
    f = decode(schema.household, op.fields)
    f.pop("version", None)
    if op.op is OpKind.UPDATE:
        row = work.need("household", op.entity_id, "id")
        if not work.principal.in_scope(row["grid_id"]):
            raise outside("the household")
        _structural(row, f, _HOUSEHOLD_STRUCTURE)
        changes = {k: v for k, v in f.items() if k not in _HOUSEHOLD_STRUCTURE}
        if not changes:
            return APPLIED
        return merge_op(work, op, row, validate_household_changes(changes))
    if work.get("household", op.entity_id) is not None:
        raise ValidationError("household.exists", "a household with this id exists", field="id")
    grid_id = required_text(f.get("grid_id"), "grid_id")
    floor = f.get("floor")
    if isinstance(floor, bool) or not isinstance(floor, int) or not -5 <= floor <= 200:
        raise ValidationError("field.not_number", "floor must be a whole number", field="floor")
    room = required_text(f.get("room"), "room", max_len=20)
    address = required_text(f.get("address"), "address", max_len=100)
    tags = {k: v for k, v in f.items() if k not in _HOUSEHOLD_STRUCTURE}
    tags = validate_household_changes(tags) if tags else {}
    if not work.principal.in_scope(grid_id):
        raise outside("the grid")
    building = work.need("building", f.get("building_id"), "building_id")
    unit = work.need("unit", f.get("unit_id"), "unit_id")
    if building["grid_id"] != grid_id or unit["building_id"] != building["id"]:
        raise ValidationError(
            "household.address_mismatch", "building, unit and grid do not match", field="unit_id"
        )
    work.insert(
        "household",
        {
            "id": op.entity_id,
            "grid_id": grid_id,
            "building_id": building["id"],
            "unit_id": unit["id"],
            "floor": floor,
            "room": room,
            "address": address,
            **tags,
            "version": 1,
        },
        work.partition_of(grid_id),
    )
    return APPLIED


def _apply_resident(op: PushedOp, work: Work) -> Outcome:
    f = decode(schema.resident, op.fields)
    f.pop("version", None)
    f.pop("id", None)
    if op.op is OpKind.CREATE:
        household_id = f.pop("household_id", None)
        values = validate_resident_fields(f, partial=False)
        if work.get("resident", op.entity_id) is not None:
            raise ValidationError("resident.exists", "a resident with this id exists", field="id")
        household = work.need("household", household_id, "household_id")
        if not work.principal.in_scope(household["grid_id"]):
            raise outside("the household")
        work.insert(
            "resident",
            {
                "id": op.entity_id,
                "household_id": household["id"],
                **values,
                "version": 1,
                "grid_id": household["grid_id"],
            },
            work.partition_of(household["grid_id"]),
        )
        return APPLIED
    row = work.get("resident", op.entity_id)
    if row is None and op.op is OpKind.DELETE:
        return APPLIED  # already gone: deleting twice is deleting once
    row = work.need("resident", op.entity_id, "id")
    if not work.principal.in_scope(row["grid_id"]):
        raise outside("the resident")
    if op.op is OpKind.DELETE:
        work.delete("resident", op.entity_id, work.partition_of(row["grid_id"]))
        return APPLIED
    _structural(row, f, ("household_id",))
    f.pop("household_id", None)
    if not f:
        return APPLIED
    return merge_op(work, op, row, validate_resident_fields(f, partial=True))


def validated_premises(premises_id: str, values: dict[str, Any]) -> Premises:
    """Premises values checked by the core's ``Premises.create``."""
    return Premises.create(
        id=premises_id,
        grid_id=values.get("grid_id"),
        name=values.get("name"),
        **{k: values.get(k) for k in _PREMISES_FIELDS},
    )


def _apply_premises(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE, OpKind.UPDATE)
    f = decode(schema.premises, op.fields)
    f.pop("version", None)
    if op.op is OpKind.CREATE:
        p = validated_premises(op.entity_id, f)
        if work.get("premises", op.entity_id) is not None:
            raise ValidationError("premises.exists", "premises with this id exist", field="id")
        if not work.principal.in_scope(p.grid_id):
            raise outside("the grid")
        work.insert(
            "premises",
            {"id": p.id, "grid_id": p.grid_id, "name": p.name, "version": 1}
            | {k: getattr(p, k) for k in _PREMISES_FIELDS},
            work.partition_of(p.grid_id),
        )
        return APPLIED
    row = work.need("premises", op.entity_id, "id")
    if not work.principal.in_scope(row["grid_id"]):
        raise outside("the premises")
    _structural(row, f, ("id", "grid_id"))
    changes = {k: v for k, v in f.items() if k not in ("id", "grid_id")}
    p = validated_premises(op.entity_id, {**row, **changes})
    return merge_op(work, op, row, {k: getattr(p, k) for k in changes})


HOUSEHOLD = Handler(
    rows_named("household", ("building", "building_id"), ("unit", "unit_id")), _apply_household
)
RESIDENT = Handler(rows_named("resident", ("household", "household_id")), _apply_resident)
PREMISES = Handler(rows_named("premises"), _apply_premises)
