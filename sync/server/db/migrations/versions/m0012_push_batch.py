"""Schema 12: ``push_batch``, every push batch committed, so that a terminal may keep a second
batch in flight: a batch names the one it follows and is applied only after it.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``push_batch`` (empty: batches committed before named no predecessor)."""
    op.create_table(
        "push_batch",
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "batch_id", name=op.f("pk_push_batch")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    """Steps are forward-only."""
    raise NotImplementedError("forward-only migrations")
