"""A device's push batches applied in the order it sent them, while two are in flight.

A terminal sends its next batch before the answer to the previous one has come back
(``sync/client/push.py``), naming that previous batch in ``after``. Each batch is applied
under a per-device lock — PostgreSQL's transaction-scoped advisory lock; on SQLite the write
transaction itself (``BEGIN IMMEDIATE``) is the lock — and only once the batch it follows is
in ``push_batch``, which every committed batch enters in its own transaction. A batch that
overtook its predecessor (the predecessor still on its way, or cut and being sent again)
waits a little for it outside any transaction and is then answered 409
``push.out_of_order``, with nothing applied: the terminal sends it again once its
predecessor is settled.
"""

from __future__ import annotations

import hashlib
import threading
import time

from sqlalchemy import Connection, bindparam, insert, select, text

from sync.server.clock import now_ms
from sync.server.db import schema
from sync.server.errors import ApiError

#: How long a batch waits for the one it follows before it is answered out of order: long
#: enough for a predecessor cut on the way and sent again after the terminal's first backoff.
WAIT_S = 3.0
#: First key of the advisory locks this module takes (the second is the device's).
_LOCK_CLASS = 0x47545042  # "GTPB": an int4 of its own among the advisory locks
#: Another instance may commit the predecessor: look again this often while waiting.
_POLL_S = 0.05

_committed = threading.Condition()


class PredecessorMissing(Exception):
    """The batch named in ``after`` has not been committed (yet)."""


def lock_device(conn: Connection, device_id: str) -> int:
    """Hold this device's push lock until the transaction ends (PostgreSQL; SQLite's write
    transaction already excludes every other writer), and return the transaction's id for its
    change log (``changes.current_txid``: 0 on SQLite). On PostgreSQL the txid is taken in the
    same statement, once the lock is held: that lock, in this database, is what makes
    ``changes.horizon`` count the transaction from then on."""
    if conn.dialect.name != "postgresql":
        return 0
    params = {"c": _LOCK_CLASS, "k": _key(device_id)}
    return int(conn.execute(_LOCK_AND_TXID, params).scalar_one())


#: The lock first, the txid after it: the select list is computed from the row the function
#: scan returns, i.e. once the lock is held.
_LOCK_AND_TXID = text(
    "SELECT pg_current_xact_id()::text::bigint FROM pg_advisory_xact_lock(:c, :k)"
)


_t = schema.push_batch
#: Built once: SQLAlchemy's walk of a new statement costs more than running it (per batch).
_FOUND = select(_t.c.batch_id).where(
    _t.c.device_id == bindparam("device"), _t.c.batch_id.in_((bindparam("b"), bindparam("a")))
)
_RECORD = insert(_t)


def check(conn: Connection, device_id: str, batch_id: str, after: str | None) -> bool:
    """Under the device's lock: whether this batch was committed before (then it is only
    answered again), raising PredecessorMissing when the batch it follows is not there."""
    params = {"device": device_id, "b": batch_id, "a": batch_id if after is None else after}
    found = set(conn.scalars(_FOUND, params))
    if batch_id in found:
        return True
    if after is not None and after not in found:
        raise PredecessorMissing(after)
    return False


def record(conn: Connection, device_id: str, batch_id: str, after: str | None) -> None:
    """Enter the batch in ``push_batch`` with the one it follows, in the transaction that
    applies it."""
    after = None if after == batch_id else after
    row = {"batch_id": batch_id, "device_id": device_id, "at": now_ms(), "after": after}
    conn.execute(_RECORD, row)


def committed() -> None:
    """A batch was committed in this process: wake the batches waiting for one."""
    with _committed:
        _committed.notify_all()


def wait(deadline: float) -> None:
    """Wait until a batch commits in this process or a poll interval passes; raises the 409
    once ``deadline`` (``time.monotonic``) is past."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise out_of_order()
    with _committed:
        _committed.wait(min(left, _POLL_S))


def out_of_order() -> ApiError:
    """409: the batch named in ``after`` is not applied; nothing of this one was."""
    return ApiError(
        409,
        "push.out_of_order",
        "the batch this one follows has not arrived; send it again after that one",
        retriable=True,
        field="after",
    )


def _key(device_id: str) -> int:
    """The device's lock key: a stable int4 (Python's hash() differs between processes)."""
    return int.from_bytes(hashlib.blake2b(device_id.encode(), digest_size=4).digest(), "big") - (
        1 << 31
    )
