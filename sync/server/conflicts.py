"""Conflicts kept for a person: listed and resolved by a supervisor (API and admin CLI).

Resolving never deletes: the conflict row stays with its resolution, and the chosen value is
written as a new version of the record, validated by the core like any edit. A terminal
resolves by pushing a ``conflict_resolution`` op instead (``push/handlers/resolution.py``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select, update

from gridterm.domain.tickets import TicketAction
from gridterm.domain.users import Role
from gridterm.errors import GridTermError
from sync.protocol import ConflictChoice, ConflictInfo
from sync.server import partitions
from sync.server.db import changes, schema
from sync.server.errors import ApiError, forbidden, not_found
from sync.server.push.handlers.resolution import settled_values, validated_field
from sync.server.push.handlers.tickets import ticket_from_row
from sync.server.push.wire import decode, encode

#: Roles that settle conflicts.
RESOLVERS = frozenset({Role.COMMUNITY_SUPERVISOR, Role.STREET_STAFF})


def as_info(row: Any) -> ConflictInfo:
    """The API shape of a conflict row."""
    return ConflictInfo(
        id=row.id,
        entity=row.entity,
        entity_id=row.entity_id,
        field=row.field,
        base_version=row.base_version,
        server_value=json.loads(row.server_value),
        terminal_value=json.loads(row.terminal_value),
        op_id=row.op_id,
        by_user=row.by_user,
        created_at=row.created_at,
        status=row.status,
        resolution=row.resolution,
        resolved_by=row.resolved_by,
        resolved_value=json.loads(row.resolved_value) if row.resolved_value else None,
        resolved_at=row.resolved_at,
        resolve_op_id=row.resolve_op_id,
    )


def list_conflicts(
    conn: Connection, grid_ids: list[str] | None, status: str | None, limit: int = 500
) -> list[ConflictInfo]:
    """Conflicts in the given grids (None: everywhere), newest first."""
    c = schema.conflict
    query = select(c).order_by(c.c.created_at.desc(), c.c.id).limit(limit)
    if grid_ids is not None:
        query = query.where(c.c.grid_id.in_(sorted(grid_ids)))
    if status:
        query = query.where(c.c.status == status)
    return [as_info(r) for r in conn.execute(query)]


def resolve(
    conn: Connection,
    conflict_id: str,
    choice: ConflictChoice,
    value: Any,
    *,
    resolver_id: str,
    grid_ids: set[str] | None,
    also: Sequence[str] = (),
) -> ConflictInfo:
    """Settle one open conflict, and the open ones in ``also`` (the same field's, seen beside
    it), in the caller's transaction; ``grid_ids`` limits it to the resolver's area (None:
    admin). Every terminal of the grid pulls the settled conflicts."""
    c = schema.conflict
    row = conn.execute(select(c).where(c.c.id == conflict_id).with_for_update()).first()
    if row is None:
        raise not_found("conflict.unknown", "no such conflict")
    if grid_ids is not None and row.grid_id not in grid_ids:
        raise forbidden("scope.grid_outside", "this conflict is outside your area")
    if row.status != "open":
        raise ApiError(409, "conflict.already_resolved", "this conflict is resolved already")
    others = _seen_beside(conn, row, also)
    chosen: Any = json.loads(row.server_value)
    if choice is not ConflictChoice.SERVER:
        terminal = json.loads(row.terminal_value)
        wanted = terminal if choice is ConflictChoice.TERMINAL else value
        try:
            chosen = _write(conn, row, wanted, choice)
        except GridTermError as exc:
            raise ApiError(422, exc.code, str(exc), field=exc.params.get("field")) from None
    settled = [conflict_id, *others]
    conn.execute(
        update(c)
        .where(c.c.id.in_(settled), c.c.status == "open")
        .values(**settled_values(choice, chosen, resolver_id, None))
    )
    for key in settled:
        _log(conn, row.grid_id, "conflict", key)
    return as_info(conn.execute(select(c).where(c.c.id == conflict_id)).one())


def _seen_beside(conn: Connection, row: Any, also: Sequence[str]) -> list[str]:
    """The open conflicts of ``also``; each must be on the same record and field."""
    if not also:
        return []
    c = schema.conflict
    found = conn.execute(select(c).where(c.c.id.in_(sorted(set(also))))).all()
    for other in found:
        if (other.entity, other.entity_id, other.field) != (row.entity, row.entity_id, row.field):
            raise ApiError(
                422, "conflict.other_field", "a resolution settles one field's conflicts"
            )
    return [o.id for o in found if o.status == "open" and o.id != row.id]


def _write(conn: Connection, conflict: Any, wanted: Any, choice: ConflictChoice) -> Any:
    """Write ``wanted`` into the conflicting field as a new version; returns the stored value."""
    table = schema.SYNCED[conflict.entity]
    row = conn.execute(select(table).where(table.c.id == conflict.entity_id).with_for_update())
    found = row.first()
    if found is None:
        raise ApiError(409, "conflict.record_gone", "the record no longer exists")
    current = found._asdict()
    name = conflict.field
    if conflict.entity == "ticket" and name == "status":
        return _replay_transition(conn, current, wanted, choice)
    value = validated_field(conflict.entity, current, decode(table, {name: wanted}), name)
    stored = encode(value)
    versions = json.loads(current.get("field_versions") or "{}")
    version = int(current["version"]) + 1
    versions[name] = [version, "resolution"]
    conn.execute(
        update(table)
        .where(table.c.id == current["id"])
        .values({name: stored, "version": version, "field_versions": json.dumps(versions)})
    )
    _log(conn, current["grid_id"], conflict.entity, current["id"])
    return stored


def _replay_transition(conn: Connection, ticket: dict[str, Any], wanted: Any, choice: Any) -> Any:
    """Taking a terminal's refused transition means running it through the state machine now."""
    if choice is ConflictChoice.VALUE or not isinstance(wanted, dict):
        raise ApiError(422, "conflict.status_by_transition", "a status changes by a transition")
    u = schema.user
    by = conn.execute(select(u.c.id, u.c.role).where(u.c.id == wanted.get("by_user"))).first()
    if by is None:
        raise ApiError(422, "ticket.unknown_user", "the transition's user no longer exists")
    try:
        new, step = ticket_from_row(ticket).apply(
            TicketAction(str(wanted.get("action"))),
            transition_id=str(wanted.get("transition_id")),
            by_user=by.id,
            role=Role(by.role),
            at=wanted.get("at"),
            note=wanted.get("note"),
            department=wanted.get("department"),
            photo=wanted.get("photo"),
        )
    except (GridTermError, ValueError) as exc:
        raise ApiError(409, "conflict.transition_not_allowed_now", str(exc)) from None
    conn.execute(
        schema.ticket_transition.insert().values(
            id=step.id,
            ticket_id=step.ticket_id,
            action=step.action.value,
            from_status=step.from_status.value if step.from_status else None,
            to_status=step.to_status.value,
            from_level=step.from_level.value if step.from_level else None,
            to_level=step.to_level.value,
            by_user=step.by_user,
            at=step.at.isoformat(),
            note=step.note,
            department=step.department,
            photo=step.photo,
            grid_id=ticket["grid_id"],
        )
    )
    t = schema.ticket
    conn.execute(
        update(t)
        .where(t.c.id == ticket["id"])
        .values(
            status=new.status.value,
            level=new.level.value,
            department=new.department,
            updated_at=step.at.isoformat(),
            version=int(ticket["version"]) + 1,
        )
    )
    _log(conn, ticket["grid_id"], "ticket_transition", step.id)
    _log(conn, ticket["grid_id"], "ticket", ticket["id"])
    return new.status.value


def _log(conn: Connection, grid_id: str, entity: str, entity_id: str) -> None:
    num = partitions.grid_nums(conn, [grid_id])[grid_id]
    changes.record(
        conn,
        changes.current_txid(conn),
        [(partitions.grid(num), entity, entity_id, changes.UPSERT)],
    )
