"""The terminal's sync bookkeeping in ``sync_state``: server, device, cursor, settings."""

from __future__ import annotations

import json

from gridterm.store import Store
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx

SERVER_URL = "server_url"
DEVICE_ID = "device_id"
DEVICE_TOKEN = "device_token"
LAST_SYNC_AT = "last_sync_at"
LAST_ERROR = "last_error"
PHOTO_MAX_SIDE = "photo_max_side"


def cursor_key(user_id: str) -> str:
    """Where a user's pull cursor is kept: each user pulls their own area (a terminal can be
    shared by workers of different areas)."""
    return f"pull_cursor:{user_id}"


def snapshot_key(user_id: str) -> str:
    """Where the snapshot a user is downloading is described."""
    return f"snapshot:{user_id}"


def area_key(user_id: str) -> str:
    """Where a user's area (grid ids, as the server last said) is kept."""
    return f"area:{user_id}"


def areas_of_others(r: Reader, user_id: str) -> frozenset[str]:
    """The grids of the other workers who sync on this terminal: their data stays here and
    their unsent work waits for them."""
    grids: set[str] = set()
    for row in r.iter(
        "SELECT value FROM sync_state WHERE key LIKE 'area:%' AND key != ?", (area_key(user_id),)
    ):
        grids.update(json.loads(row["value"]))
    return frozenset(grids)


def read(r: Reader, key: str) -> str | None:
    """One value, inside a read."""
    return r.scalar("SELECT value FROM sync_state WHERE key = ?", (key,))


def write(tx: Tx, key: str, value: str | None) -> None:
    """Set (or with None, clear) one value inside the caller's transaction."""
    if value is None:
        tx.execute("DELETE FROM sync_state WHERE key = ?", (key,))
    else:
        tx.execute(
            "INSERT INTO sync_state (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def get(store: Store, key: str) -> str | None:
    """One value."""
    return store.read(lambda r: read(r, key))


def put(store: Store, **values: str | None) -> None:
    """Set several values in one transaction."""

    def run(tx: Tx) -> None:
        for key, value in values.items():
            write(tx, key, value)

    store.write(run)
