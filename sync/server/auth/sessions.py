"""User login (worker id + PIN) on an enrolled device, and session lookup; the limits on
wrong PINs are ``login_limits``."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, insert, select, update

from sync.server.auth import credentials
from sync.server.auth.scope import Principal, principal_for
from sync.server.clock import now_ms
from sync.server.db import schema
from sync.server.errors import unauthorized

SESSION_DAYS = 30


def record_attempt(conn: Connection, worker_id: str, device_id: str, ok: bool) -> None:
    """Remember one login attempt."""
    conn.execute(
        insert(schema.login_attempt).values(
            worker_id=worker_id, device_id=device_id, at=now_ms(), ok=int(ok)
        )
    )


def verify_login(conn: Connection, worker_id: str, pin: str) -> str | None:
    """The user id when worker id and PIN match an active user."""
    u = schema.user
    row = conn.execute(
        select(u.c.id, u.c.pin_hash).where(u.c.worker_id == worker_id, u.c.active == 1)
    ).first()
    ok = credentials.verify_pin(row.pin_hash if row else None, pin)
    return row.id if row and ok else None


def open_session(conn: Connection, user_id: str, device_id: str) -> tuple[str, int]:
    """A new session token for the user on the device, and when it expires."""
    token = credentials.new_token(credentials.SESSION_PREFIX)
    now = now_ms()
    expires = now + SESSION_DAYS * 86_400_000
    conn.execute(
        insert(schema.session).values(
            token_hash=credentials.digest(token),
            user_id=user_id,
            device_id=device_id,
            created_at=now,
            expires_at=expires,
        )
    )
    return token, expires


_s, _d, _u = schema.session, schema.device, schema.user
#: The user and device of a live session (built once: this runs on every request, and
#: building a statement cost SQLAlchemy more than running it).
_SESSION_USER = (
    select(_u, _s.c.device_id)
    .join(_s, _s.c.user_id == _u.c.id)
    .join(_d, _d.c.id == _s.c.device_id)
    .where(
        _s.c.token_hash == bindparam("token_hash"),
        _s.c.revoked_at.is_(None),
        _s.c.expires_at > bindparam("now"),
        _d.c.revoked_at.is_(None),
        _u.c.active == 1,
    )
)


def authenticate(conn: Connection, token: str) -> Principal:
    """The principal behind a session token; 401 when unknown, expired or revoked (the session
    itself, its device, or the user)."""
    params = {"token_hash": credentials.digest(token), "now": now_ms()}
    row = conn.execute(_SESSION_USER, params).first()
    if row is None:
        raise unauthorized("auth.session_invalid", "the session is unknown, expired or revoked")
    return principal_for(conn, row, row.device_id)


def revoke_sessions(conn: Connection, user_id: str) -> int:
    """Revoke every open session of a user; returns how many."""
    s = schema.session
    done = conn.execute(
        update(s)
        .where(s.c.user_id == user_id, s.c.revoked_at.is_(None))
        .values(revoked_at=now_ms())
    )
    return done.rowcount
