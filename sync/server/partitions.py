"""Partitions: the slices of data a terminal syncs, named compactly for cursors.

A partition is a grid (``g12``: the grid and all it holds), a community (``c3``) or street
office (``s1``) row with its users, one user's own records (``u45``: check-ins), the marks of
their alerts only they pull (``a45``), or the checklist templates every terminal receives
(``t``). The numbers are the server-only ``num``
columns, so that a cursor listing a street office's 300 grids stays short.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import Connection, Table, func, select

from sync.server.db import schema

TEMPLATES = "t"


def grid(num: int) -> str:
    """The partition of a grid and everything in it."""
    return f"g{num}"


class GridPartitions:
    """The partition of each grid of a user's area, looked up once per push.

    Its own object, not a method of the push's ``Work``: the conflict ledger keeps the
    lookup, and a bound method tied ``Work`` into a reference cycle, so every batch's rows
    (thousands of objects) waited for the cyclic collector instead of being freed when the
    push ended (docs/performance.md, "Garbage").
    """

    def __init__(self, grid_nums: Mapping[str, int]) -> None:
        self._grid_nums = grid_nums
        self._found: dict[str, str] = {}

    def of(self, grid_id: str) -> str:
        """The partition of ``grid_id`` (writes outside the area never get here)."""
        found = self._found.get(grid_id)
        if found is None:
            found = self._found[grid_id] = grid(self._grid_nums[grid_id])
        return found


def community(num: int) -> str:
    """The partition of a community's row and its users."""
    return f"c{num}"


def street_office(num: int) -> str:
    """The partition of a street office's row and its staff."""
    return f"s{num}"


def user(num: int) -> str:
    """The partition of one user's own records (check-ins)."""
    return f"u{num}"


def alerts(num: int) -> str:
    """The partition of one user's marks of their alerts (only they pull it)."""
    return f"a{num}"


def grid_nums(conn: Connection, grid_ids: Iterable[str]) -> dict[str, int]:
    """grid id → num for the grids that exist."""
    ids = sorted(set(grid_ids))
    if not ids:
        return {}
    g = schema.grid
    rows = conn.execute(select(g.c.id, g.c.num).where(g.c.id.in_(ids)))
    return {r.id: r.num for r in rows}


def next_num(conn: Connection, table: Table) -> int:
    """A fresh ``num`` for a new territory row or user (admin writes are rare and short)."""
    return int(conn.execute(select(func.coalesce(func.max(table.c.num), 0))).scalar_one()) + 1


def ids_of(conn: Connection, partitions: Iterable[str]) -> list[tuple[str, str]]:
    """(entity, id) of the territory rows that grid/community/street partitions stand for."""
    kinds = {"g": schema.grid, "c": schema.community, "s": schema.street_office}
    names = {"g": "grid", "c": "community", "s": "street_office"}
    out: list[tuple[str, str]] = []
    for prefix, table in kinds.items():
        nums = [int(p[1:]) for p in partitions if p[:1] == prefix and p[1:].isdigit()]
        if nums:
            rows = conn.execute(select(table.c.id).where(table.c.num.in_(nums))).scalars()
            out.extend((names[prefix], i) for i in rows)
    return out
