"""Keeping the bookkeeping tables from growing for ever, without breaking any cursor.

A change-log entry is superseded once the same row has a later entry in the same partition:
a terminal whose cursor lies before the older one reaches the later one anyway, and pulls the
row's current state from it. Deleting superseded entries below the horizon (the oldest
transaction still running) therefore never makes a pull skip a change. Old login attempts
only feed the limits' one-hour windows (logins and enrollments).

The exactly-once memory (``applied_op``, ``push_batch``) is forgotten batch by batch, only
for a batch whose answer the terminal has certainly taken, and no sooner than
``KEEP_OPS_DAYS`` after it was applied (docs/sync-contract.md, "Forgetting applied ops").
A terminal sends a batch only once the answer to the batch three links back in its chain
(``push_batch.after``) is committed on it, so a batch with three committed successors
will never be sent again; an op answered ``duplicate`` moves to the batch that answered it
(``push/service.py``). A batch whose answer was lost keeps its ops for ever: a terminal that
retries it a year later is answered ``duplicate``. Each user's newest ops stay (the reports'
last sync).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from itertools import pairwise

from sqlalchemy import Connection, and_, delete, func, select, tuple_

from sync.server.auth.login_limits import WINDOW_MS
from sync.server.clock import now_ms
from sync.server.db import changes, schema


@dataclass(frozen=True, slots=True)
class PruneReport:
    """How many rows were removed from each table."""

    change_log: int
    login_attempts: int
    sessions: int
    applied_ops: int = 0
    push_batches: int = 0

    def summary(self) -> str:
        """One line for ``admin prune``."""
        return (
            f"removed {self.change_log} superseded change-log entries, "
            f"{self.login_attempts} old login attempts, {self.sessions} expired sessions, "
            f"{self.applied_ops} applied op ids of {self.push_batches} settled batches"
        )


def days(text: str) -> int:
    """``--keep-ops-days``: a whole number of days, at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


#: Days an applied op's id is kept at least, even once its answer was taken.
KEEP_OPS_DAYS = 30
#: Links of a device's chain after a batch that prove its answer was taken: the terminal
#: keeps two batches in flight and applies answers in order, so it sends a batch only once
#: the answer three batches back is committed on it (``sync/client/push.py``).
SETTLED_AFTER = 3
_DAY_MS = 86_400_000


def prune(conn: Connection, keep_ops_days: int = KEEP_OPS_DAYS) -> PruneReport:
    """Delete superseded change-log entries, old login and enrollment attempts, expired
    sessions and the applied ops and batches no terminal can send again (never audit
    events: they are append-only)."""
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
    ops, batches = forget_settled(conn, now_ms() - keep_ops_days * _DAY_MS)
    return PruneReport(gone, attempts, sessions, ops, batches)


def forget_settled(conn: Connection, before: int) -> tuple[int, int]:
    """Delete the applied ops and ``push_batch`` rows of the batches committed before
    ``before`` (ms) whose answer their terminal has taken; (ops, batches) removed."""
    chain = [schema.push_batch.alias(f"c{i}") for i in range(SETTLED_AFTER + 1)]
    settled = select(chain[0].c.device_id, chain[0].c.batch_id).where(chain[0].c.at < before)
    for earlier, later in pairwise(chain):
        settled = settled.join(
            later,
            and_(later.c.device_id == earlier.c.device_id, later.c.after == earlier.c.batch_id),
        )
    a, newest = schema.applied_op, schema.applied_op.alias("newest")
    last_of_user = select(newest.c.user_id, func.max(newest.c.at)).group_by(newest.c.user_id)
    ops = conn.execute(
        delete(a).where(
            tuple_(a.c.device_id, a.c.batch_id).in_(settled),
            a.c.at < before,
            tuple_(a.c.user_id, a.c.at).not_in(last_of_user),
        )
    ).rowcount
    b = schema.push_batch
    batches = conn.execute(delete(b).where(tuple_(b.c.device_id, b.c.batch_id).in_(settled)))
    return ops, batches.rowcount
