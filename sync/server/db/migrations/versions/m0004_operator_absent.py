"""Schema 4: why an inspection has no operator's signature (``operator_absent``).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this step (a column with a constant default: no rewrite on PostgreSQL 11+)."""
    with op.batch_alter_table("hazard_inspection", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("operator_absent", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    """Steps are forward-only."""
    raise NotImplementedError("forward-only migrations")
