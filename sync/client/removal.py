"""Rows leaving the terminal: deleted on the server, or out of the user's area (guarantee 6).

A grid reassigned away takes everything in it, children before parents. Unsent work in it has
been pushed first (``SyncEngine`` pushes before it pulls, and ``Puller`` again before it
applies such a page; the server accepts it under the reassignment grace); what is still not
settled then is quarantined with its fields (``settle_leaving``) in the same transaction that
removes the grid, so nothing is lost and nothing unsent refers to rows no longer here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import sqlcipher3

from gridterm.store.entities import key_columns, split_key
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx
from sync.client import acks, conflicts, outbox, scope, shadow
from sync.client.tables import SHARED, columns
from sync.protocol import Removal, RemovalReason

_INTEGRITY = (sqlite3.IntegrityError, sqlcipher3.IntegrityError)

#: What a grid holds, children first; each names the rows of one grid (``?`` = the grid id).
_GRID_CONTENTS = (
    ("sync_conflict", "grid_id = ?"),  # the grid's holders keep them on the server
    (
        "checklist_answer",
        "inspection_id IN (SELECT id FROM hazard_inspection WHERE grid_id = ?)",
    ),
    ("hazard_step", "hazard_id IN (SELECT id FROM hazard WHERE grid_id = ?)"),
    ("hazard", "grid_id = ?"),
    ("hazard_inspection", "grid_id = ?"),
    ("ticket_transition", "ticket_id IN (SELECT id FROM ticket WHERE grid_id = ?)"),
    ("visit", "household_id IN (SELECT id FROM household WHERE grid_id = ?)"),
    ("ticket", "grid_id = ?"),
    ("resident", "household_id IN (SELECT id FROM household WHERE grid_id = ?)"),
    ("household", "grid_id = ?"),
    ("premises", "grid_id = ?"),
    ("unit", "building_id IN (SELECT id FROM building WHERE grid_id = ?)"),
    ("building", "grid_id = ?"),
    ("user_grid", "grid_id = ?"),
    ("grid", "id = ?"),
)


def grids_leaving(r: Reader, removals: Iterable[Removal]) -> list[str]:
    """The local grids that out-of-area removals take with them."""
    grids: list[str] = []
    for x in removals:
        if x.reason is not RemovalReason.OUT_OF_SCOPE:
            continue
        if x.entity == "grid":
            grids.append(x.id)
        elif x.entity == "community":
            grids += [
                g["id"] for g in r.iter("SELECT id FROM grid WHERE community_id = ?", (x.id,))
            ]
        elif x.entity == "street_office":
            grids += [
                g["id"]
                for g in r.iter(
                    "SELECT g.id FROM grid g JOIN community c ON c.id = g.community_id"
                    " WHERE c.street_office_id = ?",
                    (x.id,),
                )
            ]
    return grids


def settle_leaving(tx: Tx, grids: Iterable[str]) -> int:
    """Quarantine the unsent ops (pending or sent) in grids about to leave the terminal: the
    push before the removal could not settle them (e.g. a record they refer to has not
    reached the server), and once this device has pulled the removal the server no longer
    takes work there. Their fields stay in the outbox (guarantee 1). Returns how many."""
    leaving = set(grids)
    if not leaving:
        return 0
    reader = tx.reader()
    stuck = [
        op.op_id
        for op in outbox.unsent(reader, 0, 1_000_000)
        if scope.grid_of(reader, op) in leaving
    ]
    for op_id in stuck:
        acks.quarantine(
            tx, op_id, "scope.grid_outside", "the grid left your area before this was confirmed"
        )
    return len(stuck)


def apply(tx: Tx, removals: Iterable[Removal], kept: frozenset[str] = frozenset()) -> int:
    """Delete what the removals name, except grids in ``kept`` (another worker of this
    terminal still holds them); returns the number of rows deleted."""
    removed = 0
    for r in removals:
        if r.reason is RemovalReason.OUT_OF_SCOPE:
            removed += _leave(tx, r.entity, r.id, kept)
        else:
            removed += _deleted(tx, r.entity, r.id)
    return removed


def remove_grid(tx: Tx, grid_id: str) -> int:
    """Delete a grid and everything in it from the terminal."""
    removed = 0
    for entity in SHARED:
        where = dict(_GRID_CONTENTS)[entity]
        tx.execute(
            f"DELETE FROM sync_shadow WHERE entity = ? AND entity_id IN"
            f" (SELECT id FROM {entity} WHERE {where})",
            (entity, grid_id),
        )
    for table, where in _GRID_CONTENTS:
        removed += tx.execute(f"DELETE FROM {table} WHERE {where}", (grid_id,)).rowcount
    return removed


def _leave(tx: Tx, entity: str, entity_id: str, kept: frozenset[str]) -> int:
    if entity == "grid":
        return 0 if entity_id in kept else remove_grid(tx, entity_id)
    if entity == "community":
        grids = tx.execute("SELECT id FROM grid WHERE community_id = ?", (entity_id,)).fetchall()
        removed = sum(remove_grid(tx, g) for (g,) in grids if g not in kept)
        removed += tx.execute(
            "DELETE FROM user WHERE community_id = ? AND id NOT IN"
            " (SELECT user_id FROM sync_session) AND id NOT IN (SELECT user_id FROM user_grid)",
            (entity_id,),
        ).rowcount
        return removed + _try_delete(tx, "community", entity_id)
    if entity == "street_office":
        removed = sum(
            _leave(tx, "community", c, kept)
            for (c,) in tx.execute(
                "SELECT id FROM community WHERE street_office_id = ?", (entity_id,)
            ).fetchall()
        )
        return removed + _try_delete(tx, "street_office", entity_id)
    return _try_delete(tx, entity, entity_id)


def _deleted(tx: Tx, entity: str, entity_id: str) -> int:
    if not columns(tx.conn, entity):
        return 0
    if entity in SHARED:
        mine = outbox.unsent_fields(tx, entity, [entity_id], states=("pending", "sent"))
        if entity_id in mine:
            # edited here, deleted there: keep the edit visible rather than drop it unseen
            op_id, base = next(iter(mine[entity_id].values()))
            conflicts.record(
                tx,
                entity=entity,
                entity_id=entity_id,
                field="*",
                local_value=tx.one(f"SELECT * FROM {entity} WHERE id = ?", (entity_id,)),
                server_value=None,
                op_id=op_id,
                base_version=base,
                source="pull",
            )
        shadow.forget(tx, entity, entity_id)
    return _try_delete(tx, entity, entity_id)


def _try_delete(tx: Tx, entity: str, key: str) -> int:
    names = key_columns(entity)
    if not columns(tx.conn, entity):
        return 0
    where = " AND ".join(f"{n} = ?" for n in names)
    try:
        return tx.execute(f"DELETE FROM {entity} WHERE {where}", split_key(entity, key)).rowcount
    except _INTEGRITY:
        return 0  # still referenced here (e.g. a community with grids kept): leave it
