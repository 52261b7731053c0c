"""Schema 4: a conflict can be resolved on the terminal, keeping who chose what and when.

``sync_conflict`` gains the status ``resolved`` and the columns of the resolution: the choice
(``mine``, ``server`` or ``value``), the value written, who chose it, when, and the outbox op
that carries it to the server. SQLite cannot widen a CHECK constraint in place, so the table is
rebuilt; every row is copied (nothing recorded is lost).
"""

from __future__ import annotations

import sqlite_utils

SCHEMA = """
CREATE TABLE sync_conflict_new (
    id TEXT PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL,
    local_value TEXT, server_value TEXT, op_id TEXT, base_version INTEGER,
    source TEXT NOT NULL CHECK (source IN ('push', 'pull')),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'resolved')),
    detected_at TEXT NOT NULL, dismissed_at TEXT,
    resolution TEXT CHECK (resolution IS NULL OR resolution IN ('mine', 'server', 'value')),
    resolved_value TEXT, resolved_by TEXT, resolved_at TEXT, resolve_op_id TEXT);
INSERT INTO sync_conflict_new (id, entity, entity_id, field, local_value, server_value, op_id,
    base_version, source, status, detected_at, dismissed_at)
  SELECT id, entity, entity_id, field, local_value, server_value, op_id, base_version, source,
    status, detected_at, dismissed_at FROM sync_conflict;
DROP TABLE sync_conflict;
ALTER TABLE sync_conflict_new RENAME TO sync_conflict;
CREATE INDEX sync_conflict_record ON sync_conflict(entity, entity_id, field, status)
"""


def migrate(db: sqlite_utils.Database) -> None:
    """Rebuild ``sync_conflict`` with the resolution columns."""
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            db.execute(statement)
