"""Schema 3: reassignment grace, blob uploaders, duplicate answers that keep their details.

* ``grid_release``: a grid taken from a user, per device of that user, and when that device
  pulled past the removal (sync/server/auth/grace.py).
* ``blob.device_id``: the device that announced an upload may download it.
* ``applied_op.detail``: a conflict's details, answered again for a duplicate.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this step (new table, nullable columns: no rewrite on PostgreSQL)."""
    op.create_table(
        "grid_release",
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.Column("released_at", sa.BigInteger(), nullable=False),
        sa.Column("left_at", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("user_id", "device_id", "grid_id", name=op.f("pk_grid_release")),
    )
    with op.batch_alter_table("blob", schema=None) as batch_op:
        batch_op.add_column(sa.Column("device_id", sa.String(length=64), nullable=True))
    with op.batch_alter_table("applied_op", schema=None) as batch_op:
        batch_op.add_column(sa.Column("detail", sa.Text(), nullable=True))


def downgrade() -> None:
    """Steps are forward-only."""
    raise NotImplementedError("forward-only migrations")
