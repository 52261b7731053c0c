"""Schema 9: the street office's settings as the server published them (pulled, never
pushed), and the server's stamps on ticket steps.

Each publication of the settings is a new row with a higher ``revision``; the terminal uses the
highest it has, and the built-in defaults until it has one
(``gridterm.domain.office_settings``). ``ticket_transition.received_at`` and ``server_at`` are
empty until a step has reached the server (and for steps it received before it stamped
them); reports then measure by the recorded time (``gridterm.domain.server_clock``).
"""

from __future__ import annotations

import sqlite_utils


def migrate(db: sqlite_utils.Database) -> None:
    """Add ``office_settings`` and the receipt stamps of ``ticket_transition``."""
    db.execute(
        "CREATE TABLE office_settings ("
        " id TEXT PRIMARY KEY, street_office_id TEXT NOT NULL, revision INTEGER NOT NULL,"
        " document TEXT NOT NULL, published_at TEXT NOT NULL)"  # document: JSON
    )
    db.execute("CREATE INDEX office_settings_revision ON office_settings(revision)")
    db.execute("ALTER TABLE ticket_transition ADD COLUMN received_at TEXT")
    db.execute("ALTER TABLE ticket_transition ADD COLUMN server_at TEXT")
