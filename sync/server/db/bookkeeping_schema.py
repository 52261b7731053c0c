"""The server's own bookkeeping tables, never synced as records: its settings, the ops and
batches applied, the change log pulls read, tombstones, uploads, reassignment grace, report
exports and snapshots."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, PrimaryKeyConstraint, String, Table, Text

from sync.server.db.columns import id_key, metadata, serial_key

meta = Table(
    "server_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
applied_op = Table(
    "applied_op",
    metadata,
    Column("op_id", String(64), primary_key=True),
    Column("batch_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("user_id", String(64), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("at", BigInteger, nullable=False),
    # a conflict's answer ({"conflict_fields", "server"} as JSON), so that a batch delivered
    # again answers "duplicate" with the same details (migration 0003); NULL when applied
    Column("detail", Text, nullable=True),
    sqlite_with_rowid=False,  # one b-tree per insert instead of two: it takes a row per op
)
push_batch = Table(
    # every push batch committed, by device: a pipelined batch names the one it follows and
    # is applied only once that one is here (migration 0012, ``sync/server/push/order.py``)
    "push_batch",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("batch_id", String(64), primary_key=True),  # the device's: ids are the devices'
    Column("at", BigInteger, nullable=False),
    # the batch it followed (NULL: the first of a run, or committed before migration 0013):
    # how prune knows which answers the terminal has taken
    Column("after", String(64), nullable=True),
    Index("ix_push_batch_device_id_after", "device_id", "after"),
    sqlite_with_rowid=False,
)
change_log = Table(
    "change_log",
    metadata,
    serial_key("seq"),
    # the writing transaction's id on PostgreSQL (0 on SQLite): see sync/server/db/changes.py
    Column("txid", BigInteger, nullable=False),
    Column("partition", String(20), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("op", String(10), nullable=False),
    # the device whose push this entry echoes exactly (a fact stored as sent), else NULL:
    # pulls skip a device's own such entries (sync/server/pull.py)
    Column("origin", String(64), nullable=True),
    # when the entry was written (ms since the epoch): on PostgreSQL the table is partitioned
    # by month on it, and old months are retired whole (sync/server/db/retention.py)
    Column("logged_at", BigInteger, nullable=False),
    Index("ix_change_log_partition_position", "partition", "txid", "seq"),
)
tombstone = Table(
    "tombstone",
    metadata,
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("row", Text, nullable=False),
    Column("deleted_by", String(64), nullable=False),
    Column("at", BigInteger, nullable=False),
    PrimaryKeyConstraint("entity", "entity_id"),
)
blob = Table(
    "blob",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("length", BigInteger, nullable=False),
    Column("complete", Integer, nullable=False, server_default="0"),
    Column("created_at", BigInteger, nullable=False),
    Column("completed_at", BigInteger),
    # the device whose upload made the blob (the first to announce it, before migration 0014):
    # it may download the blob before any record names it (sync/server/blobs/access.py); NULL
    # for blobs older than migration 0003. Since 0014 a row is a held blob (complete = 1).
    Column("device_id", String(64), nullable=True),
)
blob_upload = Table(
    # an upload in progress, one per device and digest: its bytes are that device's own part
    # in storage, so no other device can append to them (sync/server/blobs/service.py)
    "blob_upload",
    metadata,
    Column("sha256", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("length", BigInteger, nullable=False),
    Column("created_at", BigInteger, nullable=False),
    PrimaryKeyConstraint("sha256", "device_id"),
)
grid_release = Table(
    # assignment history for reassignment grace (sync/server/auth/grace.py): a grid taken from
    # a user, per device that user had signed in on; ``left_at`` is set by that device's next
    # pull for the user, which hands it the grid's removal
    "grid_release",
    metadata,
    Column("user_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("grid_id", String(64), nullable=False),
    Column("released_at", BigInteger, nullable=False),
    Column("left_at", BigInteger, nullable=True),
    PrimaryKeyConstraint("user_id", "device_id", "grid_id"),
)
report_export = Table(
    # who exported which report through the server (API or CLI), when and how big (0005)
    "report_export",
    metadata,
    id_key(),
    Column("user_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=True),
    Column("via", String(10), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("area_level", String(20), nullable=False),
    Column("area_id", String(64), nullable=False),
    Column("period", String(10), nullable=False),
    Column("format", String(10), nullable=False),
    Column("bytes", BigInteger, nullable=False),
    Column("at", BigInteger, nullable=False, index=True),
)
snapshot = Table(
    "snapshot",
    metadata,
    id_key(),
    Column("user_id", String(64), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("length", BigInteger, nullable=False),
    Column("rows", Integer, nullable=False),
    Column("cursor", Text, nullable=False),
    Column("created_at", BigInteger, nullable=False),
)
