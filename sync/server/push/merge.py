"""Field-by-field merge of shared records (households, residents, premises, tickets, hazards).

Each row keeps, per field, the version at which it last changed and the device that changed
it. A terminal's change to a field that nobody else changed since its ``base_version`` is
applied; a field another device changed meanwhile, to a different value, keeps the server's
value and is recorded as a conflict for a supervisor (guarantee 7). Device clocks play no
part.
"""

from __future__ import annotations

import json
from typing import Any

from sync.protocol import OpStatus
from sync.server.push.request import PushedOp
from sync.server.push.wire import encode
from sync.server.push.work import Outcome, Work


def merge(
    work: Work,
    *,
    entity: str,
    row: dict[str, Any],
    changes: dict[str, Any],
    base_version: int | None,
    op_id: str,
    grid_id: str,
) -> Outcome:
    """Apply ``changes`` (core-validated values) to ``row`` field by field."""
    versions: dict[str, list[Any]] = json.loads(row.get("field_versions") or "{}")
    device = work.principal.device_id
    base = base_version or 0
    applied: dict[str, Any] = {}
    conflicted: list[str] = []
    for name, value in changes.items():
        wire = encode(value)
        if wire == row[name]:
            continue
        last = versions.get(name)
        if last is not None and last[0] > base and last[1] != device:
            conflicted.append(name)
            work.conflicts.open(
                entity=entity,
                entity_id=row["id"],
                grid_id=grid_id,
                field_name=name,
                base_version=base_version,
                server_value=row[name],
                terminal_value=wire,
                op_id=op_id,
            )
        else:
            applied[name] = wire
    if applied:
        version = int(row["version"]) + 1
        for name in applied:
            versions[name] = [version, device]
        work.update(
            entity,
            row["id"],
            {**applied, "version": version, "field_versions": json.dumps(versions)},
            work.partition_of(grid_id),
        )
    if conflicted:
        server = {name: row[name] for name in conflicted} | {"version": row["version"]}
        return Outcome(OpStatus.CONFLICT, tuple(conflicted), server)
    return Outcome(OpStatus.APPLIED)


def merge_op(
    work: Work,
    op: PushedOp,
    row: dict[str, Any],
    changes: dict[str, Any],
    entity: str | None = None,
) -> Outcome:
    """``merge`` of an op's ``changes`` to the ``row`` of its entity (or of ``entity``, for an
    op that edits another record), in the row's grid."""
    return merge(
        work,
        entity=entity or op.entity,
        row=row,
        changes=changes,
        base_version=op.base_version,
        op_id=op.op_id,
        grid_id=row["grid_id"],
    )


def bump(
    work: Work, entity: str, row: dict[str, Any], values: dict[str, Any], grid_id: str
) -> None:
    """Change state-machine fields (ticket status, hazard status) as a new version."""
    work.update(
        entity,
        row["id"],
        {**values, "version": int(row["version"]) + 1},
        work.partition_of(grid_id),
    )


def status_conflict(
    work: Work,
    op: PushedOp,
    entity: str,
    row: dict[str, Any],
    terminal_value: object,
    shown: tuple[str, ...] = ("status", "version"),
) -> Outcome:
    """A step the server's status no longer allows (the record moved on elsewhere since the
    terminal saw it): both sides kept as a conflict on ``status``, the server's ``shown``
    columns sent back for the terminal to take."""
    work.conflicts.open(
        entity=entity,
        entity_id=row["id"],
        grid_id=row["grid_id"],
        field_name="status",
        base_version=op.base_version,
        server_value=row["status"],
        terminal_value=terminal_value,
        op_id=op.op_id,
    )
    return Outcome(OpStatus.CONFLICT, ("status",), {k: row[k] for k in shown})
