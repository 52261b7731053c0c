"""The server's audit log: who pulled which area, who exported what, who revealed which
personal data on a terminal, who changed users, grids and devices, repeated failed logins.

Append-only: this module only inserts and reads, and the database refuses UPDATE and DELETE
on ``audit_event`` by trigger (migration 0007), so not even the admin CLI can rewrite it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select

from gridterm.domain.users import ScopeLevel
from sync.server.clock import now_ms
from sync.server.db import schema

#: The actions recorded, by name.
PULL = "sync.pull"
SNAPSHOT = "sync.snapshot"
EXPORT = "report.export"
REVEAL = "personal_data.reveal"
LOGIN_FAILURES = "login.repeated_failures"
ENROLL_FAILURES = "enroll.repeated_failures"
ADMIN = "admin."  # prefix: admin.add_user, admin.assign, admin.revoke_device…


@dataclass(frozen=True)
class Area:
    """The community and street office an event belongs to (None: the whole server)."""

    community_id: str | None = None
    street_office_id: str | None = None


def record(
    conn: Connection,
    action: str,
    actor: str,
    subject: str,
    *,
    device_id: str | None = None,
    area: Area | None = None,
    at: int | None = None,
    **detail: Any,
) -> None:
    """Append one event, in the caller's transaction (it is written with what it records)."""
    where = area or Area()
    conn.execute(
        insert(schema.audit_event).values(
            at=now_ms() if at is None else at,
            action=action,
            actor=actor[:64],
            device_id=device_id,
            subject=subject[:200],
            community_id=where.community_id,
            street_office_id=where.street_office_id,
            detail=json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True),
        )
    )


def user_area(conn: Connection, user_id: str) -> Area:
    """The area of a user's own events: their community and street office."""
    u = schema.user
    row = conn.execute(
        select(u.c.community_id, u.c.street_office_id).where(u.c.id == user_id)
    ).first()
    if row is None:
        return Area()
    street = row.street_office_id
    if street is None and row.community_id is not None:
        c = schema.community
        street = conn.execute(
            select(c.c.street_office_id).where(c.c.id == row.community_id)
        ).scalar()
    return Area(row.community_id, street)


@dataclass(frozen=True)
class Query:
    """What to list: every filter optional; newest first, at most ``limit``."""

    action: str | None = None  # exact, or a prefix ending in "." (``admin.``)
    actor: str | None = None
    subject: str | None = None
    since_ms: int | None = None
    until_ms: int | None = None
    community_id: str | None = None
    street_office_id: str | None = None
    limit: int = 200


def events(conn: Connection, q: Query) -> list[dict[str, Any]]:
    """The events matching ``q``, newest first, with ``detail`` parsed."""
    a = schema.audit_event
    stmt = select(a).order_by(a.c.at.desc(), a.c.id.desc()).limit(q.limit)
    if q.action:
        exact = not q.action.endswith(".")
        stmt = stmt.where(a.c.action == q.action if exact else a.c.action.startswith(q.action))
    for column, value in (
        (a.c.actor, q.actor),
        (a.c.subject, q.subject),
        (a.c.community_id, q.community_id),
        (a.c.street_office_id, q.street_office_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if q.since_ms is not None:
        stmt = stmt.where(a.c.at >= q.since_ms)
    if q.until_ms is not None:
        stmt = stmt.where(a.c.at < q.until_ms)
    return [{**row._mapping, "detail": json.loads(row.detail)} for row in conn.execute(stmt)]


def caller_area(user: Any) -> Area:
    """The area of a logged-in user's events (a ``gridterm.domain.users.User``)."""
    return Area(user.community_id, user.street_office_id)


def area_subject(user: Any, grid_ids: list[str]) -> str:
    """What area a pull or snapshot covered, as the audit log names it: the grids of a grid
    worker, the community of a supervisor, the street office of street staff."""
    match user.scope_level:
        case ScopeLevel.COMMUNITY:
            return f"community:{user.community_id}"
        case ScopeLevel.STREET_OFFICE:
            return f"street_office:{user.street_office_id}"
    return ",".join(f"grid:{g}" for g in sorted(grid_ids)) or "none"
