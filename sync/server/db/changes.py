"""The change log that pull cursors walk, and where a cursor may safely stop.

Every write of a synced row appends (txid, seq, partition, entity, id, op) in the same
transaction. On PostgreSQL ``seq`` alone is not a safe cursor: a slow transaction can commit a
lower ``seq`` after a faster one was read. So each row also records its transaction's id
(``pg_current_xact_id``), rows are read in (txid, seq) order, and a pull only hands out rows
whose txid is below the oldest transaction still running in this database (``horizon``):
every such transaction has finished, so no row can appear behind the cursor later. SQLite
has one writer at a time and a reader sees a prefix of the commits, so there txid is 0 and
there is no bound.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import repeat

from sqlalchemy import Connection, text

from sync.server.clock import now_ms
from sync.server.db.bulk import insert_tuples
from sync.server.db.schema import change_log

_COLUMNS = ("txid", "partition", "entity", "entity_id", "op", "origin", "logged_at")
#: change_log.op values
UPSERT = "upsert"
DELETE = "delete"


_LOCK = text("LOCK TABLE change_log IN ROW EXCLUSIVE MODE")
_TXID = text("SELECT pg_current_xact_id()::text::bigint")


def current_txid(conn: Connection) -> int:
    """The id of the open write transaction (assigning one on PostgreSQL), 0 on SQLite. A
    push takes its own with its device's lock instead (``push/order.lock_device``)."""
    if conn.dialect.name != "postgresql":
        return 0
    # A lock in this database before the txid, so that ``horizon`` sees this transaction
    # from the moment it has one (writes lock their table first; this call would not).
    conn.execute(_LOCK)
    return int(conn.execute(_TXID).scalar_one())


#: The smallest txid that may still commit in this database. ``pg_snapshot_xmin`` alone is
#: the oldest transaction running anywhere in the cluster: a writer in another database on the
#: same server (another street office, a test suite, a long import) would hold every pull here
#: back until it ends. So of the transactions running when the snapshot was taken, only those
#: holding a lock in this database count: a writer here locks the table it writes before its
#: first write gives it a txid, and keeps the lock until it ends. ``pg_locks`` shows 32-bit
#: xids; ``xip`` are 64-bit, matched on their low 32 bits. The snapshot is taken before
#: ``pg_locks`` is read, so a writer that ended in between has committed and is final.
_HORIZON = text(
    """
    WITH snap AS (SELECT pg_current_snapshot() AS s),
    here AS (
        SELECT x.transactionid::text::bigint AS xid
        FROM pg_locks x
        WHERE x.locktype = 'transactionid' AND x.virtualtransaction IN (
            SELECT r.virtualtransaction FROM pg_locks r
            WHERE r.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        )
    )
    SELECT least(
        (SELECT pg_snapshot_xmax(s)::text::bigint FROM snap),
        (SELECT min(r::text::bigint) FROM snap, pg_snapshot_xip(s) AS r
         WHERE r::text::bigint % 4294967296 IN (SELECT xid FROM here))
    )
    """
)


def horizon(conn: Connection) -> int | None:
    """The smallest txid that may still commit; rows below it are final. None: no bound."""
    if conn.dialect.name != "postgresql":
        return None
    return int(conn.execute(_HORIZON).scalar_one())


def record(
    conn: Connection,
    txid: int,
    entries: Iterable[tuple[str, str, str, str]],
    origins: Mapping[int, str] | None = None,
) -> None:
    """Append (partition, entity, entity_id, op) entries for the open transaction;
    ``origins`` maps an entry's index to the device whose push it echoes exactly."""
    entries = list(entries)
    if not entries:
        return
    count, at = len(entries), now_ms()
    # the rows put together in C, column by column (a batch logs a thousand entries)
    found = list(map((origins or {}).get, range(count)))
    columns = zip(*entries, strict=True)
    rows = list(zip(repeat(txid, count), *columns, found, repeat(at, count), strict=True))
    insert_tuples(conn, change_log, _COLUMNS, rows)
