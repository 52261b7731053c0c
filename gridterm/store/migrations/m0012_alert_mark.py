"""Schema 12: the worker's marks of alerts (notified, seen), synced to their other terminals.

One row per (worker, alert, state), its id derived from the three
(``gridterm.domain.alerts.mark_id``): two terminals marking one alert make one record.
"""

from __future__ import annotations

import sqlite_utils


def migrate(db: sqlite_utils.Database) -> None:
    """Add ``alert_mark``."""
    db.execute(
        "CREATE TABLE alert_mark ("
        " id TEXT PRIMARY KEY, user_id TEXT NOT NULL, alert_key TEXT NOT NULL,"
        " state TEXT NOT NULL CHECK (state IN ('notified', 'seen')), at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX alert_mark_user ON alert_mark(user_id, alert_key)")
