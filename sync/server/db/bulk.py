"""Fast many-row writes and lookups, the push's hot path.

SQLAlchemy's executemany compiles parameters row by row; for a 1,000-op batch that costs more
than the database work. Inserts go straight to the driver instead: ``COPY`` on PostgreSQL,
one prepared ``executemany`` on SQLite. Lookups of many keys pass them as one parameter
rather than a thousand-placeholder ``IN``.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Sequence
from typing import Any

import psycopg
from sqlalchemy import ColumnElement, Connection, String, Table, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError


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
        assert raw is not None
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
    quote = conn.dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join('?' for _ in names)})"
    )
    conn.exec_driver_sql(sql, list(rows))


def among(conn: Connection, column: ColumnElement[Any], keys: Sequence[str]) -> ColumnElement[bool]:
    """``column IN keys`` with the keys as one parameter: an array on PostgreSQL, a JSON list
    read by ``json_each`` on SQLite (no thousand placeholders to compile)."""
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam(None, list(keys), type_=ARRAY(String)))
    each = func.json_each(bindparam(None, json.dumps(list(keys)))).table_valued("value")
    return column.in_(select(each.c.value))
