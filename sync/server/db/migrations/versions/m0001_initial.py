"""Schema 1: territory, register, users, field records, sync bookkeeping.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this step."""
    op.create_table(
        "applied_op",
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_applied_op")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "attachment",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("mime", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), server_default="photo", nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment")),
    )
    op.create_table(
        "blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("completed_at", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blob")),
    )
    op.create_table(
        "change_log",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("txid", sa.BigInteger(), nullable=False),
        sa.Column("partition", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.Column("op", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index(
            "ix_change_log_partition_position", ["partition", "txid", "seq"], unique=False
        )

    op.create_table(
        "checklist_template",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_template")),
        sa.UniqueConstraint("code", "version", name=op.f("uq_checklist_template_code_version")),
    )
    op.create_table(
        "conflict",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("server_value", sa.Text(), nullable=False),
        sa.Column("terminal_value", sa.Text(), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("by_user", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), server_default="open", nullable=False),
        sa.Column("resolution", sa.String(length=10), nullable=True),
        sa.Column("resolved_by", sa.String(length=64), nullable=True),
        sa.Column("resolved_at", sa.BigInteger(), nullable=True),
        sa.Column("resolved_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index("ix_conflict_entity", ["entity", "entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_grid_id"), ["grid_id"], unique=False)

    op.create_table(
        "device",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), server_default="", nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sa.BigInteger(), nullable=False),
        sa.Column("revoked_at", sa.BigInteger(), nullable=True),
        sa.Column("enrollment_code_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_device_token_hash")),
    )
    op.create_table(
        "enrollment_code",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.Column("used_at", sa.BigInteger(), nullable=True),
        sa.Column("device_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollment_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_enrollment_code_code_hash")),
    )
    op.create_table(
        "login_attempt",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("worker_id", sa.String(length=40), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.Column("ok", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempt")),
    )
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.create_index("ix_login_attempt_device_at", ["device_id", "at"], unique=False)
        batch_op.create_index("ix_login_attempt_worker_at", ["worker_id", "at"], unique=False)

    op.create_table(
        "server_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_server_meta")),
    )
    op.create_table(
        "snapshot",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_snapshot")),
    )
    op.create_table(
        "street_office",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("num", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_street_office")),
        sa.UniqueConstraint("num", name=op.f("uq_street_office_num")),
    )
    op.create_table(
        "tombstone",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.Column("row", sa.Text(), nullable=False),
        sa.Column("deleted_by", sa.String(length=64), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_tombstone")),
    )
    op.create_table(
        "community",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("street_office_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("num", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["street_office_id"],
            ["street_office.id"],
            name=op.f("fk_community_street_office_id_street_office"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community")),
        sa.UniqueConstraint("num", name=op.f("uq_community_num")),
    )
    op.create_table(
        "app_user",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("worker_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("community_id", sa.String(length=64), nullable=True),
        sa.Column("street_office_id", sa.String(length=64), nullable=True),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("num", sa.Integer(), nullable=False),
        sa.Column("pin_hash", sa.Text(), nullable=True),
        sa.Column("active", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"], ["community.id"], name=op.f("fk_app_user_community_id_community")
        ),
        sa.ForeignKeyConstraint(
            ["street_office_id"],
            ["street_office.id"],
            name=op.f("fk_app_user_street_office_id_street_office"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("num", name=op.f("uq_app_user_num")),
        sa.UniqueConstraint("worker_id", name=op.f("uq_app_user_worker_id")),
    )
    op.create_table(
        "grid",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("community_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), server_default="residential", nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("num", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"], ["community.id"], name=op.f("fk_grid_community_id_community")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid")),
        sa.UniqueConstraint("num", name=op.f("uq_grid_num")),
    )
    with op.batch_alter_table("grid", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grid_community_id"), ["community_id"], unique=False)

    op.create_table(
        "building",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), server_default="", nullable=False),
        sa.Column("floors", sa.Integer(), server_default="1", nullable=False),
        sa.Column("captain", sa.Text(), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_building_grid_id_grid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_building")),
    )
    with op.batch_alter_table("building", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_building_grid_id"), ["grid_id"], unique=False)

    op.create_table(
        "check_in",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("accuracy_m", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_check_in_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in")),
    )
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_check_in_user_id"), ["user_id"], unique=False)

    op.create_table(
        "premises",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("operator", sa.Text(), server_default="", nullable=False),
        sa.Column("licence_no", sa.Text(), server_default="", nullable=False),
        sa.Column("contact_phone", sa.Text(), server_default="", nullable=False),
        sa.Column("trade", sa.Text(), server_default="", nullable=False),
        sa.Column("building", sa.Text(), server_default="", nullable=False),
        sa.Column("floor", sa.Text(), server_default="", nullable=False),
        sa.Column("row", sa.Text(), server_default="", nullable=False),
        sa.Column("number", sa.Text(), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("field_versions", sa.Text(), server_default="{}", nullable=False),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_premises_grid_id_grid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_premises")),
    )
    with op.batch_alter_table("premises", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_premises_grid_id"), ["grid_id"], unique=False)

    op.create_table(
        "session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.Column("revoked_at", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_session_device_id_device")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_session_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_session")),
    )
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_device_id"), ["device_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_session_user_id"), ["user_id"], unique=False)

    op.create_table(
        "ticket",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("urgent", sa.Integer(), server_default="0", nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("reported_by", sa.String(length=64), nullable=False),
        sa.Column("reported_at", sa.Text(), nullable=False),
        sa.Column("household_id", sa.String(length=64), nullable=True),
        sa.Column("visit_id", sa.String(length=64), nullable=True),
        sa.Column("department", sa.Text(), server_default="", nullable=False),
        sa.Column("location", sa.Text(), server_default="", nullable=False),
        sa.Column("photos", sa.Text(), server_default="[]", nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("field_versions", sa.Text(), server_default="{}", nullable=False),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_ticket_grid_id_grid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket")),
    )
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ticket_grid_id"), ["grid_id"], unique=False)

    op.create_table(
        "user_grid",
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_user_grid_grid_id_grid")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_user_grid_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("user_id", "grid_id", name=op.f("pk_user_grid")),
    )
    with op.batch_alter_table("user_grid", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_grid_grid_id"), ["grid_id"], unique=False)

    op.create_table(
        "hazard_inspection",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("premises_id", sa.String(length=64), nullable=False),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.Column("inspector_id", sa.String(length=64), nullable=False),
        sa.Column("template_code", sa.String(length=40), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("completed_at", sa.Text(), nullable=True),
        sa.Column("signature", sa.String(length=64), nullable=True),
        sa.Column("revision_of", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["grid.id"], name=op.f("fk_hazard_inspection_grid_id_grid")
        ),
        sa.ForeignKeyConstraint(
            ["premises_id"], ["premises.id"], name=op.f("fk_hazard_inspection_premises_id_premises")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hazard_inspection")),
    )
    with op.batch_alter_table("hazard_inspection", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hazard_inspection_premises_id"), ["premises_id"], unique=False
        )

    op.create_table(
        "ticket_transition",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("ticket_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("from_level", sa.String(length=20), nullable=True),
        sa.Column("to_level", sa.String(length=20), nullable=False),
        sa.Column("by_user", sa.String(length=64), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("department", sa.Text(), server_default="", nullable=False),
        sa.Column("photo", sa.String(length=64), nullable=True),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_ticket_transition_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_transition")),
    )
    with op.batch_alter_table("ticket_transition", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ticket_transition_ticket_id"), ["ticket_id"], unique=False
        )

    op.create_table(
        "unit",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("building_id", sa.String(length=64), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["building_id"], ["building.id"], name=op.f("fk_unit_building_id_building")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
    )
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_building_id"), ["building_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_unit_grid_id"), ["grid_id"], unique=False)

    op.create_table(
        "checklist_answer",
        sa.Column("inspection_id", sa.String(length=64), nullable=False),
        sa.Column("item_code", sa.String(length=40), nullable=False),
        sa.Column("result", sa.String(length=4), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("photos", sa.Text(), server_default="[]", nullable=False),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["hazard_inspection.id"],
            name=op.f("fk_checklist_answer_inspection_id_hazard_inspection"),
        ),
        sa.PrimaryKeyConstraint("inspection_id", "item_code", name=op.f("pk_checklist_answer")),
    )
    op.create_table(
        "hazard",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("inspection_id", sa.String(length=64), nullable=False),
        sa.Column("premises_id", sa.String(length=64), nullable=False),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.Column("item_code", sa.String(length=40), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("deadline", sa.Text(), nullable=False),
        sa.Column("responsible", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("found_at", sa.Text(), nullable=False),
        sa.Column("photos", sa.Text(), server_default="[]", nullable=False),
        sa.Column("ticket_id", sa.String(length=64), nullable=True),
        sa.Column("closed_at", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("field_versions", sa.Text(), server_default="{}", nullable=False),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["hazard_inspection.id"],
            name=op.f("fk_hazard_inspection_id_hazard_inspection"),
        ),
        sa.ForeignKeyConstraint(
            ["premises_id"], ["premises.id"], name=op.f("fk_hazard_premises_id_premises")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hazard")),
    )
    with op.batch_alter_table("hazard", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hazard_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hazard_inspection_id"), ["inspection_id"], unique=False
        )

    op.create_table(
        "household",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.Column("building_id", sa.String(length=64), nullable=False),
        sa.Column("unit_id", sa.String(length=64), nullable=False),
        sa.Column("floor", sa.Integer(), nullable=False),
        sa.Column("room", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("key_reasons", sa.Text(), server_default="[]", nullable=False),
        sa.Column("party_member", sa.Integer(), server_default="0", nullable=False),
        sa.Column("vacant", sa.Integer(), server_default="0", nullable=False),
        sa.Column("rental", sa.Integer(), server_default="0", nullable=False),
        sa.Column("phone", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("field_versions", sa.Text(), server_default="{}", nullable=False),
        sa.ForeignKeyConstraint(
            ["building_id"], ["building.id"], name=op.f("fk_household_building_id_building")
        ),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_household_grid_id_grid")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_household_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
    )
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_household_grid_id"), ["grid_id"], unique=False)

    op.create_table(
        "resident",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("household_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("gender", sa.String(length=10), nullable=False),
        sa.Column("birth_date", sa.Text(), nullable=True),
        sa.Column("relation", sa.String(length=20), server_default="other", nullable=False),
        sa.Column("id_number", sa.Text(), server_default="", nullable=False),
        sa.Column("phone", sa.Text(), server_default="", nullable=False),
        sa.Column("health", sa.Text(), server_default="", nullable=False),
        sa.Column("party_member", sa.Integer(), server_default="0", nullable=False),
        sa.Column("moved_out", sa.Integer(), server_default="0", nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.Column("field_versions", sa.Text(), server_default="{}", nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_resident_household_id_household")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resident")),
    )
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resident_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_resident_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "visit",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("household_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("visited_at", sa.Text(), nullable=False),
        sa.Column("visit_type", sa.String(length=30), nullable=False),
        sa.Column("met", sa.Text(), server_default="[]", nullable=False),
        sa.Column("concerns", sa.Text(), server_default="[]", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("photos", sa.Text(), server_default="[]", nullable=False),
        sa.Column("ticket_id", sa.String(length=64), nullable=True),
        sa.Column("revision_of", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("grid_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_visit_household_id_household")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_grid_id"), ["grid_id"], unique=False)


def downgrade() -> None:
    """Steps are forward-only."""
    raise NotImplementedError("forward-only migrations")
