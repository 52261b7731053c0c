"""Schema 7: who wrote each outbox row (作者), so a shared terminal shows each worker their own.

Several workers may log in on one terminal in turn; their unsent work waits in one outbox.
The indicator counts the logged-in worker's rows; the device's total is shown before logging
out. Rows written before this schema are attributed where the record names its author (a
visit, a check-in, a ticket step, a reported ticket, an inspection); the rest stay NULL and
count only in the device's total.
"""

from __future__ import annotations

import sqlite_utils

#: Where an existing record names the user who wrote it (entity → table, author column).
_AUTHOR_OF = {
    "visit": ("visit", "user_id"),
    "check_in": ("check_in", "user_id"),
    "ticket_transition": ("ticket_transition", "by_user"),
    "ticket": ("ticket", "reported_by"),
    "hazard_inspection": ("hazard_inspection", "inspector_id"),
}


def migrate(db: sqlite_utils.Database) -> None:
    """Add ``outbox.author`` (a user id), fill it in where the record says, and index it."""
    db.execute("ALTER TABLE outbox ADD COLUMN author TEXT")
    for entity, (table, column) in _AUTHOR_OF.items():
        db.execute(
            f"UPDATE outbox SET author = (SELECT {column} FROM {table} WHERE id = entity_id)"
            " WHERE entity = ?",
            (entity,),
        )
    db.execute("CREATE INDEX outbox_author ON outbox(author, state)")
