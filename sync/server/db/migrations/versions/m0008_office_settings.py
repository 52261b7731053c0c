"""Schema 8: the street offices' settings, one row per publication (pulled by terminals), and
the server's stamps on each ticket step it receives (receipt, the step's time on its clock).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``office_settings`` and ``ticket_transition.received_at``/``server_at`` (empty for
    steps received before: their recorded times stand)."""
    op.create_table(
        "office_settings",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("street_office_id", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("published_at", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_settings")),
        sa.UniqueConstraint(
            "street_office_id",
            "revision",
            name=op.f("uq_office_settings_street_office_id_revision"),
        ),
    )
    with op.batch_alter_table("ticket_transition") as batch:
        batch.add_column(sa.Column("received_at", sa.Text(), nullable=True))
        batch.add_column(sa.Column("server_at", sa.Text(), nullable=True))


def downgrade() -> None:
    """Steps are forward-only."""
    raise NotImplementedError("forward-only migrations")
