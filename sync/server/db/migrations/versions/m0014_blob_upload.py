"""Schema 14: ``blob_upload``, each device's upload in progress, so that another device knowing
a photo's digest cannot append to it (issue 16): every device fills its own part in storage
and the first complete, verified one becomes the blob. ``blob`` then holds held blobs only.

Uploads in progress at the upgrade keep their device and length; their bytes, kept under the
digest alone before, are not carried over: the terminal's next announcement is answered at
byte 0 and it sends the photo again.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``blob_upload`` from the unfinished ``blob`` rows, then drop those rows."""
    op.create_table(
        "blob_upload",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "device_id", name=op.f("pk_blob_upload")),
    )
    op.execute(
        "INSERT INTO blob_upload (sha256, device_id, length, created_at)"
        " SELECT sha256, device_id, length, created_at FROM blob"
        " WHERE complete = 0 AND device_id IS NOT NULL"
    )
    op.execute("DELETE FROM blob WHERE complete = 0")


def downgrade() -> None:
    """Steps are forward-only."""
    raise NotImplementedError("forward-only migrations")
