"""A worker's marks of their alerts (notified, seen): their own records, one per event.

The id is derived from (worker, alert, state) (``gridterm.domain.alerts.mark_id``), so two
terminals of the worker that mark one alert send the same record: the second is applied as
the first was, changing nothing.
"""

from __future__ import annotations

from gridterm.domain.alerts import MarkState, mark_id
from gridterm.domain.validation import enum_value, required_text, timestamp
from gridterm.errors import ValidationError
from sync.protocol import OpKind
from sync.server import partitions
from sync.server.db import schema
from sync.server.push.handlers.base import Handler, only, outside
from sync.server.push.request import PushedOp
from sync.server.push.wire import decode
from sync.server.push.work import APPLIED, Outcome, Work


def _wants(op: PushedOp) -> list[tuple[str, str]]:
    return [("alert_mark", op.entity_id)]


def _apply(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE)
    f = decode(schema.alert_mark, op.fields)
    if f.get("user_id") != work.principal.user.id:
        raise outside("another worker's alerts")
    key = required_text(f.get("alert_key"), "alert_key", max_len=300)
    state = enum_value(MarkState, f.get("state"), "state")
    at = timestamp(f.get("at"), "at")
    if op.entity_id != mark_id(work.principal.user.id, key, state):
        raise ValidationError("alert_mark.bad_id", "the id is not the mark's", field="id")
    if work.exists("alert_mark", op.entity_id):
        return APPLIED  # marked on another terminal already: the same record
    work.insert(
        "alert_mark",
        {
            "id": op.entity_id,
            "user_id": work.principal.user.id,
            "alert_key": key,
            "state": state.value,
            "at": at,
        },
        partitions.alerts(work.principal.user_num),
    )
    return APPLIED


ALERT_MARK = Handler(_wants, _apply)
