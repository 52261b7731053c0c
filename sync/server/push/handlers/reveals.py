"""A reveal of personal data on a terminal: checked with the core, written to the audit log
(``personal_data.reveal``), with the time the worker saw it, not the time it arrived."""

from __future__ import annotations

from gridterm.domain.field_limits import check_fields
from gridterm.domain.reveals import Reveal, RevealedRecord
from gridterm.errors import ValidationError
from sync.protocol import OpKind
from sync.server import audit
from sync.server.push.handlers.base import Handler, only, outside, want
from sync.server.push.request import PushedOp
from sync.server.push.work import APPLIED, Outcome, Work

_FIELDS = frozenset({"id", "user_id", "record", "record_id", "field", "revealed_at"})


def _wants(op: PushedOp) -> list[tuple[str, str]]:
    record = op.fields.get("record")
    if record in (RevealedRecord.RESIDENT.value, RevealedRecord.HOUSEHOLD.value):
        return want((str(record), op.fields.get("record_id")))
    return []


def _apply(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE)
    f = op.fields
    if not _FIELDS.issuperset(f):
        name = sorted(f.keys() - _FIELDS)[0]
        raise ValidationError("field.unknown", f"a reveal has no field {name}", field=name)
    check_fields(f)
    user = work.principal.user
    if f.get("user_id") != user.id:
        raise outside("another user's reveal")
    reveal = Reveal.create(
        id=op.entity_id, user=user, record=f.get("record"), record_id=f.get("record_id"),
        field=f.get("field"), revealed_at=f.get("revealed_at"),
    )  # fmt: skip
    row = work.need(reveal.record.value, reveal.record_id, "record_id")
    if not work.principal.in_scope(row["grid_id"]):
        raise outside(f"the {reveal.record.value}")
    audit.record(
        work.conn,
        audit.REVEAL,
        user.id,
        f"{reveal.record.value}:{reveal.record_id}",
        device_id=work.principal.device_id,
        area=audit.caller_area(user),
        at=int(reveal.revealed_at.timestamp() * 1000),
        field=reveal.field,
        grid_id=row["grid_id"],
    )
    return APPLIED


REVEAL = Handler(_wants, _apply)
