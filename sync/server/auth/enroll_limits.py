"""How many wrong enrollment codes may be tried: per client address, and in total.

A code is 12 characters of a 32-letter alphabet, so guessing one is hopeless; the limits make
trying cost a terminal's address an hour after ``PER_ADDRESS`` failures, and stop everyone for
a while when many addresses together pass ``IN_TOTAL`` (a distributed guess). Each limit
reached is logged and written to the audit log once per window.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, func, insert, select

from sync.server import audit
from sync.server.clock import now_ms
from sync.server.db import schema
from sync.server.errors import ApiError

log = logging.getLogger(__name__)

#: Failures are counted over this window (and pruned after twice it).
WINDOW_MS = 60 * 60_000
#: Wrong codes one client address may try in the window.
PER_ADDRESS = 10
#: Wrong codes all addresses together may try in the window.
IN_TOTAL = 200

_ea = schema.enroll_attempt


def _failures(conn: Connection, address: str | None) -> tuple[int, int | None]:
    """(count, time of the first) failures in the window, from ``address`` or from all."""
    stmt = select(func.count(), func.min(_ea.c.at)).where(
        _ea.c.ok == 0, _ea.c.at >= now_ms() - WINDOW_MS
    )
    if address is not None:
        stmt = stmt.where(_ea.c.address == address)
    row = conn.execute(stmt).one()
    return row[0], row[1]


def check(conn: Connection, address: str) -> None:
    """429 with Retry-After when this address, or everyone, has tried too many codes."""
    now = now_ms()
    for who, limit in ((address, PER_ADDRESS), (None, IN_TOTAL)):
        count, first = _failures(conn, who)
        if count >= limit:
            wait_s = max(1, ((first or now) + WINDOW_MS - now) // 1000)
            raise ApiError(
                429,
                "enroll.too_many_attempts",
                "too many wrong enrollment codes; wait before trying again",
                retriable=True,
                headers={"Retry-After": str(wait_s)},
            )


def record(conn: Connection, address: str, ok: bool) -> None:
    """Remember one attempt; log and audit a limit the moment a failure reaches it."""
    conn.execute(insert(_ea).values(address=address[:64], at=now_ms(), ok=int(ok)))
    if ok:
        return
    for who, limit in ((address, PER_ADDRESS), (None, IN_TOTAL)):
        count, _ = _failures(conn, who)
        if count == limit:
            scope = f"from {address}" if who else "in total"
            log.warning("enrollment: %d wrong codes %s in the last hour", count, scope)
            audit.record(
                conn, audit.ENROLL_FAILURES, address, who or "*", failures=count, limit=limit
            )
