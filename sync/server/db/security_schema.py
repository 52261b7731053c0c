"""The server's security tables: the append-only audit log and enrollment attempts (0007).

Declared on ``schema.metadata`` (``schema`` imports this module last), kept apart so the
synced tables' module stays about synced tables.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, String, Table, Text

from sync.server.db.schema import metadata

_SERIAL = BigInteger().with_variant(Integer, "sqlite")

audit_event = Table(
    # who did what to which data, append-only: triggers refuse UPDATE and DELETE (0007)
    "audit_event",
    metadata,
    Column("id", _SERIAL, primary_key=True, autoincrement=True),
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
    Column("id", _SERIAL, primary_key=True, autoincrement=True),
    Column("address", String(64), nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("ok", Integer, nullable=False),
    Index("ix_enroll_attempt_address_at", "address", "at"),
    Index("ix_enroll_attempt_at", "at"),
)
