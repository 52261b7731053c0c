"""Which grid an outbox op belongs to, and which ops to keep back from a push.

A grid reassigned away from the user but still on this terminal (its removal not pulled yet)
is *leaving*: its unsent work is sent, and the server accepts it under the reassignment grace
(``sync/server/auth/grace.py``: this device has not pulled since the grid was taken). Work in
a grid another worker of this terminal holds waits for that worker; work in a grid that is
neither is quarantined (``scope.grid_outside``) before it is sent."""

from __future__ import annotations

import json
from collections.abc import Sequence

from gridterm.store.reader import Reader
from sync.client.outbox import OutboxOp
from sync.client.state import area_key

#: entity → (the table holding its grid, how the op names that table's row)
_GRID_LOOKUP: dict[str, tuple[str, str]] = {
    "visit": ("household", "household_id"),
    "resident": ("household", "household_id"),
    "ticket_transition": ("ticket", "ticket_id"),
    "checklist_answer": ("hazard_inspection", "inspection_id"),
    "hazard_step": ("hazard", "hazard_id"),
}
_OWN_GRID = frozenset({"household", "ticket", "premises", "hazard_inspection", "hazard"})
#: A lookup on the record itself when the op does not carry the field.
_SELF_PARENT = {"resident": "household_id"}


def grid_of(r: Reader, op: OutboxOp) -> str | None:
    """The grid of the op's record; None when it has none (check-ins, attachments) or when it
    cannot be told any more (then the server decides)."""
    fields = json.loads(op.fields)
    if op.entity == "conflict_resolution":  # it names its record's grid
        grid = fields.get("grid_id")
        return grid if isinstance(grid, str) else None
    if op.entity in _OWN_GRID:
        grid = fields.get("grid_id")
        if isinstance(grid, str):
            return grid
        return r.scalar(f"SELECT grid_id FROM {op.entity} WHERE id = ?", (op.entity_id,))
    lookup = _GRID_LOOKUP.get(op.entity)
    if lookup is None:
        return None
    table, name = lookup
    parent = fields.get(name)
    if op.entity == "checklist_answer" and not parent:
        parent = op.entity_id.split("/", 1)[0]
    if not isinstance(parent, str) and op.entity in _SELF_PARENT:
        parent = r.scalar(
            f"SELECT {_SELF_PARENT[op.entity]} FROM {op.entity} WHERE id = ?", (op.entity_id,)
        )
    if not isinstance(parent, str):
        return None
    return r.scalar(f"SELECT grid_id FROM {table} WHERE id = ?", (parent,))


def outside(r: Reader, ops: Sequence[OutboxOp], area: frozenset[str]) -> list[tuple[OutboxOp, str]]:
    """The ops to keep back from a push, with their grid: those whose grid is known, not in
    ``area`` and not leaving (still here and held by no other worker of this terminal: such
    work is sent first, for the server's grace)."""
    local = {row["id"] for row in r.iter("SELECT id FROM grid")}
    if local <= area:
        return []  # the usual case: every grid held here is still the user's
    leaving = local - area - _areas_of_workers(r)
    found = []
    for op in ops:
        grid = grid_of(r, op)
        if grid is not None and grid not in area and grid not in leaving:
            found.append((op, grid))
    return found


def _areas_of_workers(r: Reader) -> set[str]:
    """Every grid the workers of this terminal held at their last sync (the syncing worker's
    own entry is already its current area)."""
    grids: set[str] = set()
    for row in r.iter("SELECT value FROM sync_state WHERE key LIKE ?", (area_key("%"),)):
        grids.update(json.loads(row["value"]))
    return grids
