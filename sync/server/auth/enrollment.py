"""Terminal enrollment: a one-time code from the supervisor buys a device id and a token."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from gridterm.ids import new_id
from sync.server.auth import credentials
from sync.server.clock import now_ms
from sync.server.db import schema
from sync.server.errors import ApiError

#: An enrollment code is good for a week unless the office chooses otherwise.
DEFAULT_CODE_DAYS = 7


def create_code(conn: Connection, *, note: str = "", days: int = DEFAULT_CODE_DAYS) -> str:
    """Make a one-time enrollment code; only its digest is stored, so show it now."""
    code = credentials.new_enrollment_code()
    now = now_ms()
    conn.execute(
        insert(schema.enrollment_code).values(
            id=new_id(),
            code_hash=credentials.digest(code),
            note=note,
            created_at=now,
            expires_at=now + days * 86_400_000,
        )
    )
    return code


def enroll(conn: Connection, code: str, device_name: str) -> tuple[str, str]:
    """Spend ``code``; return (device id, device token). 403 for an unknown, used or expired
    code (one answer for all three, so codes cannot be probed)."""
    ec = schema.enrollment_code
    now = now_ms()
    row = conn.execute(
        select(ec).where(ec.c.code_hash == credentials.digest(credentials.normalise_code(code)))
    ).first()
    if row is None or row.used_at is not None or row.expires_at < now:
        raise ApiError(403, "enroll.code_invalid", "this enrollment code is unknown or used up")
    device_id = new_id()
    token = credentials.new_token(credentials.DEVICE_PREFIX)
    # the WHERE on used_at makes two concurrent enrollments with one code spend it once
    spent = conn.execute(
        update(ec)
        .where(ec.c.id == row.id, ec.c.used_at.is_(None))
        .values(used_at=now, device_id=device_id)
    )
    if spent.rowcount != 1:
        raise ApiError(403, "enroll.code_invalid", "this enrollment code is unknown or used up")
    conn.execute(
        insert(schema.device).values(
            id=device_id,
            name=device_name,
            token_hash=credentials.digest(token),
            enrolled_at=now,
            enrollment_code_id=row.id,
        )
    )
    return device_id, token


def device_for_token(conn: Connection, token: str) -> str | None:
    """The id of the enrolled, unrevoked device holding ``token``."""
    d = schema.device
    return conn.execute(
        select(d.c.id).where(d.c.token_hash == credentials.digest(token), d.c.revoked_at.is_(None))
    ).scalar_one_or_none()


def is_revoked_token(conn: Connection, token: str) -> bool:
    """Whether ``token`` is a revoked device's: the terminal holding it is told so, to erase
    its keys (a token is a 256-bit secret, so saying so reveals nothing to a guesser)."""
    d = schema.device
    found = conn.execute(
        select(d.c.id).where(
            d.c.token_hash == credentials.digest(token), d.c.revoked_at.is_not(None)
        )
    ).first()
    return found is not None


def revoke_device(conn: Connection, device_id: str) -> bool:
    """Revoke a device's token and so every session on it; False if no such device."""
    d = schema.device
    done = conn.execute(
        update(d).where(d.c.id == device_id, d.c.revoked_at.is_(None)).values(revoked_at=now_ms())
    )
    return done.rowcount == 1
