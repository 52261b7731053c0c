"""The server's territory, register and user tables (网格, 人房模型, 用户), synced to terminals."""

from __future__ import annotations

from sqlalchemy import Column, Integer, PrimaryKeyConstraint, String, Table, Text

from gridterm.store.entities import PREMISES_DETAILS
from sync.server.db.columns import (
    SERVER,
    field_versions,
    flag,
    grid_copy,
    id_key,
    json_list,
    merged,
    metadata,
    num,
    parent,
    text_field,
    version,
)

street_office = Table(
    "street_office", metadata, id_key(), Column("name", Text, nullable=False), version(), num()
)
community = Table(
    "community",
    metadata,
    id_key(),
    parent("street_office_id", "street_office"),
    Column("name", Text, nullable=False),
    version(),
    num(),
)
grid = Table(
    "grid",
    metadata,
    id_key(),
    parent("community_id", "community", index=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False, server_default="residential"),
    version(),
    num(),
)
building = Table(
    "building",
    metadata,
    id_key(),
    parent("grid_id", "grid", index=True),
    Column("number", Text, nullable=False),
    text_field("name"),
    Column("floors", Integer, nullable=False, server_default="1"),
    text_field("captain"),
    version(),
)
unit = Table(
    "unit",
    metadata,
    id_key(),
    parent("building_id", "building", index=True),
    Column("number", Text, nullable=False),
    version(),
    grid_copy(),
)
household = Table(
    "household",
    metadata,
    id_key(),
    parent("grid_id", "grid", index=True),
    parent("building_id", "building"),
    parent("unit_id", "unit"),
    Column("floor", Integer, nullable=False),
    Column("room", Text, nullable=False),
    Column("address", Text, nullable=False),
    json_list("key_reasons"),
    flag("party_member"),
    flag("vacant"),
    flag("rental"),
    text_field("phone"),
    text_field("notes"),
    *merged(),
)
resident = Table(
    "resident",
    metadata,
    id_key(),
    parent("household_id", "household", index=True),
    Column("name", Text, nullable=False),
    Column("gender", String(10), nullable=False),
    text_field("birth_date", nullable=True, default=None),
    Column("relation", String(20), nullable=False, server_default="other"),
    text_field("id_number"),
    text_field("phone"),
    text_field("health"),
    flag("party_member"),
    flag("moved_out"),
    version(),
    grid_copy(),
    field_versions(),
)
premises = Table(
    "premises",
    metadata,
    id_key(),
    parent("grid_id", "grid", index=True),
    Column("name", Text, nullable=False),
    *(text_field(c) for c in PREMISES_DETAILS),
    *merged(),
)

user = Table(
    "app_user",  # "user" is reserved in PostgreSQL; the terminal's table is "user"
    metadata,
    id_key(),
    Column("worker_id", String(40), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("role", String(30), nullable=False),
    parent("community_id", "community", nullable=True),
    parent("street_office_id", "street_office", nullable=True),
    version(),
    num(),
    Column("pin_hash", Text, nullable=True, info=SERVER),
    Column("active", Integer, nullable=False, server_default="1", info=SERVER),
)
user_grid = Table(
    "user_grid",
    metadata,
    parent("user_id", "app_user"),
    parent("grid_id", "grid", index=True),
    PrimaryKeyConstraint("user_id", "grid_id"),
)
