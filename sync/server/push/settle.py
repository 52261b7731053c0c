"""A terminal's edit that settles the server's open conflict on the same field (冲突已处理).

A worker resolves a conflict on the terminal by writing the chosen value as a normal edit,
based on the server's current version. When such an edit of a household, resident or ticket
field is accepted here — applied, or already equal to the stored value — and was made knowing
the record's current version, the open conflicts on that entity and field are resolved by it:
``resolved_by`` the pushing user, the choice read from the value (the terminal's value of the
conflict, the server's, or another), nothing deleted. Supervisors then no longer see them.
An edit based on an older version settles nothing: its author had not seen the server's value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select, update

from sync.protocol import ConflictChoice, Op
from sync.server.clock import now_ms
from sync.server.db import schema
from sync.server.push.wire import encode
from sync.server.push.work import Outcome, Work


def knew_current(op: Op, row: Mapping[str, Any]) -> bool:
    """Whether the edit was based on the record's current server version."""
    return op.base_version is not None and op.base_version >= int(row["version"] or 0)


def settle(
    work: Work,
    *,
    entity: str,
    entity_id: str,
    written: Mapping[str, Any],
    outcome: Outcome,
    knew: bool,
) -> None:
    """Resolve the open conflicts on the fields of ``written`` that this edit settled."""
    if not knew or not written:
        return
    fields = {k: encode(v) for k, v in written.items() if k not in outcome.conflict_fields}
    if not fields:
        return
    user = work.principal.user.id
    # Recorded earlier in this same batch (a conflict seen at pull whose edit went out
    # together with its resolution): settled before it is ever written.
    for c in work.recorded_conflicts():
        mine = (c["entity"], c["entity_id"], c["status"]) == (entity, entity_id, "open")
        if mine and c["field"] in fields:
            c.update(_resolution(c["server_value"], c["terminal_value"], fields[c["field"]]))
            c["resolved_by"] = user
    t = schema.conflict
    stored = work.conn.execute(
        select(t.c.id, t.c.field, t.c.server_value, t.c.terminal_value).where(
            t.c.entity == entity,
            t.c.entity_id == entity_id,
            t.c.status == "open",
            t.c.field.in_(sorted(fields)),
        )
    ).all()
    for c in stored:
        work.conn.execute(
            update(t)
            .where(t.c.id == c.id, t.c.status == "open")
            .values(
                **_resolution(c.server_value, c.terminal_value, fields[c.field]), resolved_by=user
            )
        )


def _resolution(server_text: str, terminal_text: str, value: Any) -> dict[str, Any]:
    return {
        "status": "resolved",
        "resolution": _choice(server_text, terminal_text, value).value,
        "resolved_at": now_ms(),
        "resolved_value": json.dumps(value, ensure_ascii=False),
    }


def _choice(server_text: str, terminal_text: str, value: Any) -> ConflictChoice:
    if json.loads(terminal_text) == value:
        return ConflictChoice.TERMINAL
    if json.loads(server_text) == value:
        return ConflictChoice.SERVER
    return ConflictChoice.VALUE
