"""The change log that pull cursors walk, and where a cursor may safely stop.

Every write of a synced row appends (txid, seq, partition, entity, id, op) in the same
transaction. On PostgreSQL ``seq`` alone is not a safe cursor: a slow transaction can commit a
lower ``seq`` after a faster one was read. So each row also records its transaction's id
(``pg_current_xact_id``), rows are read in (txid, seq) order, and a pull only hands out rows
whose txid is below the oldest transaction still running (``pg_snapshot_xmin``): every such
transaction has finished, so no row can appear behind the cursor later. SQLite has one writer
at a time and a reader sees a prefix of the commits, so there txid is 0 and there is no bound.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import Connection, text

from sync.server.db.bulk import insert_tuples
from sync.server.db.schema import change_log

_COLUMNS = ("txid", "partition", "entity", "entity_id", "op", "origin")
#: change_log.op values
UPSERT = "upsert"
DELETE = "delete"


def current_txid(conn: Connection) -> int:
    """The id of the open write transaction (assigning one on PostgreSQL), 0 on SQLite."""
    if conn.dialect.name != "postgresql":
        return 0
    return int(conn.execute(text("SELECT pg_current_xact_id()::text::bigint")).scalar_one())


def horizon(conn: Connection) -> int | None:
    """The smallest txid that may still commit; rows below it are final. None: no bound."""
    if conn.dialect.name != "postgresql":
        return None
    sql = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
    return int(conn.execute(text(sql)).scalar_one())


def record(
    conn: Connection,
    txid: int,
    entries: Iterable[tuple[str, str, str, str]],
    origins: Mapping[int, str] | None = None,
) -> None:
    """Append (partition, entity, entity_id, op) entries for the open transaction;
    ``origins`` maps an entry's index to the device whose push it echoes exactly."""
    origins = origins or {}
    rows = [(txid, *entry, origins.get(i)) for i, entry in enumerate(entries)]
    insert_tuples(conn, change_log, _COLUMNS, rows)
