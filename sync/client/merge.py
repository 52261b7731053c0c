"""Applying pulled rows to the local store, field by field with local unsent edits.

A field this terminal changed and has not had settled by the server keeps the local value
(the push carries it; the server merges). If the server changed that field too — told by
the shadow, the server's last known copy — both values go to ``sync_conflict``: nothing is
overwritten silently (guarantee 7). A row whose parent has not arrived yet (pages follow the
server's change order, not the foreign keys) is parked and applied when the parent comes.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlcipher3

from gridterm.store.entities import key_columns, key_of, rank, split_key
from gridterm.store.tx import Tx, utc_now
from sync.client import conflicts, outbox, shadow
from sync.client.tables import MOVED_BY, SHARED, columns

_INTEGRITY = (sqlite3.IntegrityError, sqlcipher3.IntegrityError)
_CHUNK = 400
#: States whose local edits a pulled row must not overwrite (the quarantine included: the
#: worker is about to correct and resend it).
_MINE = ("pending", "sent", "rejected")


@dataclass(frozen=True, slots=True)
class PulledRow:
    """A row from the server (``sync.protocol.PulledRow`` without validation: pulls and
    snapshots carry many thousands, and the store checks each row as it is written)."""

    entity: str
    id: str
    row: dict[str, Any]


@dataclass
class MergeCounts:
    """What applying pulled rows did."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    parked: int = 0
    conflicts: int = 0
    skipped: int = 0

    @property
    def changed(self) -> int:
        """Rows written."""
        return self.inserted + self.updated


def apply_changes(
    tx: Tx, changes: Iterable[PulledRow], counts: MergeCounts | None = None
) -> MergeCounts:
    """Insert or merge each pulled row, parents first."""
    counts = counts or MergeCounts()
    by_entity: dict[str, list[PulledRow]] = defaultdict(list)
    for change in changes:
        by_entity[change.entity].append(change)
    for entity in sorted(by_entity, key=rank):
        if entity == "conflict":  # the server's record of a conflict (after the records)
            pulled = [(c.id, c.row) for c in by_entity[entity]]
            counts.updated += conflicts.apply_pulled(tx, pulled)
            continue
        _apply_entity(tx, entity, by_entity[entity], counts)
    return counts


def retry_parked(tx: Tx, counts: MergeCounts) -> None:
    """Apply parked rows whose parents may have arrived; stop when a round makes no progress."""
    while True:
        parked = [
            PulledRow(e, i, json.loads(row))
            for e, i, row in tx.execute("SELECT entity, entity_id, row FROM sync_parked")
        ]
        if not parked:
            return
        tx.execute("DELETE FROM sync_parked")
        before = counts.parked
        counts.parked -= len(parked)
        apply_changes(tx, parked, counts)
        if counts.parked >= before:
            return


def _apply_entity(tx: Tx, entity: str, changes: list[PulledRow], counts: MergeCounts) -> None:
    local_columns = columns(tx.conn, entity)
    if not local_columns:
        counts.skipped += len(changes)  # a table this app version does not have
        return
    ids = [c.id for c in changes]
    existing = _existing(tx, entity, ids)
    mine: dict[str, dict[str, tuple[str, int | None]]] = {}
    shadows: dict[str, dict[str, Any]] = {}
    if entity in SHARED:
        mine = outbox.unsent_fields(tx, entity, ids, states=_MINE)
        shadows = shadow.load(tx, entity, ids)
    moving, derived = _moving(tx, entity)
    fresh: dict[str, tuple[PulledRow, dict[str, Any]]] = {}
    for change in changes:
        if change.id not in existing:
            row = change.row
            if not local_columns.issuperset(row):  # a column this app version does not have
                row = {k: v for k, v in row.items() if k in local_columns}
            fresh[change.id] = (change, row)  # of two copies of one new row, the later wins
    new = _insert_fresh(tx, entity, list(fresh.values()), counts)
    if entity in SHARED:
        shadow.save_many(tx, entity, new.items())
    for change in changes:
        if change.id in fresh:
            continue
        row = {k: v for k, v in change.row.items() if k in local_columns}
        protected = dict(mine.get(change.id, {}))
        if change.id in moving:
            protected.update(dict.fromkeys(derived, ("", None)))
        diff, found = _merge(
            tx, entity, change.id, existing[change.id], row, protected, shadows.get(change.id)
        )
        counts.conflicts += found
        if diff:
            _update(tx, entity, change.id, diff)
            counts.updated += 1
        else:
            counts.unchanged += 1
        if entity in SHARED:
            shadow.save(tx, entity, change.id, row)


