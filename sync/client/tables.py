"""What the engine knows about the terminal's synced tables: keys, order, merge rules."""

from __future__ import annotations

import threading

from gridterm.store import entities
from gridterm.store.connection import Connection

#: Records edited in place, merged field by field on the server (guarantee 7).
SHARED = entities.MERGED
#: Ticket columns the server's state machine owns; while a transition is unsent the local
#: copy (moved by that transition) is kept.
TICKET_DERIVED = ("status", "level", "department", "updated_at")
#: Hazard columns its steps own (hazard_step), kept likewise while a step is unsent.
HAZARD_DERIVED = ("status", "closed_at", "photos", "ticket_id")
#: Records moved by steps of their own: entity → (step table, the column naming the record,
#: the columns the steps own).
MOVED_BY = {
    "ticket": ("ticket_transition", "ticket_id", TICKET_DERIVED),
    "hazard": ("hazard_step", "hazard_id", HAZARD_DERIVED),
}
#: Step table → (the record it moves, the column naming it).
STEP_OF = {steps: (entity, column) for entity, (steps, column, _) in MOVED_BY.items()}
#: Parents before children, so pulled rows satisfy the foreign keys.
APPLY_ORDER = entities.PULLED
#: Columns that name photos (JSON lists of SHA-256, or one SHA-256).
PHOTO_LIST_COLUMNS = {e.name: e.photo_list for e in entities.CATALOG if e.photo_list}
PHOTO_COLUMNS = {e.name: e.photo for e in entities.CATALOG if e.photo}

_columns: dict[str, frozenset[str]] = {}
_columns_lock = threading.Lock()


def columns(conn: Connection, table: str) -> frozenset[str]:
    """The columns of a local table (empty when the table does not exist here)."""
    if not table.isidentifier():  # a name from the wire never reaches SQL unchecked
        return frozenset()
    with _columns_lock:
        found = _columns.get(table)
    if found is None:
        found = frozenset(r[1] for r in conn.execute(f"PRAGMA table_info({table})").fetchall())
        with _columns_lock:
            _columns[table] = found
    return found
