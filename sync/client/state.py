"""The terminal's sync bookkeeping in ``sync_state``: server, device, cursor, settings."""

from __future__ import annotations

from gridterm.store import Store
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx

SERVER_URL = "server_url"
DEVICE_ID = "device_id"
DEVICE_TOKEN = "device_token"
CURSOR = "pull_cursor"
LAST_SYNC_AT = "last_sync_at"
LAST_ERROR = "last_error"
PHOTO_MAX_SIDE = "photo_max_side"


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
