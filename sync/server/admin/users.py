"""Users, roles and grid assignments (一格一员), and reassigning a grid to another worker."""

from __future__ import annotations

from sqlalchemy import Connection, delete, select, update

from gridterm.domain.users import Role, ScopeLevel, User, validate_pin
from gridterm.domain.validation import enum_value, required_text
from gridterm.errors import NotFoundError, ValidationError
from gridterm.ids import new_id
from sync.server import partitions
from sync.server.admin.records import add, change, grid_partition, log, user_partition
from sync.server.auth import grace
from sync.server.auth.credentials import hash_pin
from sync.server.auth.sessions import revoke_sessions
from sync.server.db import changes, schema


def add_user(
    conn: Connection,
    *,
    worker_id: str,
    name: str,
    role: str,
    pin: str,
    community_id: str | None = None,
    street_office_id: str | None = None,
    id: str | None = None,
) -> str:
    """Create a user with an argon2-hashed PIN; returns the id."""
    r = enum_value(Role, role, "role")
    worker_id = required_text(worker_id, "worker_id", max_len=40)
    probe = User("", worker_id, name, r)
    if probe.scope_level is ScopeLevel.STREET_OFFICE and not street_office_id:
        raise ValidationError("user.street_office_required", "street staff need a street office")
    if probe.scope_level is not ScopeLevel.STREET_OFFICE and not community_id:
        raise ValidationError("user.community_required", "this role belongs to a community")
    if community_id and not street_office_id:
        c = schema.community
        street_office_id = conn.execute(
            select(c.c.street_office_id).where(c.c.id == community_id)
        ).scalar_one()
    u = schema.user
    if conn.execute(select(u.c.id).where(u.c.worker_id == worker_id)).first():
        raise ValidationError("user.exists", f"worker id {worker_id} is taken", field="worker_id")
    new = id or new_id()
    add(
        conn,
        "user",
        {
            "id": new,
            "worker_id": worker_id,
            "name": required_text(name, "name", max_len=40),
            "role": r.value,
            "community_id": community_id,
            "street_office_id": street_office_id,
            "version": 1,
            "num": partitions.next_num(conn, u),
            "pin_hash": hash_pin(validate_pin(pin)),
        },
        user_partition(conn, community_id, street_office_id),
    )
    return new


def user_id(conn: Connection, worker_id: str) -> str:
    """A user's id by worker id."""
    u = schema.user
    found = conn.execute(select(u.c.id).where(u.c.worker_id == worker_id)).scalar()
    if found is None:
        raise NotFoundError("user.not_found", f"no user {worker_id}")
    return found


def set_pin(conn: Connection, worker_id: str, pin: str) -> None:
    """Replace a user's PIN (and end their sessions)."""
    uid = user_id(conn, worker_id)
    u = schema.user
    conn.execute(update(u).where(u.c.id == uid).values(pin_hash=hash_pin(validate_pin(pin))))
    revoke_sessions(conn, uid)


def set_role(conn: Connection, worker_id: str, role: str) -> None:
    """Give a user another role (their area follows from it); ends their sessions."""
    r = enum_value(Role, role, "role")
    uid = user_id(conn, worker_id)
    u = schema.user
    row = conn.execute(select(u).where(u.c.id == uid)).one()
    probe = User(uid, worker_id, row.name, r)
    if probe.scope_level is not ScopeLevel.STREET_OFFICE and not row.community_id:
        raise ValidationError("user.community_required", "this role belongs to a community")
    change(
        conn,
        "user",
        uid,
        {"role": r.value},
        user_partition(conn, row.community_id, row.street_office_id),
    )
    revoke_sessions(conn, uid)


def deactivate(conn: Connection, worker_id: str) -> None:
    """A user who left: no more logins, sessions revoked; their records stay."""
    uid = user_id(conn, worker_id)
    u = schema.user
    conn.execute(update(u).where(u.c.id == uid).values(active=0))
    revoke_sessions(conn, uid)


def assign(conn: Connection, worker_id: str, grid_id: str) -> bool:
    """Give a worker a grid; False when it was theirs already."""
    uid = user_id(conn, worker_id)
    ug = schema.user_grid
    if conn.execute(select(ug).where(ug.c.user_id == uid, ug.c.grid_id == grid_id)).first():
        return False
    add(conn, "user_grid", {"user_id": uid, "grid_id": grid_id}, grid_partition(conn, grid_id))
    grace.clear_release(conn, uid, grid_id)
    return True


def unassign(conn: Connection, worker_id: str, grid_id: str) -> bool:
    """Take a grid from a worker; at their next pull the grid is removed from the terminal."""
    uid = user_id(conn, worker_id)
    ug = schema.user_grid
    gone = conn.execute(delete(ug).where(ug.c.user_id == uid, ug.c.grid_id == grid_id))
    if gone.rowcount:
        log(
            conn, [(grid_partition(conn, grid_id), "user_grid", f"{uid}/{grid_id}", changes.DELETE)]
        )
        grace.record_release(conn, uid, grid_id)  # its devices may still deliver their work
    return bool(gone.rowcount)


def reassign(
    conn: Connection, grid_id: str, to_worker: str, from_worker: str | None = None
) -> None:
    """Move a grid to another worker: from ``from_worker`` (or from everyone holding it)."""
    ug, u = schema.user_grid, schema.user
    holders = (
        conn.execute(
            select(u.c.worker_id).join(ug, ug.c.user_id == u.c.id).where(ug.c.grid_id == grid_id)
        )
        .scalars()
        .all()
    )
    for worker in holders:
        if worker != to_worker and (from_worker is None or worker == from_worker):
            unassign(conn, worker, grid_id)
    assign(conn, to_worker, grid_id)
