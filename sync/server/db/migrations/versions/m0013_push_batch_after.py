"""Schema 13: ``push_batch.after``, the batch each one followed, so that the exactly-once
memory can be pruned: a batch three links back in a device's chain is one whose answer that
terminal has taken (``sync/server/admin/prune.py``, docs/sync-contract.md).

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``after`` (NULL for the batches committed before: they are never pruned) and the
    index the chain is followed by."""
    with op.batch_alter_table("push_batch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("after", sa.String(length=64), nullable=True))
    op.create_index(
        op.f("ix_push_batch_device_id_after"), "push_batch", ["device_id", "after"], unique=False
    )


def downgrade() -> None:
    """Steps are forward-only."""
    raise NotImplementedError("forward-only migrations")
