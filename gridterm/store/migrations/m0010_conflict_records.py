"""Schema 10: a conflict is one record per refused value, the same on terminal and server.

``sync_conflict`` rows used to be one per field, overwritten while open. Now each row is one
refused value, named as the server names it (``sync.protocol.conflict_id``: its op and
field), with its grid, who wrote it (``by_user``) and when the server refused it
(``written_at``); rows pulled from the server have the source ``server``. Existing rows are
carried forward under that name (a row whose name is taken keeps its own id). SQLite cannot
widen a CHECK constraint in place, so the table is rebuilt.
"""

from __future__ import annotations

import sqlite_utils

from gridterm.ids import conflict_id

SCHEMA = """
CREATE TABLE sync_conflict_new (
    id TEXT PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL,
    grid_id TEXT, local_value TEXT, server_value TEXT, op_id TEXT, base_version INTEGER,
    by_user TEXT, written_at TEXT,
    source TEXT NOT NULL CHECK (source IN ('push', 'pull', 'server')),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'resolved')),
    detected_at TEXT NOT NULL, dismissed_at TEXT,
    resolution TEXT CHECK (resolution IS NULL
        OR resolution IN ('mine', 'server', 'value', 'terminal')),
    resolved_value TEXT, resolved_by TEXT, resolved_at TEXT, resolve_op_id TEXT);
"""
_COPIED = (
    "entity, entity_id, field, local_value, server_value, op_id, base_version, source, status,"
    " detected_at, dismissed_at, resolution, resolved_value, resolved_by, resolved_at,"
    " resolve_op_id"
)
_INDEXES = (
    "CREATE INDEX sync_conflict_record ON sync_conflict(entity, entity_id, field, status)",
    "CREATE INDEX sync_conflict_status ON sync_conflict(status, grid_id)",
)


def migrate(db: sqlite_utils.Database) -> None:
    """Rebuild ``sync_conflict``, renaming each row as the server names it."""
    db.execute(SCHEMA)
    taken: set[str] = set()
    rows = db.execute(
        f"SELECT id, {_COPIED} FROM sync_conflict ORDER BY detected_at, id"
    ).fetchall()
    ids = {r[0] for r in rows}
    for old, *values in rows:
        key = old
        op_id, field = values[5], values[2]
        if op_id:
            named = conflict_id(op_id, field)
            if named not in taken and (named == old or named not in ids):
                key = named
        taken.add(key)
        marks = ", ".join("?" * (len(values) + 1))
        db.execute(
            f"INSERT INTO sync_conflict_new (id, {_COPIED}) VALUES ({marks})", [key, *values]
        )
    db.execute(
        "UPDATE sync_conflict_new SET grid_id = (SELECT grid_id FROM household h"
        " WHERE h.id = sync_conflict_new.entity_id) WHERE entity = 'household'"
    )
    db.execute(
        "UPDATE sync_conflict_new SET grid_id = (SELECT h.grid_id FROM resident r"
        " JOIN household h ON h.id = r.household_id WHERE r.id = sync_conflict_new.entity_id)"
        " WHERE entity = 'resident'"
    )
    for table in ("ticket", "premises", "hazard"):
        db.execute(
            f"UPDATE sync_conflict_new SET grid_id = (SELECT grid_id FROM {table} x"
            f" WHERE x.id = sync_conflict_new.entity_id) WHERE entity = '{table}'"
        )
    db.execute("DROP TABLE sync_conflict")
    db.execute("ALTER TABLE sync_conflict_new RENAME TO sync_conflict")
    for statement in _INDEXES:
        db.execute(statement)
