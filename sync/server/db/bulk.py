"""Fast many-row writes and lookups, the push's hot path.

SQLAlchemy's executemany compiles parameters row by row; for a 1,000-op batch that costs more
than the database work. Inserts go straight to the driver instead: ``COPY`` on PostgreSQL,
multi-row ``INSERT … VALUES (…), (…)`` statements on SQLite (a third cheaper than
``executemany``'s step per row; the statements come in a few fixed sizes so the driver's
statement cache keeps them compiled, as compiling one costs as much as running it). Lookups of
many keys pass them as one parameter rather than a thousand-placeholder ``IN`` (``lookup``).
"""

from __future__ import annotations

import itertools
import operator
import sqlite3
from collections.abc import Sequence
from functools import cache
from typing import Any

import msgspec
import psycopg
from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    Table,
    any_,
    bindparam,
    cast,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.sqltypes import NullType


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows that all have the same keys (omitted columns take their defaults)."""
    if not rows:
        return
    names = list(rows[0])
    values = operator.itemgetter(*names)  # C-speed row → tuple
    insert_tuples(conn, table, names, list(map(values, rows)))


def insert_tuples(
    conn: Connection, table: Table, names: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert rows given as tuples in the order of ``names``."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        raw = conn.connection.dbapi_connection
        assert isinstance(raw, psycopg.Connection)  # SQLAlchemy types it as any DB-API one
        cols = ", ".join(f'"{n}"' for n in names)
        sql = f'COPY "{table.name}" ({cols}) FROM STDIN'
        try:
            with raw.cursor() as cur, cur.copy(sql) as copy:
                for r in rows:
                    copy.write_row(r)
        except psycopg.Error as exc:
            # as SQLAlchemy's own exceptions, so callers handle one family (IntegrityError…)
            raise DBAPIError.instance(sql, None, exc, psycopg.Error) from exc
        return
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    nulls = _null_columns(rows)
    if nulls:
        # every row's None in a column goes in the statement as NULL, not as a bound
        # parameter: the sqlite3 module looks for an adapter of each None it binds (a registry
        # lookup and two failed attribute lookups, ~3,300 instructions), four per pushed visit
        rows = _without(rows, nulls, len(names))
    most = _rows_per_statement(raw, len(names) - len(nulls))
    cursor = raw.cursor()
    try:
        start = 0
        while start < len(rows):
            # ``most`` rows at a time, the rest in halving sizes: a few statements, all cached
            count = most
            while count > len(rows) - start:
                count //= 2
            chunk = rows[start : start + count]
            sql = _values_sql(table.name, tuple(names), count, nulls)
            cursor.execute(sql, list(_flat(chunk)))
            start += count
    except sqlite3.Error as exc:
        raise DBAPIError.instance(None, None, exc, sqlite3.Error) from exc
    finally:
        cursor.close()


#: Rows per multi-row INSERT on SQLite: past ~100 the statement gets no cheaper per row.
_MOST_ROWS = 128
_flat = itertools.chain.from_iterable


def _rows_per_statement(raw: sqlite3.Connection, columns: int) -> int:
    """The largest power of two rows (at most ``_MOST_ROWS``) whose values fit the
    connection's limit of bound variables (999 on old SQLite, 32766 since 3.32)."""
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    count = _MOST_ROWS
    while count > 1 and count * columns > limit:
        count //= 2
    return count


def _null_columns(rows: Sequence[tuple[Any, ...]]) -> tuple[int, ...]:
    """The positions of the columns that are None in every row (looked for in C: a column is
    a candidate only when it is None in the first row)."""
    first, count = rows[0], len(rows)
    return tuple(
        i
        for i, value in enumerate(first)
        if value is None and list(map(operator.itemgetter(i), rows)).count(None) == count
    )


def _without(
    rows: Sequence[tuple[Any, ...]], nulls: tuple[int, ...], width: int
) -> Sequence[tuple[Any, ...]]:
    """The rows (of ``width`` columns) without the columns at ``nulls``."""
    kept = [i for i in range(width) if i not in nulls]
    if not kept:
        return [()] * len(rows)
    if len(kept) == 1:  # itemgetter of one position gives the value, not a tuple
        one = operator.itemgetter(kept[0])
        return [(one(r),) for r in rows]
    return list(map(operator.itemgetter(*kept), rows))


@cache
def _values_sql(table: str, names: tuple[str, ...], count: int, nulls: tuple[int, ...]) -> str:
    """``INSERT INTO table (names) VALUES (?, …), …`` for ``count`` rows, the columns at
    ``nulls`` given as NULL instead of a parameter."""
    cols = ", ".join(f'"{n}"' for n in names)
    one = "(" + ", ".join("NULL" if i in nulls else "?" for i in range(len(names))) + ")"
    return f'INSERT INTO "{table}" ({cols}) VALUES ' + ", ".join([one] * count)


#: JSON text of the keys, encoded in C (a push looks up a thousand op ids).
_encode = msgspec.json.Encoder().encode

#: The parameter a ``lookup`` statement reads its keys from (see ``keys_param``).
KEYS = "keys"


@cache
def lookup(
    dialect: str,
    columns: Table | tuple[ColumnElement[Any], ...],
    key: ColumnElement[Any],
    *,
    lock: bool = False,
) -> Select[Any]:
    """``SELECT columns WHERE key IN (the keys)``, the keys passed as one parameter: an array
    on PostgreSQL, a JSON list read by ``json_each`` on SQLite (no thousand placeholders).
    Built once per shape and reused: SQLAlchemy walks a new statement to find it in its
    compile cache, which cost more than the lookup itself. ``lock``: FOR UPDATE (PostgreSQL)."""
    query = select(columns) if isinstance(columns, Table) else select(*columns)
    if dialect == "postgresql":
        # the keys as one array literal cast by PostgreSQL, not a list for psycopg to dump: its
        # list dumper runs a regular expression over every element (~15,000 instructions
        # each, two keys per pushed op: 15 % of a 100-visit push's instructions)
        # (sent untyped, so PostgreSQL reads it as the array the cast names, when it binds it:
        # the planner sees the array's length, as it did a dumped list's)
        keys = cast(bindparam(KEYS, type_=NullType()), ARRAY(String))
        query = query.where(key == any_(keys))
        return query.with_for_update() if lock else query
    each = func.json_each(bindparam(KEYS)).table_valued("value")
    return query.where(key.in_(select(each.c.value)))


def pg_array(keys: Sequence[str]) -> str:
    """A PostgreSQL array literal of texts: each element in double quotes, its backslashes
    and double quotes escaped (nothing else is special inside the quotes)."""
    return "{" + ",".join(map(_quoted, keys)) + "}"


def _quoted(key: str) -> str:
    if "\\" in key or '"' in key:
        key = key.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{key}"'


def keys_param(conn: Connection, keys: Sequence[str]) -> dict[str, Any]:
    """The parameters of a ``lookup`` statement for ``keys``."""
    if conn.dialect.name == "postgresql":
        return {KEYS: pg_array(keys)}
    return {KEYS: _encode(list(keys)).decode()}
