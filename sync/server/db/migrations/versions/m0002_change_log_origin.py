"""Schema 2: the change log names the device whose push it echoes exactly (``origin``).

A pull skips a device's own such entries (its pushed visits, check-ins, inspections and
answers, stored exactly as sent) instead of sending them back to it.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this step (a nullable column: instant on PostgreSQL, no rewrite)."""
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin", sa.String(length=64), nullable=True))


def downgrade() -> None:
    """Steps are forward-only."""
    raise NotImplementedError("forward-only migrations")
