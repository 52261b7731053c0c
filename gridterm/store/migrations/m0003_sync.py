"""Schema 3: the sync engine's local bookkeeping (docs/sync-contract.md).

Nothing here is pushed; these tables say where the terminal stands with the server:
``sync_state`` (server URL, device identity, pull cursor, settings), ``sync_session`` (a
user's session token), ``sync_rejection`` (why a quarantined outbox row was refused),
``sync_retry`` (rows the server asked to send again later), ``sync_conflict`` (a field changed
on both sides), ``sync_shadow`` (the server's last known copy of shared records, to tell a
server-side change from a local one), ``sync_parked`` (pulled rows whose parent has not
arrived yet) and ``photo_upload`` (where each photo's upload stands).
"""

from __future__ import annotations

import sqlite_utils

SCHEMA = """
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sync_session (
    worker_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, token TEXT NOT NULL,
    expires_at INTEGER NOT NULL);
CREATE TABLE sync_rejection (
    op_id TEXT PRIMARY KEY, reason TEXT NOT NULL, message TEXT NOT NULL DEFAULT '',
    field TEXT, server TEXT, at TEXT NOT NULL);
CREATE TABLE sync_retry (
    op_id TEXT PRIMARY KEY, attempts INTEGER NOT NULL, reason TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '', at TEXT NOT NULL);
CREATE TABLE sync_conflict (
    id TEXT PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL,
    local_value TEXT, server_value TEXT, op_id TEXT, base_version INTEGER,
    source TEXT NOT NULL CHECK (source IN ('push', 'pull')),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed')),
    detected_at TEXT NOT NULL, dismissed_at TEXT);
CREATE INDEX sync_conflict_record ON sync_conflict(entity, entity_id, field, status);
CREATE TABLE sync_shadow (
    entity TEXT NOT NULL, entity_id TEXT NOT NULL, row TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id));
CREATE TABLE sync_parked (
    entity TEXT NOT NULL, entity_id TEXT NOT NULL, row TEXT NOT NULL, parked_at TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id));
CREATE TABLE photo_upload (
    sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'replaced', 'failed')),
    replaced_by TEXT, upload_offset INTEGER NOT NULL DEFAULT 0,
    bytes_sent INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,
    reason TEXT, prepared_at TEXT NOT NULL, done_at TEXT);
CREATE INDEX photo_upload_state ON photo_upload(state, prepared_at);
"""


def migrate(db: sqlite_utils.Database) -> None:
    """Add the sync engine's tables."""
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            db.execute(statement)
