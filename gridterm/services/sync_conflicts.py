"""Fields changed both here and on the server: shown to the worker with both values.

The server keeps its value and its own record of the conflict for a supervisor to settle
(sync-protocol.md, guarantee 7); the terminal keeps the worker's value here so it is never
lost unseen. Dismissing only says "I have seen it". Pure: no network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from gridterm.errors import NotFoundError
from gridterm.services.session import Session
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx, utc_now


@dataclass(frozen=True, slots=True)
class SyncConflict:
    """One field of one record with two values."""

    id: str
    entity: str
    entity_id: str
    field: str
    local_value: Any
    server_value: Any
    source: str
    detected_at: str


def open_conflicts(session: Session) -> list[SyncConflict]:
    """Conflicts not yet dismissed, newest first."""

    def read(r: Reader) -> list[SyncConflict]:
        return [
            SyncConflict(
                id=row["id"],
                entity=row["entity"],
                entity_id=row["entity_id"],
                field=row["field"],
                local_value=json.loads(row["local_value"] or "null"),
                server_value=json.loads(row["server_value"] or "null"),
                source=row["source"],
                detected_at=row["detected_at"],
            )
            for row in r.iter(
                "SELECT * FROM sync_conflict WHERE status = 'open' ORDER BY detected_at DESC"
            )
        ]

    return session.store.read(read)


def dismiss(session: Session, conflict_id: str) -> None:
    """Mark a conflict as seen (the values stay recorded)."""

    def write(tx: Tx) -> None:
        done = tx.execute(
            "UPDATE sync_conflict SET status = 'dismissed', dismissed_at = ?"
            " WHERE id = ? AND status = 'open'",
            (utc_now(), conflict_id),
        )
        if done.rowcount != 1:
            raise NotFoundError("conflict.not_open", "no such open conflict", id=conflict_id)

    session.store.write(write)
