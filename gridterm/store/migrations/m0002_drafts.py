"""Schema 2: drafts of forms in progress, so a crash or a flat battery loses no typing."""

from __future__ import annotations

import sqlite_utils


def migrate(db: sqlite_utils.Database) -> None:
    """Add ``draft``: one row per open form (a visit, a quick report, an inspection)."""
    db.execute(
        "CREATE TABLE draft ("
        " id TEXT PRIMARY KEY, kind TEXT NOT NULL, user_id TEXT NOT NULL,"
        " subject_id TEXT, payload TEXT NOT NULL, updated_at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX draft_user ON draft(user_id, kind)")
