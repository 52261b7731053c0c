"""Schema 6: every report export made on this terminal (who exported what, when, where to).

Kept on the terminal only, never synced: the server records the exports made through it.
"""

from __future__ import annotations

import sqlite_utils


def migrate(db: sqlite_utils.Database) -> None:
    """Add ``report_export``."""
    db.execute(
        "CREATE TABLE report_export ("
        " id TEXT PRIMARY KEY, user_id TEXT NOT NULL, kind TEXT NOT NULL,"
        " area_level TEXT NOT NULL, area_id TEXT NOT NULL, period TEXT NOT NULL,"
        " format TEXT NOT NULL, file TEXT NOT NULL, at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX report_export_at ON report_export(at)")
