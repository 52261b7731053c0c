"""The terminal's copy of the conflicts of its area (冲突): one row per refused value.

A conflict is named as the server names it, ``conflict_id(op_id, field)``, so the three ways
one reaches a terminal meet in one row: seen at pull (the server changed a field this
terminal has an unsent edit of: source ``pull``), reported by the server's answer to a push
(``push``), and pulled as a record (``server``: the server's state — open, resolved — with
who wrote the refused value and when). Nothing is overwritten: each refused value keeps its
own row. The server's copy wins at every pull, except while this terminal's own resolution
of the conflict is still on its way (the resolution op is unsent). A conflict seen at pull
that the server then does not confirm (it accepted the value) is withdrawn.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from gridterm.ids import conflict_id, new_id
from gridterm.store.tx import Tx, utc_now

#: Where a record's grid is found, per entity a conflict can name.
_GRID_OF = {
    "household": "SELECT grid_id FROM household WHERE id = ?",
    "resident": "SELECT h.grid_id FROM resident r JOIN household h ON h.id = r.household_id"
    " WHERE r.id = ?",
    "ticket": "SELECT grid_id FROM ticket WHERE id = ?",
    "premises": "SELECT grid_id FROM premises WHERE id = ?",
    "hazard": "SELECT grid_id FROM hazard WHERE id = ?",
}
#: The server's columns copied as they are.
_SAME = ("entity", "entity_id", "field", "grid_id", "server_value", "op_id", "base_version")
_SETTLED = ("status", "resolution", "resolved_value", "resolved_by", "resolve_op_id")


def grid_of(tx: Tx, entity: str, entity_id: str) -> str | None:
    """The grid of the record a conflict names (None when it is not here)."""
    sql = _GRID_OF.get(entity)
    row = tx.one(sql, (entity_id,)) if sql else None
    return row["grid_id"] if row else None


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
    """Open the conflict of one refused value (or one the server is about to refuse). A
    conflict already here (seen at pull, pulled, or resolved meanwhile) keeps its state."""
    key = conflict_id(op_id, field) if op_id else new_id()
    existing = tx.one("SELECT source, status FROM sync_conflict WHERE id = ?", (key,))
    if existing is not None:
        if existing["source"] == "pull" and source == "push":
            # the server confirmed what the pull foresaw
            tx.execute("UPDATE sync_conflict SET source = 'push' WHERE id = ?", (key,))
        return
    tx.execute(
        "INSERT INTO sync_conflict (id, entity, entity_id, field, grid_id, local_value,"
        " server_value, op_id, base_version, source, detected_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            key,
            entity,
            entity_id,
            field,
            grid_of(tx, entity, entity_id),
            json.dumps(local_value, ensure_ascii=False),
            json.dumps(server_value, ensure_ascii=False),
            op_id,
            base_version,
            source,
            utc_now(),
        ),
    )
    tx.touched("conflict", key)


def seen_at_pull(tx: Tx) -> set[str]:
    """The ops whose conflicts were seen at pull and not confirmed by the server yet."""
    return {
        r[0]
        for r in tx.execute(
            "SELECT op_id FROM sync_conflict WHERE source = 'pull' AND op_id IS NOT NULL"
        )
    }


def withdraw(tx: Tx, op_id: str, refused: Iterable[str]) -> None:
    """The server took this op: a conflict foreseen at pull on a field it did not refuse
    never existed (the value is the record's now; nothing is lost)."""
    kept = sorted(set(refused))
    marks = ",".join("?" * len(kept))
    extra = f" AND field NOT IN ({marks})" if kept else ""
    tx.execute(
        "DELETE FROM sync_conflict WHERE op_id = ? AND source = 'pull' AND status = 'open'" + extra,
        (op_id, *kept),
    )


def apply_pulled(tx: Tx, rows: Iterable[tuple[str, dict[str, Any]]]) -> int:
    """Store conflicts as the server holds them; returns how many were written."""
    unsent = {
        r[0]
        for r in tx.execute(
            "SELECT op_id FROM outbox WHERE entity = 'conflict_resolution'"
            " AND state IN ('pending', 'sent')"
        )
    }
    written = 0
    for key, row in rows:
        local = tx.one("SELECT status, resolve_op_id FROM sync_conflict WHERE id = ?", (key,))
        if local is not None and local["resolve_op_id"] in unsent:
            continue  # resolved here, the resolution not on the server yet: keep ours
        values = {name: row.get(name) for name in _SAME + _SETTLED}
        values["local_value"] = row.get("terminal_value")
        values["by_user"] = row.get("by_user")
        values["written_at"] = _iso(row.get("created_at"))
        values["resolved_at"] = _iso(row.get("resolved_at"))
        names = ", ".join(values)
        marks = ", ".join("?" * len(values))
        updates = ", ".join(f"{n} = excluded.{n}" for n in values)
        tx.execute(
            f"INSERT INTO sync_conflict (id, source, detected_at, {names})"
            f" VALUES (?, 'server', ?, {marks})"
            f" ON CONFLICT(id) DO UPDATE SET source = 'server', {updates}",
            (key, utc_now(), *values.values()),
        )
        tx.touched("conflict", key)  # the conflict screens read it again
        written += 1
    return written


def _iso(ms: Any) -> str | None:
    if not isinstance(ms, int):
        return None
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="milliseconds")
