"""Schema 13: search keys name their owner by a small integer (``search_owner``).

Every key of ``search_term`` carried its household's and resident's UUIDs as text (about 70
bytes a key, twice: in the table and in each of its two indexes); a street office has
~800,000 keys for ~70,000 owners. Now ``search_owner`` holds each owner (a household's own
keys: ``resident_id`` NULL; a resident's) once, and a key names it by ``owner``, its integer
id: a first sync writes and sorts about a quarter of the bytes (docs/performance.md).

The keys are carried over as they are (nothing is recomputed), owners numbered in the order
of their ids.
"""

from __future__ import annotations

import sqlite_utils

STATEMENTS = (
    "CREATE TABLE search_owner ("
    " id INTEGER PRIMARY KEY, household_id TEXT NOT NULL, resident_id TEXT)",
    "INSERT INTO search_owner (household_id, resident_id)"
    " SELECT DISTINCT household_id, resident_id FROM search_term"
    " ORDER BY household_id, resident_id",
    "CREATE INDEX search_owner_key ON search_owner(household_id, resident_id)",
    "CREATE TABLE search_key (term TEXT NOT NULL, kind TEXT NOT NULL, owner INTEGER NOT NULL)",
    "INSERT INTO search_key (term, kind, owner)"
    " SELECT st.term, st.kind, o.id FROM search_term st JOIN search_owner o"
    " ON o.household_id = st.household_id AND o.resident_id IS st.resident_id",
    "DROP TABLE search_term",
    "ALTER TABLE search_key RENAME TO search_term",
    "CREATE INDEX search_term_term ON search_term(term, kind, owner)",
    "CREATE INDEX search_term_owner ON search_term(owner)",
)


def migrate(db: sqlite_utils.Database) -> None:
    """Move ``search_term``'s owners into ``search_owner``."""
    for sql in STATEMENTS:
        db.execute(sql)
