"""The unit of work of one push: rows read once, writes buffered, flushed in one go.

Handlers read rows through ``get`` (prefetched in bulk, locked on PostgreSQL so concurrent
batches touching one household or ticket queue up instead of losing an update), and write
through ``insert``/``update``/``delete``; ``flush`` sends everything to the database with one
statement per table where it can, in foreign-key order, with the change log, conflicts and
applied op ids, all inside the caller's transaction.
"""

from __future__ import annotations

import json
import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    DefaultClause,
    Integer,
    Table,
    and_,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy import delete as sql_delete

from gridterm.domain.inspections import ChecklistTemplate
from gridterm.errors import GridTermError, PermissionDeniedError, ValidationError
from gridterm.store import entities
from sync.protocol import OpStatus
from sync.server import partitions
from sync.server.auth.scope import Principal
from sync.server.clock import now_ms
from sync.server.db import changes, schema
from sync.server.db.bulk import insert_rows, insert_tuples, keys_param, lookup
from sync.server.push.ledger import ConflictLedger
from sync.server.push.receipt import Receipt
from sync.server.push.wire import encode

#: The columns of an applied op id row, as ``flush`` takes them.
APPLIED_COLUMNS = (
    "op_id",
    "batch_id",
    "device_id",
    "user_id",
    "entity",
    "entity_id",
    "status",
    "at",
    "detail",
)
#: Write order that satisfies the foreign keys.
FLUSH_ORDER = tuple(e.name for e in entities.pushed_in_order())
#: Rows that concurrent batches may change: locked on PostgreSQL when a batch will change them
#: (and whenever one is read lazily, to be safe).
_LOCKED = frozenset({"household", "resident", "premises", "ticket", "hazard", "hazard_inspection"})
_TABLES: dict[str, Table] = {**schema.SYNCED, "attachment": schema.attachment}
_CHUNK = 500
#: Facts with one author, never edited: when stored exactly as a device sent them, that
#: device's pulls skip them (it has them already). Everything else is always sent back.
ECHO_FREE = frozenset(e.name for e in entities.pushed_in_order() if not e.echoed)
#: Longest id (UUIDv7 text is 36): longer ones are refused before they reach a column.
MAX_ID = 64


class RetryLater(GridTermError):
    """A referenced record is not on the server yet (an earlier batch still on its way): the op
    is refused as retriable and stays pending on the terminal."""

    code = "ref.missing"


class OutOfScope(PermissionDeniedError):
    """An op touches a grid outside the user's area (and the device has no reassignment grace
    for it): the op is rejected; a batch of nothing else is refused whole with 403."""

    code = "scope.grid_outside"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a handler did with one op."""

    status: OpStatus = OpStatus.APPLIED
    conflict_fields: tuple[str, ...] = ()
    server: dict[str, Any] | None = None


#: The common case, shared (an Outcome is immutable).
APPLIED = Outcome()


#: The string key of a row: its id, or the joined key columns.
key_of = entities.key_of


#: Keyed by the Table itself: reading ``table.name`` costs more than the lookup (per op).
_defaults: dict[Table, dict[str, Any]] = {}
#: Per echo-free entity: its wire columns' values of a row as one tuple (a C call per op).
_WIRE_VALUES = {
    entity: operator.itemgetter(*schema.wire_columns(_TABLES[entity])) for entity in ECHO_FREE
}


def _column_defaults(table: Table) -> dict[str, Any]:
    found = _defaults.get(table)
    if found is None:
        found = {}
        for col in table.columns:
            if isinstance(col.server_default, DefaultClause):
                text = str(col.server_default.arg)
                found[col.name] = int(text) if isinstance(col.type, Integer) else text
            else:
                found[col.name] = None
        _defaults[table] = found
    return found


def full_row(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` completed with each column's default, so one INSERT fits every row."""
    defaults = _column_defaults(table)
    if len(values) == len(defaults):  # the handler built a complete row
        return values
    row = dict(defaults)
    row.update(values)
    return row


