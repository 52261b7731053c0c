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
from functools import cache, lru_cache
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
    if conn.dialect.name == "postgresql":
        values = operator.itemgetter(*names)  # C-speed row → tuple
        insert_tuples(conn, table, names, list(map(values, rows)))
    else:  # the values are taken from the dicts themselves (no tuple of every column first)
        _insert_sqlite(conn, table, names, rows, names)


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
    _insert_sqlite(conn, table, names, rows, range(len(names)))


def _insert_sqlite(
    conn: Connection,
    table: Table,
    names: Sequence[str],
    rows: Sequence[Any],
    keys: Sequence[Any],
) -> None:
    """Insert ``rows`` on SQLite, the value of column ``names[i]`` being ``row[keys[i]]`` (the
    rows are tuples or dicts)."""
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    width = len(names)
    nulls, same = _constant_columns(rows, keys)
    # every row's None in a column goes in the statement as NULL, not as a bound parameter:
    # the sqlite3 module looks for an adapter of each None it binds (a registry lookup and two
    # failed attribute lookups, ~3,300 instructions); a column with one text or integer in
    # every row is bound once, as a numbered parameter each row names (binding a text costs
    # SQLite ~780 instructions: a copy of it, and the one before it freed)
    varying = tuple(i for i in range(width) if i not in nulls and i not in same)
    fixed = [rows[0][keys[i]] for i in same]
    values = _flat_values(rows, [keys[i] for i in varying], width)
    most = _rows_per_statement(raw, len(varying), len(same))
    step = len(varying)
    cursor = raw.cursor()
    try:
        start = 0
        while start < len(rows):
            # ``most`` rows at a time, the rest in halving sizes: a few statements, all cached
            count = most
            while count > len(rows) - start:
                count //= 2
            sql = _values_sql(table.name, tuple(names), count, nulls, same)
            cursor.execute(sql, fixed + values[start * step : (start + count) * step])
            start += count
    except sqlite3.Error as exc:
        raise DBAPIError.instance(None, None, exc, sqlite3.Error) from exc
    finally:
        cursor.close()


#: Rows per multi-row INSERT on SQLite: past ~100 the statement gets no cheaper per row.
_MOST_ROWS = 128
_flat = itertools.chain.from_iterable


def _rows_per_statement(raw: sqlite3.Connection, columns: int, fixed: int) -> int:
    """The largest power of two rows (at most ``_MOST_ROWS``) whose ``columns`` values, beside
    the ``fixed`` ones bound once, fit the connection's limit of bound variables (999 on old
    SQLite, 32766 since 3.32)."""
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    count = _MOST_ROWS
    while count > 1 and count * columns + fixed > limit:
        count //= 2
    return count


def _constant_columns(
    rows: Sequence[Any], keys: Sequence[Any]
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The positions (in ``keys``) of the columns that are None in every row, and of those
    that hold one text or integer in every row (of that very type: 1 == 1.0 == True would bind
    the first one's type for all). Looked for in C; a column is a candidate only when its first
    and last values are alike."""
    first, last, count = rows[0], rows[-1], len(rows)
    nulls: list[int] = []
    same: list[int] = []
    for i, key in enumerate(keys):
        value = first[key]
        kind = type(value)
        if value is None:
            if last[key] is None and list(map(operator.itemgetter(key), rows)).count(None) == count:
                nulls.append(i)
        elif (kind is str or kind is int) and type(last[key]) is kind and last[key] == value:
            column = list(map(operator.itemgetter(key), rows))
            if column.count(value) == count and (
                kind is str or list(map(type, column)).count(int) == count
            ):
                same.append(i)
    return tuple(nulls), tuple(same)


def _flat_values(rows: Sequence[Any], varying: Sequence[Any], width: int) -> list[Any]:
    """The values at ``varying`` (keys of the rows' ``width`` columns), row after row, in one
    list."""
    if len(varying) == width and rows and isinstance(rows[0], tuple):
        return list(_flat(rows))
    if not varying:
        return []
    if len(varying) == 1:  # itemgetter of one position gives the value, not a tuple
        return list(map(operator.itemgetter(varying[0]), rows))
    return list(_flat(map(operator.itemgetter(*varying), rows)))


@lru_cache(maxsize=512)
def _values_sql(
    table: str, names: tuple[str, ...], count: int, nulls: tuple[int, ...], same: tuple[int, ...]
) -> str:
    """``INSERT INTO table (names) VALUES (?3, ?1, ?4, NULL), …`` for ``count`` rows: the
    columns at ``nulls`` given as NULL, those at ``same`` as the parameters numbered first
    (bound once for every row), the others numbered row after row."""
    cols = ", ".join(f'"{n}"' for n in names)
    number = itertools.count(len(same) + 1)
    fixed = {i: f"?{k}" for k, i in enumerate(same, 1)}
    one = []
    for _ in range(count):
        cells = (
            "NULL" if i in nulls else fixed.get(i) or f"?{next(number)}" for i in range(len(names))
        )
        one.append("(" + ", ".join(cells) + ")")
    return f'INSERT INTO "{table}" ({cols}) VALUES ' + ", ".join(one)


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
