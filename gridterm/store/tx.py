"""A write transaction that records every change in the outbox (docs/sync-contract.md, guarantee 1).

All writes to synced tables go through ``Tx``: it writes the row and appends the outbox row in
the same SQLite transaction, so a record can never exist without its outbox entry or the other
way round.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from gridterm.domain.field_limits import check_fields
from gridterm.errors import NotFoundError
from gridterm.ids import new_id
from gridterm.store import entities
from gridterm.store.connection import Connection
from gridterm.store.reader import Reader

#: Called after a row of an entity is written (e.g. to refresh its search keys), with the
#: row's id — or None after ``Tx.bulk``: any number of that entity's rows changed.
ChangeListener = Callable[["Tx", str, str | None], None]


#: The writer's page cache during ``Tx.bulk`` (SQLite's ``cache_size``: negative is KiB), 192
#: MiB instead of the 8 MiB sqlcipher3's build defaults to: a street office of 20,000
#: households (a 178 MB database) is loaded without evicting a page. Every page SQLCipher
#: evicts is encrypted and later read back decrypted, and the sorter that makes an index
#: after a load keeps as much in memory before it spills. Only pages actually used are
#: allocated (a grid's first sync takes a few MB; 20,000 households peak 70 MB above 64 MiB's
#: 366 MB, docs/performance.md); the previous size comes back after.
BULK_CACHE_SIZE = -196608


def utc_now() -> str:
    """The current time as ISO 8601 text in UTC (how times are stored)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def encode(value: Any) -> Any:
    """Python value → SQLite value: lists/dicts/sets as JSON, datetimes as ISO text."""
    if isinstance(value, frozenset | set):
        return json.dumps(sorted(value), ensure_ascii=False)
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


#: Types SQLite binds as they are (a bool as the integer it is).
_BOUND_AS_IS = frozenset({str, int, float, bool, type(None)})


