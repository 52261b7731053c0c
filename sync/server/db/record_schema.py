"""The server's tables of what workers record and settle: check-ins, visits, tickets, alerts,
photos, settings and conflicts (打卡, 走访, 工单, 冲突), synced to terminals but for photos."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from sync.server.db.columns import (
    JSON,
    SERVER,
    flag,
    grid_copy,
    id_key,
    json_list,
    merged,
    metadata,
    parent,
    text_field,
)

check_in = Table(
    "check_in",
    metadata,
    id_key(),
    parent("user_id", "app_user", index=True),
    Column("kind", String(4), nullable=False),
    Column("at", Text, nullable=False),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("accuracy_m", Float),
)
visit = Table(
    "visit",
    metadata,
    id_key(),
    # no index on household_id: the server finds visits by id and by grid, never by household
    parent("household_id", "household"),
    Column("user_id", String(64), nullable=False),
    Column("visited_at", Text, nullable=False),
    Column("visit_type", String(30), nullable=False),
    json_list("met"),
    json_list("concerns"),
    text_field("notes"),
    Column("outcome", String(20), nullable=False),
    json_list("photos"),
    Column("ticket_id", String(64)),
    Column("revision_of", String(64)),
    Column("created_at", Text, nullable=False),
    grid_copy(),
)
ticket = Table(
    "ticket",
    metadata,
    id_key(),
    parent("grid_id", "grid", index=True),
    Column("category", Text, nullable=False),
    Column("title", Text, nullable=False),
    text_field("description"),
    flag("urgent"),
    Column("status", String(20), nullable=False),
    Column("level", String(20), nullable=False),
    Column("reported_by", String(64), nullable=False),
    Column("reported_at", Text, nullable=False),
    Column("household_id", String(64)),
    Column("visit_id", String(64)),
    text_field("department"),
    text_field("location"),
    json_list("photos"),
    Column("updated_at", Text, nullable=False),
    *merged(),
)
ticket_transition = Table(
    "ticket_transition",
    metadata,
    id_key(),
    parent("ticket_id", "ticket", index=True),
    Column("action", String(20), nullable=False),
    Column("from_status", String(20)),
    Column("to_status", String(20), nullable=False),
    Column("from_level", String(20)),
    Column("to_level", String(20), nullable=False),
    Column("by_user", String(64), nullable=False),
    Column("at", Text, nullable=False),
    text_field("note"),
    text_field("department"),
    Column("photo", String(64)),
    grid_copy(index=False),
    # the server's stamps (gridterm.domain.server_clock): when it received the step, and the
    # step's time on its clock; pulled by terminals, empty until the step reached the server
    Column("received_at", Text),
    Column("server_at", Text),
)
office_settings = Table(
    # a street office's settings, one row per publication; terminals use the highest revision
    "office_settings",
    metadata,
    id_key(),
    Column("street_office_id", String(64), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("document", Text, nullable=False, info=JSON),
    Column("published_at", Text, nullable=False),
    UniqueConstraint("street_office_id", "revision"),
)
alert_mark = Table(
    # a worker's mark of an alert (notified, seen), its id derived from worker, alert, state
    "alert_mark",
    metadata,
    id_key(),
    Column("user_id", String(64), nullable=False, index=True),
    Column("alert_key", Text, nullable=False),
    Column("state", String(10), nullable=False),
    Column("at", Text, nullable=False),
)
attachment = Table(
    # pushed, never pulled: the terminal's table keeps its own upload state
    "attachment",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("mime", String(100), nullable=False),
    Column("kind", String(20), nullable=False, server_default="photo"),
    Column("created_at", Text, nullable=False),
)
#: A field changed on both sides (冲突), one row per refused value; its id is
#: ``sync.protocol.conflict_id(op_id, field)``. Synced to every terminal of its grid (the
#: change log names it), settled only by a resolution (migration 0009: ``resolve_op_id``).
conflict = Table(
    "conflict",
    metadata,
    id_key(),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("grid_id", String(64), nullable=False, index=True),
    Column("field", String(40), nullable=False),
    Column("base_version", Integer),
    Column("server_value", Text, nullable=False),
    Column("terminal_value", Text, nullable=False),
    Column("op_id", String(64), nullable=False),
    Column("by_user", String(64), nullable=False),
    Column("device_id", String(64), nullable=False, info=SERVER),
    Column("created_at", BigInteger, nullable=False),
    Column("status", String(10), nullable=False, server_default="open"),
    Column("resolution", String(10)),
    Column("resolved_by", String(64)),
    Column("resolved_at", BigInteger),
    Column("resolved_value", Text),
    # the terminal's resolution op that settled it (NULL: settled on the server, or open)
    Column("resolve_op_id", String(64)),
    Index("ix_conflict_entity", "entity", "entity_id"),
)
