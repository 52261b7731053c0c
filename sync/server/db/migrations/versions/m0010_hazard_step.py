"""Schema 10: a hazard's history as synced steps (``hazard_step``), like ticket_transition.

Existing hazards get their steps from what is known, by the function the terminal's
migration 0011 uses (``gridterm.store.migrations.m0011_hazard_step.carried_steps``), so a
terminal upgrading later holds the same step ids as the server and pulls no second copy.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from gridterm.store.migrations.m0011_hazard_step import carried_steps

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``hazard_step`` and carry the existing hazards' steps forward."""
    op.create_table(
        "hazard_step",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("hazard_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=True),
        sa.Column("by_user", sa.String(length=64), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("photos", sa.Text(), server_default="[]", nullable=False),
        sa.Column("party", sa.Text(), server_default="", nullable=False),
        sa.Column("ticket_id", sa.String(length=64), nullable=True),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["hazard_id"], ["hazard.id"], name=op.f("fk_hazard_step_hazard_id_hazard")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hazard_step")),
    )
    with op.batch_alter_table("hazard_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hazard_step_hazard_id"), ["hazard_id"], unique=False)
    conn = op.get_bind()
    found = (
        conn.execute(
            sa.text(
                "SELECT h.id, h.status, h.found_at, h.closed_at, h.photos, h.ticket_id, h.grid_id,"
                " i.inspector_id, a.photos AS before, t.reported_at AS escalated_at FROM hazard h"
                " JOIN hazard_inspection i ON i.id = h.inspection_id"
                " LEFT JOIN checklist_answer a ON a.inspection_id = h.inspection_id"
                " AND a.item_code = h.item_code LEFT JOIN ticket t ON t.id = h.ticket_id"
            )
        )
        .mappings()
        .all()
    )
    table = sa.table(
        "hazard_step",
        *(
            sa.column(n)
            for n in (
                "id", "hazard_id", "action", "from_status", "to_status", "by_user", "at",
                "note", "photos", "party", "ticket_id", "grid_id",
            )
        ),
    )  # fmt: skip
    batch: list[dict[str, object]] = []
    for row in found:
        hazard = {**row, "photos": json.loads(row["photos"] or "[]")}
        for step in carried_steps(
            hazard,
            inspector=row["inspector_id"],
            before=json.loads(row["before"] or "[]"),
            escalated_at=row["escalated_at"],
        ):
            batch.append({**step, "photos": json.dumps(step["photos"]), "grid_id": row["grid_id"]})
        if len(batch) >= 1000:
            conn.execute(table.insert(), batch)
            batch = []
    if batch:
        conn.execute(table.insert(), batch)


def downgrade() -> None:
    """Steps are forward-only."""
    raise NotImplementedError("forward-only migrations")