def _bound(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """A pulled row's values as bound: as they came, unless some value (a JSON list) needs
    ``encode``. The type check runs in C (``map``), not as a Python loop over every value
    of a street office's 196,000 rows."""
    values = tuple(row.values())
    if _BOUND_AS_IS.issuperset(map(type, values)):
        return values
    return tuple(encode(v) for v in values)


class Tx:
    """One open write transaction on the writer connection; ``author`` (a user id) is who
    its outbox rows belong to (None: nobody logged in, e.g. a demo build)."""

    def __init__(
        self,
        conn: Connection,
        listeners: Mapping[str, Iterable[ChangeListener]],
        author: str | None = None,
    ):
        self.conn = conn
        self._listeners = listeners
        self.author = author
        #: Entities changed inside ``bulk``, in the order first seen; None outside it.
        self._bulk: dict[str, None] | None = None
        #: What the listeners of an ending ``bulk`` left to do after all of them, by key.
        self._finishing: dict[str, Callable[[], None]] | None = None

    @contextmanager
    def bulk(self, remake_indexes_of: Iterable[str] = ()) -> Iterator[None]:
        """Write many rows at once (a first sync's snapshot): the change listeners hear of
        each changed entity once at the end, with no id, instead of once per row — one
        rebuild of the search keys instead of a lookup and rewrite per row.

        The plain indexes of ``remake_indexes_of`` are dropped for the block and made again
        (``indexes_made_after``) before the listeners run: with the wide page cache still in
        force, and under the listeners' queries, which would scan without them. Made after
        the bulk, with the narrow cache back, 50,000 households' first sync took 1.4–1.6 s
        longer (docs/performance.md).
        """
        outer = self._bulk is None
        if not outer:
            yield
            return
        self._bulk = {}
        saved = self.conn.execute("PRAGMA cache_size").fetchone()[0]
        self.conn.execute(f"PRAGMA cache_size = {BULK_CACHE_SIZE}")
        try:
            with self.indexes_made_after(remake_indexes_of):
                yield
        finally:
            try:
                changed, self._bulk = self._bulk or {}, None
                self._finishing = {}
                for entity in changed:
                    for listener in self._listeners.get(entity, ()):
                        listener(self, entity, None)
                for finish in self._finishing.values():
                    finish()
            finally:
                self._finishing = None
                self.conn.execute(f"PRAGMA cache_size = {int(saved)}")

    @contextmanager
    def indexes_made_after(self, tables: Iterable[str]) -> Iterator[None]:
        """Drop the plain (non-unique) indexes of ``tables`` for the block and make them
        again, as the schema has them, when it ends without an error (a failing block's
        transaction is rolled back, indexes included).

        For a bulk load (a first sync's snapshot): sorting each index once after the rows
        are in is cheaper than inserting every row's keys into it as they come. Unique
        indexes and primary keys stay: they are constraints, and the load looks rows up by
        them. Queries inside the block that would use a dropped index scan instead.
        """
        wanted = sorted(set(tables))
        if not wanted:
            yield
            return
        marks = ", ".join("?" * len(wanted))
        indexes = self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            f" AND tbl_name IN ({marks}) AND upper(sql) NOT LIKE 'CREATE UNIQUE%'",
            tuple(wanted),
        ).fetchall()
        for name, _ in indexes:
            self.conn.execute(f'DROP INDEX "{name}"')
        yield
        for _, sql in indexes:
            self.conn.execute(sql)

    def after_bulk(self, key: str, finish: Callable[[], None]) -> bool:
        """Inside a listener hearing of an ending ``bulk``: run ``finish`` once after every
        listener has been told (the first ``finish`` given under ``key`` wins). False anywhere
        else: then the caller does the work itself, now."""
        if self._finishing is None:
            return False
        self._finishing.setdefault(key, finish)
        return True

    def reader(self) -> Reader:
        """Queries that see this transaction's own writes."""
        return Reader(self.conn)

    def execute(self, sql: str, params: Iterable[Any] = ()) -> Any:
        """Run raw SQL inside this transaction (for local-only tables)."""
        return self.conn.execute(sql, tuple(params))

    def one(self, sql: str, params: Iterable[Any] = ()) -> dict[str, Any] | None:
        """First row of a query as a dict, or None."""
        cur = self.conn.execute(sql, tuple(params))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def written(self, sql: str, params: Iterable[Any] = ()) -> dict[str, Any]:
        """The row of a query that must exist: one this transaction has just written."""
        row = self.one(sql, params)
        if row is None:
            raise NotFoundError("store.row_missing", "a row just written is not there")
        return row

    def insert(self, entity: str, row: Mapping[str, Any], *, outbox: bool = True) -> None:
        """Insert a new record and queue its creation for the server (the outbox names it by
        its catalog key: its id, or e.g. a checklist answer's ``inspection_id/item_code``)."""
        key = entities.key_of(entity, row)
        values = {k: encode(v) for k, v in row.items()}
        check_fields(values)  # refused here, never stored to be refused by the server forever
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        self.conn.execute(f"INSERT INTO {entity} ({cols}) VALUES ({marks})", tuple(values.values()))
        if outbox:
            self._append(entity, key, "create", values, None)
        self._notify(entity, key)

    def insert_pulled(self, entity: str, rows: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        """Insert rows that came from the server — (record key, row) pairs, every row with the
        same columns — in one statement. No outbox entry (the server has them) and no field
        limits (the server enforced them when they were pushed). Raises the database's
        IntegrityError when any row's parent is missing, having inserted none of them only if
        the caller rolls back to a savepoint (``merge`` does)."""
        if not rows:
            return
        names = list(rows[0][1])
        cols = ", ".join(names)
        marks = ", ".join("?" for _ in names)
        self.conn.executemany(
            f"INSERT INTO {entity} ({cols}) VALUES ({marks})", [_bound(row) for _, row in rows]
        )
        for record_key, _ in rows:
            self._notify(entity, record_key)

    def update(
        self,
        entity: str,
        entity_id: str,
        changes: Mapping[str, Any],
        *,
        outbox: bool = True,
    ) -> None:
        """Change some fields of a record; the outbox carries only the changed fields and the
        server version they were based on, so the server can merge field by field.

        ``entity_id`` is the record's catalog key (for a key of several columns, their values
        joined by "/").
        """
        names = entities.key_columns(entity)
        values_of_key = entities.split_key(entity, entity_id)
        if len(values_of_key) != len(names):
            raise NotFoundError(f"{entity}.not_found", f"no {entity} {entity_id}", id=entity_id)
        key = dict(zip(names, values_of_key, strict=True))
        match = " AND ".join(f"{k} = ?" for k in key)
        current = self.one(f"SELECT * FROM {entity} WHERE {match}", tuple(key.values()))
        if current is None:
            raise NotFoundError(f"{entity}.not_found", f"no {entity} {entity_id}", id=entity_id)
        values = {k: encode(v) for k, v in changes.items()}
        check_fields(values)
        sets = ", ".join(f"{k} = ?" for k in values)
        self.conn.execute(
            f"UPDATE {entity} SET {sets} WHERE {match}", (*values.values(), *key.values())
        )
        if outbox:
            self._append(entity, entity_id, "update", values, current.get("version"))
        self._notify(entity, entity_id)

    def delete(self, entity: str, entity_id: str, *, outbox: bool = True) -> None:
        """Delete a record, leaving a tombstone so the deletion reaches the server."""
        current = self.one(f"SELECT * FROM {entity} WHERE id = ?", (entity_id,))
        if current is None:
            raise NotFoundError(f"{entity}.not_found", f"no {entity} {entity_id}", id=entity_id)
        self.conn.execute(f"DELETE FROM {entity} WHERE id = ?", (entity_id,))
        self.conn.execute(
            "INSERT OR REPLACE INTO tombstone (entity, entity_id, deleted_at) VALUES (?, ?, ?)",
            (entity, entity_id, utc_now()),
        )
        if outbox:
            self._append(entity, entity_id, "delete", {}, current.get("version"))
        self._notify(entity, entity_id)

    def queue(
        self, entity: str, entity_id: str, fields: Mapping[str, Any], base_version: int | None
    ) -> str:
        """Queue an op that is no row of its own here (a conflict's resolution: its effects
        on local rows are written by the caller, without outbox rows); returns its op id."""
        check_fields(fields)
        return self._append(entity, entity_id, "create", fields, base_version)

    def _append(
        self,
        entity: str,
        entity_id: str,
        op: str,
        fields: Mapping[str, Any],
        base_version: int | None,
    ) -> str:
        now = utc_now()
        op_id = new_id()
        row = {
            "op_id": op_id,
            "entity": entity,
            "entity_id": entity_id,
            "op": op,
            "fields": json.dumps(fields, ensure_ascii=False),
            "base_version": base_version,
            "created_at": now,
            "state": "pending",
            "state_at": now,
        }
        if self.author is not None:  # (a column since schema 7; tools write older schemas)
            row["author"] = self.author
        cols, marks = ", ".join(row), ", ".join("?" * len(row))
        self.conn.execute(f"INSERT INTO outbox ({cols}) VALUES ({marks})", tuple(row.values()))
        return op_id

    def touched(self, entity: str, entity_id: str) -> None:
        """Tell the change listeners a record's screens should redraw though its row did not
        change (a photo it names has just arrived)."""
        self._notify(entity, entity_id)

    def _notify(self, entity: str, entity_id: str) -> None:
        if self._bulk is not None:
            self._bulk[entity] = None
            return
        for listener in self._listeners.get(entity, ()):
            listener(self, entity, entity_id)
