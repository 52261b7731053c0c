"""Conflicts kept for a person: listed and resolved by a supervisor (API and admin CLI).

Resolving never deletes: the conflict row stays with its resolution, and the chosen value is
written as a new version of the record, validated by the core like any edit.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select, update

from gridterm.domain.residents import validate_resident_fields
from gridterm.domain.territory import validate_household_changes
from gridterm.domain.tickets import TicketAction
from gridterm.domain.users import Role
from gridterm.errors import GridTermError
from sync.protocol import ConflictChoice, ConflictInfo
from sync.server import partitions
from sync.server.clock import now_ms
from sync.server.db import changes, schema
from sync.server.errors import ApiError, forbidden, not_found
from sync.server.push.handlers.inspections import hazard_values
from sync.server.push.handlers.register import validated_premises
from sync.server.push.handlers.tickets import ticket_from_row, validated_ticket
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
) -> ConflictInfo:
    """Settle one open conflict; ``grid_ids`` limits it to the resolver's area (None: admin)."""
    c = schema.conflict
    row = conn.execute(select(c).where(c.c.id == conflict_id)).first()
    if row is None:
        raise not_found("conflict.unknown", "no such conflict")
    if grid_ids is not None and row.grid_id not in grid_ids:
        raise forbidden("scope.grid_outside", "this conflict is outside your area")
    if row.status != "open":
        raise ApiError(409, "conflict.already_resolved", "this conflict is resolved already")
    chosen: Any = json.loads(row.server_value)
    if choice is not ConflictChoice.SERVER:
        terminal = json.loads(row.terminal_value)
        wanted = terminal if choice is ConflictChoice.TERMINAL else value
        try:
            chosen = _write(conn, row, wanted, choice)
        except GridTermError as exc:
            raise ApiError(422, exc.code, str(exc), field=exc.params.get("field")) from None
    conn.execute(
        update(c)
        .where(c.c.id == conflict_id)
        .values(
            status="resolved",
            resolution=choice.value,
            resolved_by=resolver_id,
            resolved_at=now_ms(),
            resolved_value=json.dumps(chosen, ensure_ascii=False),
        )
    )
    return as_info(conn.execute(select(c).where(c.c.id == conflict_id)).one())


def _write(conn: Connection, conflict: Any, wanted: Any, choice: ConflictChoice) -> Any:
    """Write ``wanted`` into the conflicting field as a new version; returns the stored value."""
    table = schema.SYNCED[conflict.entity]
    row = conn.execute(select(table).where(table.c.id == conflict.entity_id).with_for_update())
    current = row.mappings().first()
    if current is None:
        raise ApiError(409, "conflict.record_gone", "the record no longer exists")
    current = dict(current)
    name = conflict.field
    if conflict.entity == "ticket" and name == "status":
        return _replay_transition(conn, current, wanted, choice)
    value = _validated(conflict.entity, current, decode(table, {name: wanted}), name)
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


def _validated(entity: str, current: dict[str, Any], decoded: dict[str, Any], name: str) -> Any:
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
    raise ApiError(422, "conflict.unsupported", f"cannot resolve a {entity} conflict")


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
