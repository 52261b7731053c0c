"""Which households a search may return (网格范围): a worker sees only their own grids.

The visible household ids are kept as a set per read connection, until the database changes
(``PRAGMA data_version``): keystrokes repeat the same scope many times, and building the set
of a community's household ids each time would cost more than the search.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass

from gridterm.store.connection import Connection
from gridterm.store.reader import Reader

#: Beyond this many visible households, remember the hidden ones instead when fewer.
SCOPE_SET_MAX = 20000


@dataclass(frozen=True, slots=True)
class Scope:
    """Which households a search may return."""

    grids: tuple[str, ...] | None = None  # None: every household
    size: int = 0  # visible households (when grids is set)
    households: frozenset[str] = frozenset()
    hidden: bool = False  # ``households`` lists the invisible ones instead

    def visible(self, household_id: str) -> bool:
        """Whether the household is in scope."""
        if self.grids is None:
            return True
        return (household_id in self.households) != self.hidden


_EVERYTHING = Scope()


class _ScopeCache:
    """Recent scopes per read connection, valid while ``PRAGMA data_version`` is unchanged.

    Keystrokes repeat the same scope many times; building the set of a community's household
    ids each time would cost more than the search.
    """

    def __init__(self, size: int = 8):
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[int, tuple[str, ...]], tuple[Connection, int, Scope]]
        self._entries = OrderedDict()

    def get(self, reader: Reader, grids: tuple[str, ...]) -> Scope:
        version = reader.scalar("PRAGMA data_version")
        key = (id(reader.conn), grids)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] is reader.conn and entry[1] == version:
                self._entries.move_to_end(key)
                return entry[2]
        scope = _build_scope(reader, grids)
        with self._lock:
            self._entries[key] = (reader.conn, version, scope)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return scope


_scope_cache = _ScopeCache()


def resolve_scope(reader: Reader, grid_ids: Collection[str] | None) -> Scope:
    """The scope of ``grid_ids`` (None: no restriction) in this reader's database."""
    if grid_ids is None:
        return _EVERYTHING
    grids = tuple(sorted(set(grid_ids)))
    if not grids:
        return Scope(grids=grids)
    return _scope_cache.get(reader, grids)


def _ids(reader: Reader, sql: str, params: tuple[str, ...]) -> frozenset[str]:
    return frozenset(row[0] for row in reader.conn.execute(sql, params))


def _build_scope(reader: Reader, grids: tuple[str, ...]) -> Scope:
    marks = ", ".join("?" * len(grids))
    others = tuple(
        row[0]
        for row in reader.conn.execute(f"SELECT id FROM grid WHERE id NOT IN ({marks})", grids)
    )
    if not others:
        return _EVERYTHING
    others_sql = f"SELECT id FROM household WHERE grid_id IN ({', '.join('?' * len(others))})"
    if not reader.scalar(f"SELECT EXISTS ({others_sql})", others):
        return _EVERYTHING  # a worker's terminal holds only their own grids' households
    inside_sql = f"SELECT id FROM household WHERE grid_id IN ({marks})"
    size = reader.scalar(f"SELECT count(*) FROM ({inside_sql})", grids)
    if size > SCOPE_SET_MAX:
        outside = reader.scalar(f"SELECT count(*) FROM ({others_sql})", others)
        if outside < size:
            hidden = _ids(reader, others_sql, others)
            return Scope(grids=grids, size=size, households=hidden, hidden=True)
    return Scope(grids=grids, size=size, households=_ids(reader, inside_sql, grids))
