"""Schema 8: every reveal of personal data on this terminal (who saw which field, when).

Pushed like a fact (``personal_data_reveal``): the next sync reports it to the server's audit
log; never pulled.
"""

from __future__ import annotations

import sqlite_utils


def migrate(db: sqlite_utils.Database) -> None:
    """Add ``personal_data_reveal``."""
    db.execute(
        "CREATE TABLE personal_data_reveal ("
        " id TEXT PRIMARY KEY, user_id TEXT NOT NULL, record TEXT NOT NULL,"
        " record_id TEXT NOT NULL, field TEXT NOT NULL, revealed_at TEXT NOT NULL)"
    )
