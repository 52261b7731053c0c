"""Reassignment grace: work recorded while a grid was a user's still lands after it is taken.

When a grid is taken from a user (``unassign``, ``reassign``), every device that user had
signed in on gets a ``grid_release`` row. Such a device may still push into that grid, for
that user, until its next pull for that user: that pull hands it the grid's removal (a pull
computes removals from the cursor against the current area), so from then on the device has
*pulled past the removal* and its work there is refused. The terminal pushes before it pulls,
so what it recorded while the grid was its user's lands first. Decided by the server alone —
the assignment history, the device's pulls and the server's clock bounding the grace to
``GRACE_MS`` — never by a device clock (guarantee 7). Anything else outside the area is
refused (``scope.grid_outside``).
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from sync.server.clock import now_ms
from sync.server.db import schema

#: How long after a reassignment a device that has not pulled since may still push into the
#: grid (server clock): a terminal offline for up to two weeks still delivers its work.
GRACE_MS = 14 * 86_400_000


def record_release(conn: Connection, user_id: str, grid_id: str) -> int:
    """The grid was taken from the user: open a grace for every device the user signed in on
    (sessions not revoked); returns how many. In the caller's transaction."""
    s, d, r = schema.session, schema.device, schema.grid_release
    devices = (
        conn.execute(
            select(s.c.device_id)
            .join(d, d.c.id == s.c.device_id)
            .where(s.c.user_id == user_id, s.c.revoked_at.is_(None), d.c.revoked_at.is_(None))
            .distinct()
        )
        .scalars()
        .all()
    )
    clear_release(conn, user_id, grid_id)
    now = now_ms()
    rows = [
        {"user_id": user_id, "device_id": dev, "grid_id": grid_id, "released_at": now}
        for dev in sorted(devices)
    ]
    if rows:
        conn.execute(insert(r), rows)
    return len(rows)


def clear_release(conn: Connection, user_id: str, grid_id: str) -> None:
    """The grid is the user's again (or anew): no grace rows for it remain."""
    r = schema.grid_release
    conn.execute(delete(r).where(r.c.user_id == user_id, r.c.grid_id == grid_id))


def grace_grids(conn: Connection, user_id: str, device_id: str) -> dict[str, int]:
    """grid id → num of the grids this device may still push into for this user (taken from
    the user less than ``GRACE_MS`` ago, and the device has not pulled since).
    One indexed lookup (the primary key's prefix); almost always empty."""
    params = {"user": user_id, "device": device_id, "since": now_ms() - GRACE_MS}
    return {row.id: row.num for row in conn.execute(_GRACE_GRIDS, params)}


_r, _g = schema.grid_release, schema.grid
#: Built once: it runs for every push, and SQLAlchemy's walk of a new statement costs more
#: than running it.
_GRACE_GRIDS = (
    select(_g.c.id, _g.c.num)
    .join(_r, _r.c.grid_id == _g.c.id)
    .where(
        _r.c.user_id == bindparam("user"),
        _r.c.device_id == bindparam("device"),
        _r.c.left_at.is_(None),
        _r.c.released_at > bindparam("since"),
    )
)


def end_grace(conn: Connection, user_id: str, device_id: str) -> int:
    """The device pulled for the user: every removal of a grid taken from them has now been
    handed to it, so its open graces end (in the caller's writable transaction). Returns how
    many ended."""
    r = schema.grid_release
    done = conn.execute(
        update(r)
        .where(r.c.user_id == user_id, r.c.device_id == device_id, r.c.left_at.is_(None))
        .values(left_at=now_ms())
    )
    return int(done.rowcount or 0)
