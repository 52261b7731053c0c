"""The conflicts one push opens and settles (冲突), written with the rest of its batch.

A conflict is one row per refused value, named ``conflict_id(op_id, field)``. Opening one and
settling one both add a change-log entry in the record's grid, so every terminal of the grid
pulls the conflict as it now stands. Only a resolution settles a conflict
(``handlers/resolution.py``); an ordinary edit never does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Connection, insert, select, update

from sync.protocol import conflict_id
from sync.server.auth.scope import Principal
from sync.server.clock import now_ms
from sync.server.db import changes, schema

#: What settling a conflict changes.
SETTLED_COLUMNS = (
    "status",
    "resolution",
    "resolved_by",
    "resolved_at",
    "resolved_value",
    "resolve_op_id",
)
_CHUNK = 500
LogEntry = tuple[str, str, str, str]


class ConflictLedger:
    """Conflicts opened and settled in one push transaction, flushed with it."""

    def __init__(
        self,
        conn: Connection,
        principal: Principal,
        partition_of: Callable[[str], str],
        log: list[LogEntry],
    ) -> None:
        self.conn = conn
        self.principal = principal
        self._partition_of = partition_of
        self._log = log
        self._lock = conn.dialect.name == "postgresql"
        self.opened: list[dict[str, Any]] = []
        self._settled: dict[str, dict[str, Any]] = {}  # stored conflicts settled here

    def open(
        self,
        *,
        entity: str,
        entity_id: str,
        grid_id: str,
        field_name: str,
        base_version: int | None,
        server_value: Any,
        terminal_value: Any,
        op_id: str,
    ) -> None:
        """Record a value refused because the field changed meanwhile on the server."""
        key = conflict_id(op_id, field_name)
        self._log.append((self._partition_of(grid_id), "conflict", key, changes.UPSERT))
        self.opened.append(
            {
                "id": key,
                "entity": entity,
                "entity_id": entity_id,
                "grid_id": grid_id,
                "field": field_name,
                "base_version": base_version,
                "server_value": json.dumps(server_value, ensure_ascii=False),
                "terminal_value": json.dumps(terminal_value, ensure_ascii=False),
                "op_id": op_id,
                "by_user": self.principal.user.id,
                "device_id": self.principal.device_id,
                "created_at": now_ms(),
                "status": "open",
                # present in every row so one INSERT fits all (a later resolution may settle it)
                **dict.fromkeys(SETTLED_COLUMNS[1:]),
            }
        )

    def named(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """The conflicts with these ids as this batch sees them — stored, or opened earlier
        in the batch (a conflict seen at pull goes out together with its resolution).
        Unknown ids are left out."""
        wanted = set(ids)
        found = {c["id"]: c for c in self.opened if c["id"] in wanted}
        found.update({k: c for k, c in self._settled.items() if k in wanted})
        rest = sorted(wanted - set(found))
        t = schema.conflict
        for i in range(0, len(rest), _CHUNK):
            query = select(t).where(t.c.id.in_(rest[i : i + _CHUNK]))
            if self._lock:
                query = query.with_for_update()
            for r in self.conn.execute(query).mappings():
                found[r["id"]] = dict(r)
        return [found[k] for k in sorted(found)]

    def settle(self, row: dict[str, Any], values: dict[str, Any]) -> None:
        """Settle one conflict (a row from ``named``) with ``values`` (``SETTLED_COLUMNS``)."""
        row.update(values)
        if not any(c is row for c in self.opened):
            self._settled[row["id"]] = row
        self._log.append(
            (self._partition_of(row["grid_id"]), "conflict", row["id"], changes.UPSERT)
        )

    def flush(self) -> None:
        """Write the opened conflicts and the settled ones (before the change log)."""
        if self.opened:
            self.conn.execute(insert(schema.conflict), self.opened)
        t = schema.conflict
        for key, row in self._settled.items():
            self.conn.execute(
                update(t).where(t.c.id == key).values(**{k: row[k] for k in SETTLED_COLUMNS})
            )
