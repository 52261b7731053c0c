"""Schema 9: conflicts are synced records, settled only by a resolution.

Adds ``conflict.resolve_op_id`` (the terminal's resolution op that settled it). Every existing
conflict is carried forward: it takes the id both sides compute from its op and field
(``sync.protocol.conflict_id``), so a terminal that recorded it knows it by the same name,
and it gets a change-log entry in its grid so every terminal of the grid pulls it — open
and settled ones alike, with all their values.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import time

import sqlalchemy as sa
from alembic import op

from sync.protocol import conflict_id

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the column, rename the conflicts and log them for the terminals' next pull."""
    op.add_column("conflict", sa.Column("resolve_op_id", sa.String(64), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT c.id, c.op_id, c.field, g.num FROM conflict c"
            " LEFT JOIN grid g ON g.id = c.grid_id ORDER BY c.created_at, c.id"
        )
    ).all()
    taken = {r.id for r in rows}
    at = int(time.time() * 1000)
    txid = 0
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("LOCK TABLE change_log IN ROW EXCLUSIVE MODE"))
        txid = int(conn.execute(sa.text("SELECT pg_current_xact_id()::text::bigint")).scalar_one())
    for r in rows:
        new = conflict_id(r.op_id, r.field)
        key = r.id
        if new != r.id and new not in taken:
            conn.execute(
                sa.text("UPDATE conflict SET id = :new WHERE id = :old"), {"new": new, "old": r.id}
            )
            taken.add(new)
            key = new
        if r.num is not None:
            conn.execute(
                sa.text(
                    "INSERT INTO change_log (txid, partition, entity, entity_id, op, origin,"
                    " logged_at) VALUES (:txid, :partition, 'conflict', :id, 'upsert', NULL, :at)"
                ),
                {"txid": txid, "partition": f"g{r.num}", "id": key, "at": at},
            )


def downgrade() -> None:
    """Steps are forward-only."""
    raise NotImplementedError("forward-only migrations")
