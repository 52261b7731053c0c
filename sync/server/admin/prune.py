"""Keeping the bookkeeping tables from growing for ever, without breaking any cursor.

A change-log entry is superseded once the same row has a later entry in the same partition:
a terminal whose cursor lies before the older one reaches the later one anyway, and pulls the
row's current state from it. Deleting superseded entries below the horizon (the oldest
transaction still running) therefore never makes a pull skip a change. Old login attempts
only feed the limits' one-hour windows (logins and enrollments).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, select

from sync.server.auth.login_limits import WINDOW_MS
from sync.server.clock import now_ms
from sync.server.db import changes, schema


@dataclass(frozen=True, slots=True)
class PruneReport:
    """How many rows were removed from each table."""

    change_log: int
    login_attempts: int
    sessions: int


def prune(conn: Connection) -> PruneReport:
    """Delete superseded change-log entries, old login and enrollment attempts and expired
    sessions (never audit events: they are append-only)."""
    cl = schema.change_log
    rank = (
        func.row_number()
        .over(
            partition_by=(cl.c.partition, cl.c.entity, cl.c.entity_id),
            order_by=(cl.c.txid.desc(), cl.c.seq.desc()),
        )
        .label("rank")
    )
    ranked = select(cl.c.seq, cl.c.txid, rank).subquery()
    superseded = select(ranked.c.seq).where(ranked.c.rank > 1)
    bound = changes.horizon(conn)
    if bound is not None:
        superseded = superseded.where(ranked.c.txid < bound)
    gone = conn.execute(delete(cl).where(cl.c.seq.in_(superseded))).rowcount
    la, ea = schema.login_attempt, schema.enroll_attempt
    attempts = conn.execute(delete(la).where(la.c.at < now_ms() - 2 * WINDOW_MS)).rowcount
    attempts += conn.execute(delete(ea).where(ea.c.at < now_ms() - 2 * WINDOW_MS)).rowcount
    s = schema.session
    sessions = conn.execute(delete(s).where(s.c.expires_at < now_ms())).rowcount
    return PruneReport(gone, attempts, sessions)
