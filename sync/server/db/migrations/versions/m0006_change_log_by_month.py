"""Schema 6: change-log entries carry when they were logged; on PostgreSQL the change log is
partitioned by month on it, so that old months are retired whole (sync/server/db/retention.py).

Entries already logged count as logged when this migration runs (their real time is not
known); they are retired with that month.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import calendar
import time

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_COLUMNS = "seq, txid, partition, entity, entity_id, op, origin"


def upgrade() -> None:
    """Add ``logged_at``; on PostgreSQL move the log into a partitioned table."""
    now = time.time_ns() // 1_000_000
    if op.get_bind().dialect.name != "postgresql":
        with op.batch_alter_table("change_log") as batch:
            batch.add_column(
                sa.Column("logged_at", sa.BigInteger, nullable=False, server_default=str(now))
            )
        with op.batch_alter_table("change_log") as batch:
            batch.alter_column("logged_at", server_default=None)
        return
    # A table cannot be turned into a partitioned one in place: build the new one, copy,
    # and hand it the old one's sequence, so that seq keeps rising across the move.
    sequence = (
        op.get_bind()
        .execute(sa.text("SELECT pg_get_serial_sequence('change_log', 'seq')"))
        .scalar_one()
    )
    op.execute("ALTER TABLE change_log RENAME TO change_log_unpartitioned")
    op.execute(
        f"""
        CREATE TABLE change_log (
            seq BIGINT NOT NULL DEFAULT nextval('{sequence}'),
            txid BIGINT NOT NULL,
            partition VARCHAR(20) NOT NULL,
            entity VARCHAR(40) NOT NULL,
            entity_id VARCHAR(200) NOT NULL,
            op VARCHAR(10) NOT NULL,
            origin VARCHAR(64),
            logged_at BIGINT NOT NULL,
            PRIMARY KEY (seq, logged_at)
        ) PARTITION BY RANGE (logged_at)
        """
    )
    op.execute("CREATE TABLE change_log_default PARTITION OF change_log DEFAULT")
    year, month = time.gmtime(now / 1000)[:2]
    for step in range(3):  # this month and the next two, as retention.ensure_partitions
        y, m = year + (month - 1 + step) // 12, (month - 1 + step) % 12 + 1
        ny, nm = y + m // 12, m % 12 + 1
        start = calendar.timegm((y, m, 1, 0, 0, 0)) * 1000
        end = calendar.timegm((ny, nm, 1, 0, 0, 0)) * 1000
        op.execute(
            f"CREATE TABLE change_log_y{y:04d}m{m:02d} PARTITION OF change_log"
            f" FOR VALUES FROM ({start}) TO ({end})"
        )
    op.execute(
        f"INSERT INTO change_log ({_COLUMNS}, logged_at)"
        f" SELECT {_COLUMNS}, {now} FROM change_log_unpartitioned"
    )
    op.execute(f"ALTER SEQUENCE {sequence} OWNED BY change_log.seq")
    op.execute("DROP TABLE change_log_unpartitioned")
    op.create_index("ix_change_log_partition_position", "change_log", ["partition", "txid", "seq"])


def downgrade() -> None:
    """Steps are forward-only."""
    raise NotImplementedError("forward-only migrations")
