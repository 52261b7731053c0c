"""The server's security tables: devices, enrollment codes, sessions, the attempts to log in
and to enroll (for their limits), and the append-only audit log (0007)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, String, Table, Text

from sync.server.db.columns import id_key, metadata, parent, serial_key, text_field

device = Table(
    "device",
    metadata,
    id_key(),
    text_field("name"),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("enrolled_at", BigInteger, nullable=False),
    Column("revoked_at", BigInteger),
    Column("enrollment_code_id", String(64)),
)
enrollment_code = Table(
    "enrollment_code",
    metadata,
    id_key(),
    Column("code_hash", String(64), nullable=False, unique=True),
    text_field("note"),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("used_at", BigInteger),
    Column("device_id", String(64)),
)
session = Table(
    "session",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    parent("user_id", "app_user", index=True),
    parent("device_id", "device", index=True),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("revoked_at", BigInteger),
)
login_attempt = Table(
    "login_attempt",
    metadata,
    serial_key("id"),
    Column("worker_id", String(40), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("ok", Integer, nullable=False),
    Index("ix_login_attempt_worker_at", "worker_id", "at"),
    Index("ix_login_attempt_device_at", "device_id", "at"),
)

audit_event = Table(
    # who did what to which data, append-only: triggers refuse UPDATE and DELETE (0007)
    "audit_event",
    metadata,
    serial_key("id"),
    Column("at", BigInteger, nullable=False),
    Column("action", String(40), nullable=False),
    #: who acted: a user (API, terminal) or an operator's name for the admin CLI
    Column("actor", String(64), nullable=False),
    Column("device_id", String(64), nullable=True),
    #: what it was done to: an area id, a worker id, a record id…
    Column("subject", String(200), nullable=False),
    #: the area the event belongs to, so a supervisor sees the events of their area
    Column("community_id", String(64), nullable=True),
    Column("street_office_id", String(64), nullable=True),
    #: details as JSON text
    Column("detail", Text, nullable=False),
    Index("ix_audit_event_at", "at"),
    Index("ix_audit_event_action_at", "action", "at"),
)

enroll_attempt = Table(
    # every enrollment attempt with its client address, for the limit on guessing codes (0007)
    "enroll_attempt",
    metadata,
    serial_key("id"),
    Column("address", String(64), nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("ok", Integer, nullable=False),
    Index("ix_enroll_attempt_address_at", "address", "at"),
    Index("ix_enroll_attempt_at", "at"),
)
