"""The server's market inspection tables: checklists, inspections, their answers, the hazards
found and each hazard's steps (检查表, 巡查, 隐患, 处置记录), synced to terminals."""

from __future__ import annotations

from sqlalchemy import Column, Integer, PrimaryKeyConstraint, String, Table, Text, UniqueConstraint

from sync.server.db.columns import (
    JSON,
    grid_copy,
    id_key,
    json_list,
    merged,
    metadata,
    parent,
    text_field,
)

checklist_template = Table(
    "checklist_template",
    metadata,
    id_key(),
    Column("code", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("items", Text, nullable=False, info=JSON),
    UniqueConstraint("code", "version"),
)
hazard_inspection = Table(
    "hazard_inspection",
    metadata,
    id_key(),
    parent("premises_id", "premises", index=True),
    parent("grid_id", "grid"),
    Column("inspector_id", String(64), nullable=False),
    Column("template_code", String(40), nullable=False),
    Column("template_version", Integer, nullable=False),
    Column("started_at", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("completed_at", Text),
    Column("signature", String(64)),
    Column("revision_of", String(64)),
    Column("operator_absent", Text, nullable=False, server_default=""),
)
checklist_answer = Table(
    "checklist_answer",
    metadata,
    parent("inspection_id", "hazard_inspection"),
    Column("item_code", String(40), nullable=False),
    Column("result", String(4), nullable=False),
    text_field("note"),
    json_list("photos"),
    grid_copy(index=False),
    PrimaryKeyConstraint("inspection_id", "item_code"),
)
hazard = Table(
    "hazard",
    metadata,
    id_key(),
    parent("inspection_id", "hazard_inspection", index=True),
    parent("premises_id", "premises"),
    Column("grid_id", String(64), nullable=False, index=True),
    Column("item_code", String(40), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("deadline", Text, nullable=False),
    Column("responsible", Text, nullable=False),
    text_field("description"),
    Column("status", String(20), nullable=False),
    Column("found_at", Text, nullable=False),
    json_list("photos"),
    Column("ticket_id", String(64)),
    Column("closed_at", Text),
    *merged(),
)
hazard_step = Table(
    "hazard_step",
    metadata,
    id_key(),
    parent("hazard_id", "hazard", index=True),
    Column("action", String(20), nullable=False),
    Column("from_status", String(20)),
    Column("to_status", String(20)),
    Column("by_user", String(64), nullable=False),
    Column("at", Text, nullable=False),
    text_field("note"),
    json_list("photos"),
    text_field("party"),
    Column("ticket_id", String(64)),
    grid_copy(index=False),
)
