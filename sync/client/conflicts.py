"""Recording a field changed on both sides, so a person sees both values (guarantee 7).

A conflict is one row per (record, field) while open: detected at pull (the server changed a
field this terminal has an unsent edit of) or reported by the server at push. Nothing is
overwritten silently: the terminal's value stays in the conflict until someone settles it
(``gridterm.services.sync_conflicts.resolve``).
"""

from __future__ import annotations

import json
from typing import Any

from gridterm.ids import new_id
from gridterm.store.tx import Tx, utc_now


def record(
    tx: Tx,
    *,
    entity: str,
    entity_id: str,
    field: str,
    local_value: Any,
    server_value: Any,
    op_id: str | None,
    base_version: int | None,
    source: str,
) -> None:
    """Open (or refresh the values of) the conflict on one field."""
    local_text = json.dumps(local_value, ensure_ascii=False)
    server_text = json.dumps(server_value, ensure_ascii=False)
    if op_id is not None and tx.one(
        "SELECT 1 AS x FROM sync_conflict WHERE entity = ? AND entity_id = ? AND field = ?"
        " AND op_id = ? AND status = 'resolved'",
        (entity, entity_id, field, op_id),
    ):
        # The worker already resolved this very edit's conflict (seen at pull, before the
        # edit was pushed): the server's report of it is not a new one.
        return
    existing = tx.one(
        "SELECT id FROM sync_conflict WHERE entity = ? AND entity_id = ? AND field = ?"
        " AND status = 'open'",
        (entity, entity_id, field),
    )
    if existing is not None:
        tx.execute(
            "UPDATE sync_conflict SET local_value = ?, server_value = ?, op_id = ?,"
            " base_version = ?, source = ?, detected_at = ? WHERE id = ?",
            (local_text, server_text, op_id, base_version, source, utc_now(), existing["id"]),
        )
        return
    tx.execute(
        "INSERT INTO sync_conflict (id, entity, entity_id, field, local_value, server_value,"
        " op_id, base_version, source, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new_id(),
            entity,
            entity_id,
            field,
            local_text,
            server_text,
            op_id,
            base_version,
            source,
            utc_now(),
        ),
    )
