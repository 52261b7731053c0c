"""How many wrong PINs a login may follow, so that nobody can lock another worker out.

Failures are counted per device *and* worker id, and each one beyond the first few makes the
next attempt wait longer (30 s, 1 min, 2 min … 15 min). A device that guesses many workers is
stopped by its own total. A worker's own device (one they have logged in on before) is never
held back by failures on other devices, so guessing ``G0001`` from a stranger's terminal
does not stop G0001 logging in from theirs; those other devices together are stopped once
they pass their total for that worker. Repeated failures are written to the audit log, where
the worker's supervisor sees them (``gridterm-server admin audit``, ``GET /v1/audit``).

Attempts are counted in the database, so the limits hold across every server instance.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, exists, func, select

from sync.server import audit
from sync.server.clock import now_ms
from sync.server.db import schema
from sync.server.errors import ApiError

#: Failures are counted over this window (and pruned after twice it).
WINDOW_MS = 60 * 60_000
#: Failures on one device for one worker before the next attempt must wait.
FREE_FAILURES = 3
#: The first wait, doubled with each further failure, up to the longest.
FIRST_WAIT_S = 30
LONGEST_WAIT_S = 15 * 60
#: Failures one device may make in the window, over every worker id it tries.
DEVICE_LIMIT = 50
#: Failures for one worker in the window from devices that are not theirs, together.
FOREIGN_LIMIT = 20


def wait_after(failures: int) -> int:
    """Seconds the next attempt waits after ``failures`` in a row on one device."""
    if failures < FREE_FAILURES:
        return 0
    return min(LONGEST_WAIT_S, FIRST_WAIT_S * 2 ** (failures - FREE_FAILURES))


def user_id_of(conn: Connection, worker_id: str) -> str | None:
    """The id of the user with this worker id, active or not."""
    u = schema.user
    return conn.execute(select(u.c.id).where(u.c.worker_id == worker_id)).scalar()


def own_device(conn: Connection, worker_id: str, device_id: str) -> bool:
    """Whether the worker has logged in on this device before (a session, even an old one)."""
    user_id = user_id_of(conn, worker_id)
    if user_id is None:
        return False
    s = schema.session
    return bool(
        conn.execute(
            select(exists().where(s.c.user_id == user_id, s.c.device_id == device_id))
        ).scalar()
    )


_la = schema.login_attempt


def _failures(conn: Connection, *where: Any) -> tuple[int, int | None]:
    """(count, time of the last) failures in the window after the last success that matches."""
    since = now_ms() - WINDOW_MS
    last_ok = conn.execute(
        select(func.max(_la.c.at)).where(*where, _la.c.ok == 1, _la.c.at >= since)
    ).scalar()
    row = conn.execute(
        select(func.count(), func.max(_la.c.at)).where(
            *where, _la.c.ok == 0, _la.c.at >= max(since, (last_ok or 0) + 1)
        )
    ).one()
    return row[0], row[1]


def _too_many(wait_s: int) -> ApiError:
    return ApiError(
        429,
        "auth.too_many_attempts",
        "too many wrong PINs; wait before trying again",
        retriable=True,
        headers={"Retry-After": str(max(1, wait_s))},
    )


def check(conn: Connection, worker_id: str, device_id: str) -> None:
    """429 with Retry-After when this device must wait before trying this worker id again."""
    now = now_ms()
    count, last = _failures(conn, _la.c.worker_id == worker_id, _la.c.device_id == device_id)
    wait_ms = wait_after(count) * 1000
    if last is not None and wait_ms and now < last + wait_ms:
        raise _too_many((last + wait_ms - now) // 1000)
    count, last = _failures(conn, _la.c.device_id == device_id)
    if count >= DEVICE_LIMIT:
        raise _too_many(((last or now) + WINDOW_MS - now) // 1000)
    if not own_device(conn, worker_id, device_id):
        count, last = _foreign_failures(conn, worker_id)
        if count >= FOREIGN_LIMIT:
            raise _too_many(((last or now) + WINDOW_MS - now) // 1000)


def _foreign_failures(conn: Connection, worker_id: str) -> tuple[int, int | None]:
    """Failures for the worker in the window from devices they never logged in on."""
    u, s = schema.user, schema.session
    theirs = (
        select(s.c.device_id)
        .join(u, u.c.id == s.c.user_id)
        .where(u.c.worker_id == worker_id)
        .scalar_subquery()
    )
    row = conn.execute(
        select(func.count(), func.max(_la.c.at)).where(
            _la.c.worker_id == worker_id,
            _la.c.ok == 0,
            _la.c.at >= now_ms() - WINDOW_MS,
            _la.c.device_id.not_in(theirs),
        )
    ).one()
    return row[0], row[1]


def after_failure(conn: Connection, worker_id: str, device_id: str) -> None:
    """Alert the supervisor (an audit event in the worker's area) when the failures on this
    device reach the first wait, or those of other devices reach their total."""
    on_device, _ = _failures(conn, _la.c.worker_id == worker_id, _la.c.device_id == device_id)
    foreign, _ = _foreign_failures(conn, worker_id)
    if on_device != FREE_FAILURES and foreign != FOREIGN_LIMIT:
        return
    audit.record(
        conn,
        audit.LOGIN_FAILURES,
        worker_id,
        worker_id,
        device_id=device_id,
        area=audit.user_area(conn, user_id) if (user_id := user_id_of(conn, worker_id)) else None,
        failures_on_device=on_device,
        failures_from_other_devices=foreign,
    )
