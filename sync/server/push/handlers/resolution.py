"""A person's resolution of conflicts (冲突处理): the only op that settles one.

The op names the conflicts its author saw on one field of one record and the value chosen.
Those still open are settled by it — who, when, what, and the op — whoever had settled none of
them; a conflict on the field that the author did not name (opened since) stays open. The
value is then written like any edit, merged against the version the author saw: a value
someone wrote since, which the author had not seen, is not overwritten — the chosen value is
refused into a conflict of its own, so a person sees both. An ordinary edit of a conflicted
field never settles anything (the conflict stays open beside the new value).
"""

from __future__ import annotations

import json
from typing import Any

from gridterm.domain.permissions import require_for_entity
from gridterm.domain.residents import validate_resident_fields
from gridterm.domain.territory import validate_household_changes
from gridterm.errors import ValidationError
from sync.protocol import CONFLICT_ENTITIES, ConflictChoice, ConflictResolution, OpKind
from sync.server.clock import now_ms
from sync.server.db import schema
from sync.server.push.handlers.base import Handler, only, outside, want
from sync.server.push.handlers.inspections import hazard_values
from sync.server.push.handlers.register import validated_premises
from sync.server.push.handlers.tickets import validated_ticket
from sync.server.push.merge import merge_op
from sync.server.push.request import PushedOp
from sync.server.push.wire import decode, encode
from sync.server.push.work import APPLIED, Outcome, Work


def validated_field(
    entity: str, current: dict[str, Any], decoded: dict[str, Any], name: str
) -> Any:
    """The chosen value of one field, checked by the same core rules as a terminal's edit."""
    match entity:
        case "household":
            return validate_household_changes(decoded)[name]
        case "resident":
            return validate_resident_fields(decoded, partial=True)[name]
        case "premises":
            return getattr(validated_premises(current["id"], {**current, **decoded}), name)
        case "ticket":
            merged = {**current, "urgent": bool(current["urgent"]), **decoded}
            if isinstance(merged["photos"], str):
                merged["photos"] = json.loads(merged["photos"])
            value = getattr(validated_ticket(current["id"], merged), name)
            return list(value) if isinstance(value, tuple) else value
        case "hazard":
            return hazard_values(decoded)[name]
    raise ValidationError("conflict.unsupported", f"cannot resolve a {entity} conflict")


def settled_values(choice: ConflictChoice, value: Any, by: str, op_id: str | None) -> dict:
    """The columns of a conflict settled now by ``by`` choosing ``value`` (stored form)."""
    return {
        "status": "resolved",
        "resolution": choice.value,
        "resolved_by": by,
        "resolved_at": now_ms(),
        "resolved_value": json.dumps(value, ensure_ascii=False),
        "resolve_op_id": op_id,
    }


def _fields(op: PushedOp) -> ConflictResolution:
    try:
        res = ConflictResolution.model_validate(op.fields)
    except ValueError:
        raise ValidationError(
            "conflict.bad_resolution", "a resolution names its record, field and conflicts"
        ) from None
    if res.entity not in CONFLICT_ENTITIES:
        raise ValidationError(
            "conflict.unsupported", f"cannot resolve a {res.entity} conflict", field="entity"
        )
    return res


def _wants(op: PushedOp) -> list[tuple[str, str]]:
    f = op.fields
    entity = f.get("entity")
    return want((entity, f.get("entity_id"))) if entity in CONFLICT_ENTITIES else []


def _apply(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE)
    res = _fields(op)
    require_for_entity(work.principal.user, res.entity)
    row = work.need(res.entity, res.entity_id, "entity_id")
    if not work.principal.in_scope(row["grid_id"]):
        raise outside("the record")
    if res.field not in row or res.field in ("id", "grid_id", "version", "field_versions"):
        raise ValidationError("conflict.bad_field", f"no field {res.field}", field="field")
    named = work.conflicts.named(res.conflict_ids)
    for c in named:
        if (c["entity"], c["entity_id"], c["field"]) != (res.entity, res.entity_id, res.field):
            raise ValidationError(
                "conflict.other_field", "a resolution settles one field's conflicts", field="id"
            )
    by = work.principal.user.id
    if res.entity == "ticket" and res.field == "status":
        # the state machine owns a ticket's status: accepting the server's is the only choice
        if res.choice is not ConflictChoice.SERVER:
            raise ValidationError(
                "conflict.status_by_transition", "a status changes by a transition", field="status"
            )
        for c in named:
            if c["status"] == "open":
                work.conflicts.settle(c, settled_values(res.choice, row["status"], by, op.op_id))
        return APPLIED
    table = schema.SYNCED[res.entity]
    value = validated_field(res.entity, row, decode(table, {res.field: res.value}), res.field)
    for c in named:
        if c["status"] == "open":
            work.conflicts.settle(c, settled_values(res.choice, encode(value), by, op.op_id))
    return merge_op(work, op, row, {res.field: value}, entity=res.entity)


RESOLUTION = Handler(_wants, _apply)