class Work:
    """Reads and buffered writes of one push transaction."""

    def __init__(
        self,
        conn: Connection,
        principal: Principal,
        *,
        careful: bool = False,
        receipt: Receipt | None = None,
        txid: int | None = None,
    ) -> None:
        self.conn = conn
        #: the transaction's id, when the push took it with its device's lock
        self.txid = txid
        self.principal = principal
        self.careful = careful
        self.receipt = receipt or Receipt.now(None)
        self._lock = conn.dialect.name == "postgresql"
        self._rows: dict[str, dict[str, dict[str, Any] | None]] = defaultdict(dict)
        self._new: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self._dirty: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self._deleted: list[tuple[str, str, dict[str, Any]]] = []
        self._log: list[tuple[str, str, str, str]] = []
        self._created: dict[tuple[str, str], int] = {}  # new row → its entry in _log
        self._origins: dict[int, str] = {}  # entry in _log → the device it echoes exactly
        self._partitions = partitions.GridPartitions(principal.grid_nums)
        #: the conflicts this batch opens and settles (``ledger.py``)
        self.conflicts = ConflictLedger(conn, principal, self._partitions.of, self._log)
        self._templates: dict[tuple[str, int], ChecklistTemplate | None] = {}

    # -- reading -------------------------------------------------------------------------------

    def prefetch(self, wanted: Iterable[tuple[str, str]], changing: set[tuple[str, str]]) -> None:
        """Load many rows at once, in a fixed order so two batches never wait on each other's
        locks in a cycle. On PostgreSQL the rows in ``changing`` (those this batch may update)
        are locked; rows only referred to (the household of a visit) are not, so terminals
        recording visits in one grid do not queue behind each other."""
        by_entity: dict[str, set[str]] = defaultdict(set)
        for entity, key in set(wanted):  # a batch's ops name the same few rows many times
            if key and key not in self._rows[entity]:
                by_entity[entity].add(key)
        for entity in sorted(by_entity):
            keys = sorted(by_entity[entity])
            locked = [k for k in keys if (entity, k) in changing]
            free = [k for k in keys if (entity, k) not in changing]
            for group, lock in ((locked, True), (free, False)):
                for i in range(0, len(group), _CHUNK):
                    self._load(entity, group[i : i + _CHUNK], lock=lock)

    def _load(self, entity: str, keys: list[str], *, lock: bool = True) -> None:
        table = _TABLES[entity]
        lock = lock and self._lock and entity in _LOCKED
        names = entities.key_columns(entity)
        if len(names) > 1:
            pairs = [entities.split_key(entity, k) for k in keys]
            pairs = [p for p in pairs if len(p) == len(names)]
            query = select(table).where(tuple_(*(table.c[n] for n in names)).in_(pairs))
            query, params = (query.with_for_update() if lock else query), None
        else:
            query = lookup(self.conn.dialect.name, table, table.c[names[0]], lock=lock)
            params = keys_param(self.conn, keys)
        result = self.conn.execute(query, params)
        columns = list(result.keys())
        rows = [dict(zip(columns, r, strict=True)) for r in result]
        found = {key_of(entity, r): r for r in rows}
        for key in keys:
            self._rows[entity][key] = found.get(key)

    def get(self, entity: str, key: object) -> dict[str, Any] | None:
        """The row as this batch sees it (with its own earlier writes), or None."""
        if not isinstance(key, str) or not key:
            return None
        rows = self._rows[entity]
        if key not in rows:
            self._load(entity, [key])
        return rows[key]

    def exists(self, entity: str, key: str) -> bool:
        """Whether a new fact's id is taken. Unless careful, only this batch is consulted and
        the unique key catches a clash at flush (the batch is then replayed carefully): ids
        are UUIDv7 made on terminals, so the lookup would almost never find anything."""
        if self.careful or key in self._rows[entity]:
            return self.get(entity, key) is not None
        return False

    def need(self, entity: str, key: object, field: str) -> dict[str, Any]:
        """The referenced row, or RetryLater naming the field that refers to it."""
        if isinstance(key, str) and len(key) > MAX_ID:
            raise ValidationError("field.bad_id", f"{field} is not an id", field=field)
        row = self.get(entity, key)
        if row is None:
            raise RetryLater(
                "ref.missing", f"{entity} {key} is not on the server (yet)", field=field
            )
        return row

    def template(self, code: str, version: int) -> ChecklistTemplate | None:
        """A checklist template by code and version, parsed by the core."""
        if (code, version) not in self._templates:
            t = schema.checklist_template
            row = self.conn.execute(
                select(t).where(t.c.code == code, t.c.version == version)
            ).first()
            self._templates[(code, version)] = (
                None
                if row is None
                else ChecklistTemplate.parse(
                    row.id,
                    {
                        "code": row.code,
                        "version": row.version,
                        "title": row.title,
                        "items": json.loads(row.items),
                    },
                )
            )
        return self._templates[(code, version)]

    def answers_of(self, inspection_id: str) -> dict[str, dict[str, Any]]:
        """Every checklist answer of an inspection (stored and in this batch), by item code."""
        t = schema.checklist_answer
        rows = self.conn.execute(select(t).where(t.c.inspection_id == inspection_id)).mappings()
        for r in rows:
            self._rows["checklist_answer"].setdefault(key_of("checklist_answer", dict(r)), dict(r))
        prefix = inspection_id + "/"
        return {
            k.split("/", 1)[1]: r
            for k, r in self._rows["checklist_answer"].items()
            if k.startswith(prefix) and r is not None
        }

    # -- writing -------------------------------------------------------------------------------

    def partition_of(self, grid_id: str) -> str:
        """The partition of a grid in the user's area (writes outside it never get here)."""
        return self._partitions.of(grid_id)

    def insert(
        self,
        entity: str,
        values: dict[str, Any],
        partition: str | None,
        *,
        encoded: bool = False,
    ) -> dict[str, Any]:
        """Queue a new row (``encoded``: values are already in stored form); returns it."""
        if not encoded:
            values = {k: encode(v) for k, v in values.items()}
        row = full_row(_TABLES[entity], values)
        key = key_of(entity, row)
        self._rows[entity][key] = row
        self._new[entity][key] = row
        if partition is not None:
            self._created[(entity, key)] = len(self._log)
            self._log.append((partition, entity, key, changes.UPSERT))
        return row

    def insert_new(
        self, entity: str, key: str, row: dict[str, Any], partition: str, origin: str | None
    ) -> None:
        """Queue a complete new row in stored form (``insert``'s work, for a caller that
        built it whole); ``origin``: the device it is stored exactly as sent by."""
        self._rows[entity][key] = self._new[entity][key] = row
        self._created[(entity, key)] = index = len(self._log)
        self._log.append((partition, entity, key, changes.UPSERT))
        if origin is not None:
            self._origins[index] = origin

    def rows_of(self, entity: str) -> dict[str, dict[str, Any] | None]:
        """The rows of ``entity`` this batch has read or written, by key (the live map)."""
        return self._rows[entity]

    def new_row(self, entity: str, key: str) -> dict[str, Any] | None:
        """The row this batch creates under ``key``, if it does."""
        return self._new[entity].get(key)

    def stored_as_sent(self, entity: str, key: str, fields: dict[str, Any]) -> None:
        """After a create op: when the new row is a fact stored exactly as the device sent
        it (every wire column present, same type, same value), its change-log entry names
        the device, whose pulls then skip it. Anything the server filled in or normalised
        (a default, a re-formatted time) leaves the entry unnamed, so it is sent back."""
        index = self._created.get((entity, key))
        row = self._new[entity].get(key)
        values = _WIRE_VALUES.get(entity)
        if values is None or index is None or row is None:
            return
        try:
            sent = values(fields)
        except KeyError:  # a wire column the device did not send: the server filled it in
            return
        stored = values(row)
        # == alone takes 1 for True and 1.0 for 1: the types must match too
        if sent == stored and list(map(type, sent)) == list(map(type, stored)):
            self._origins[index] = self.principal.device_id

    def update(self, entity: str, key: str, values: dict[str, Any], partition: str) -> None:
        """Queue changed columns of an existing row."""
        row = self._rows[entity][key]
        assert row is not None
        values = {k: encode(v) for k, v in values.items()}
        row.update(values)
        if key not in self._new[entity]:
            self._dirty[entity].setdefault(key, {}).update(values)
        self._log.append((partition, entity, key, changes.UPSERT))

    def delete(self, entity: str, key: str, partition: str) -> None:
        """Delete a row, keeping its last state in the tombstone table."""
        row = self._rows[entity][key]
        assert row is not None
        self._rows[entity][key] = None
        if self._new[entity].pop(key, None) is None:
            self._dirty[entity].pop(key, None)
            self._deleted.append((entity, key, row))
        self._log.append((partition, entity, key, changes.DELETE))

    def flush(self, applied: list[tuple[Any, ...]]) -> None:
        """Write everything buffered, then the change log and the applied op ids."""
        conn = self.conn
        for entity in FLUSH_ORDER:
            rows = list(self._new[entity].values())
            if rows:
                table = _TABLES[entity]
                insert_rows(conn, table, rows)
            for key, values in self._dirty[entity].items():
                conn.execute(self._where(entity, key, update(_TABLES[entity])).values(**values))
        t = schema.tombstone
        for entity, key, row in self._deleted:
            # a row deleted, made again with the same id and deleted again keeps its last state
            conn.execute(sql_delete(t).where(t.c.entity == entity, t.c.entity_id == key))
            conn.execute(
                insert(t).values(
                    entity=entity,
                    entity_id=key,
                    row=json.dumps(row, ensure_ascii=False, default=str),
                    deleted_by=self.principal.user.id,
                    at=now_ms(),
                )
            )
            conn.execute(self._where(entity, key, sql_delete(_TABLES[entity])))
        self.conflicts.flush()
        if self._log:
            txid = self.txid if self.txid is not None else changes.current_txid(conn)
            changes.record(conn, txid, self._log, self._origins)
        insert_tuples(conn, schema.applied_op, APPLIED_COLUMNS, applied)

    @staticmethod
    def _where(entity: str, key: str, stmt: Any) -> Any:
        table = _TABLES[entity]
        names = entities.key_columns(entity)
        if len(names) == 1:
            return stmt.where(table.c[names[0]] == key)
        values = entities.split_key(entity, key)
        return stmt.where(and_(*(table.c[n] == v for n, v in zip(names, values, strict=True))))
