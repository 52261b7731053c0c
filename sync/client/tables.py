"""What the engine knows about the terminal's synced tables: keys, order, merge rules."""

from __future__ import annotations

import threading

from gridterm.store.connection import Connection

#: Records edited in place, merged field by field on the server (guarantee 7).
SHARED = frozenset({"household", "resident", "premises", "ticket", "hazard"})
#: Ticket columns the server's state machine owns; while a transition is unsent the local
#: copy (moved by that transition) is kept.
TICKET_DERIVED = ("status", "level", "department", "updated_at")
#: Tables whose key is two columns, sent joined by "/" (sync.protocol.answer_key).
_COMPOSITE_KEYS = {
    "user_grid": ("user_id", "grid_id"),
    "checklist_answer": ("inspection_id", "item_code"),
}
#: Parents before children, so pulled rows satisfy the foreign keys.
APPLY_ORDER = (
    "street_office",
    "community",
    "grid",
    "building",
    "unit",
    "household",
    "resident",
    "premises",
    "user",
    "user_grid",
    "checklist_template",
    "ticket",
    "ticket_transition",
    "visit",
    "check_in",
    "hazard_inspection",
    "checklist_answer",
    "hazard",
)
_RANK = {name: i for i, name in enumerate(APPLY_ORDER)}
#: Columns that name photos (JSON lists of SHA-256, or one SHA-256).
PHOTO_LIST_COLUMNS = {
    "visit": "photos",
    "ticket": "photos",
    "checklist_answer": "photos",
    "hazard": "photos",
}
PHOTO_COLUMNS = {"ticket_transition": "photo", "hazard_inspection": "signature"}

_columns: dict[str, frozenset[str]] = {}
_columns_lock = threading.Lock()


def rank(entity: str) -> int:
    """Position of ``entity`` in ``APPLY_ORDER`` (unknown tables last)."""
    return _RANK.get(entity, len(_RANK))


def key_columns(entity: str) -> tuple[str, ...]:
    """The primary key columns of a synced table."""
    return _COMPOSITE_KEYS.get(entity, ("id",))


def split_key(entity: str, key: str) -> tuple[str, ...]:
    """A wire key as the values of ``key_columns``."""
    names = key_columns(entity)
    if len(names) == 1:
        return (key,)
    return tuple(key.split("/", len(names) - 1))


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