def _merge(
    tx: Tx,
    entity: str,
    entity_id: str,
    local: Mapping[str, Any],
    row: Mapping[str, Any],
    protected: Mapping[str, tuple[str, int | None]],
    known: Mapping[str, Any] | None,
) -> tuple[dict[str, Any], int]:
    """The server's values to write, and how many conflicts were recorded."""
    diff: dict[str, Any] = {}
    found = 0
    for name, value in row.items():
        if local.get(name) == value:
            continue
        if name in protected and name != "version":
            op_id, base = protected[name]
            # Without a shadow the server's change cannot be told from ours: keep ours; the
            # server compares versions when the push arrives and reports any conflict then.
            if known is not None and name in known and known[name] != value and op_id:
                conflicts.record(
                    tx,
                    entity=entity,
                    entity_id=entity_id,
                    field=name,
                    local_value=local.get(name),
                    server_value=value,
                    op_id=op_id,
                    base_version=base,
                    source="pull",
                )
                found += 1
            continue
        diff[name] = value
    return diff, found


def _moving(tx: Tx, entity: str) -> tuple[set[str], tuple[str, ...]]:
    """Tickets (hazards) with an unsent transition (step), and the columns those own: their
    status is the terminal's until the server has replayed it."""
    if entity not in MOVED_BY:
        return set(), ()
    steps, column, derived = MOVED_BY[entity]
    ids = {
        row[0]
        for row in tx.execute(
            f"SELECT json_extract(fields, '$.{column}') FROM outbox"
            " WHERE entity = ? AND state IN ('pending', 'sent')",
            (steps,),
        )
        if row[0]
    }
    return ids, derived


def _existing(tx: Tx, entity: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    names = key_columns(entity)
    found: dict[str, dict[str, Any]] = {}
    unique = sorted(set(ids))
    for i in range(0, len(unique), _CHUNK):
        chunk = unique[i : i + _CHUNK]
        if len(names) == 1:
            marks = ",".join("?" * len(chunk))
            cur = tx.execute(f"SELECT * FROM {entity} WHERE id IN ({marks})", chunk)
        else:
            pairs = [split_key(entity, k) for k in chunk]
            pairs = [p for p in pairs if len(p) == len(names)]
            if not pairs:
                continue
            marks = ",".join(f"({','.join('?' * len(names))})" for _ in pairs)
            cur = tx.execute(
                f"SELECT * FROM {entity} WHERE ({','.join(names)}) IN (VALUES {marks})",
                [v for p in pairs for v in p],
            )
        cols = [d[0] for d in cur.description]
        for values in cur.fetchall():
            row = dict(zip(cols, values, strict=True))
            found[key_of(entity, row)] = row
    return found


def _insert_fresh(
    tx: Tx, entity: str, fresh: list[tuple[PulledRow, dict[str, Any]]], counts: MergeCounts
) -> dict[str, dict[str, Any]]:
    """Insert rows this terminal does not hold, a statement per set of columns; a set in
    which some row's parent is missing goes row by row, parking those rows. Returns the rows
    inserted by key."""
    groups: dict[tuple[str, ...], list[tuple[PulledRow, dict[str, Any]]]] = defaultdict(list)
    for change, row in fresh:
        groups[tuple(row)].append((change, row))
    inserted: dict[str, dict[str, Any]] = {}
    for group in groups.values():
        tx.execute("SAVEPOINT pulled_rows")
        try:
            tx.insert_pulled(entity, [(change.id, row) for change, row in group])
        except _INTEGRITY:
            tx.execute("ROLLBACK TO pulled_rows")
            tx.execute("RELEASE pulled_rows")
            for change, row in group:
                if _insert(tx, entity, change, row):
                    inserted[change.id] = row
                else:
                    counts.parked += 1
        else:
            tx.execute("RELEASE pulled_rows")
            inserted.update((change.id, row) for change, row in group)
    counts.inserted += len(inserted)
    return inserted


def _insert(tx: Tx, entity: str, change: PulledRow, row: dict[str, Any]) -> bool:
    """Insert a new row; False when a parent is missing (the row is parked)."""
    try:
        if key_columns(entity) == ("id",):
            tx.insert(entity, row, outbox=False)
        else:
            cols = ", ".join(row)
            marks = ", ".join("?" * len(row))
            tx.execute(f"INSERT INTO {entity} ({cols}) VALUES ({marks})", list(row.values()))
    except _INTEGRITY:
        tx.execute(
            "INSERT INTO sync_parked (entity, entity_id, row, parked_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(entity, entity_id) DO UPDATE SET row = excluded.row",
            (entity, change.id, json.dumps(change.row, ensure_ascii=False), utc_now()),
        )
        return False
    return True


def _update(tx: Tx, entity: str, key: str, diff: dict[str, Any]) -> None:
    names = key_columns(entity)
    if names == ("id",):
        tx.update(entity, key, diff, outbox=False)
        return
    sets = ", ".join(f"{k} = ?" for k in diff)
    where = " AND ".join(f"{n} = ?" for n in names)
    tx.execute(
        f"UPDATE {entity} SET {sets} WHERE {where}", [*diff.values(), *split_key(entity, key)]
    )
