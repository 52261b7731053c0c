"""``insert_tuples`` on SQLite: the columns that are None in every row go in as NULL literals
(not bound), and every row still lands with exactly the values given."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, select, text

from sync.server.db.bulk import insert_tuples, keys_param, lookup
from sync.server.db.engine import make_engine, writing

_meta = MetaData()
_t = Table(
    "t",
    _meta,
    Column("id", String, primary_key=True),
    Column("a", String),
    Column("b", Integer, server_default=text("7")),  # a None given must not become 7
    Column("c", String),
)


def _stored(tmp_path: Path, rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    engine = make_engine(str(tmp_path / "bulk.db"), pool_size=1)
    try:
        _meta.create_all(engine)
        with engine.begin() as conn:
            insert_tuples(conn, _t, ("id", "a", "b", "c"), rows)
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(select(_t).order_by(_t.c.id))]
    finally:
        engine.dispose()


def test_columns_none_in_every_row_are_stored_as_null_not_as_their_default(tmp_path):
    rows = [(f"{i:04d}", "x" if i % 2 else None, None, None) for i in range(300)]
    assert _stored(tmp_path, rows) == rows


def test_a_column_none_only_in_the_first_row_keeps_the_later_values(tmp_path):
    rows = [("0", None, None, "c0"), ("1", "a1", 2, None), ("2", None, None, "c2")]
    assert _stored(tmp_path, rows) == rows


def test_rows_with_one_column_left_to_bind(tmp_path):
    one = [("0", None, None, None), ("1", None, None, None)]
    assert _stored(tmp_path, one) == one


def test_a_lookup_finds_keys_with_every_character_an_array_literal_quotes(server):
    """``lookup``'s keys go to PostgreSQL as one array literal (``pg_array``): quotes,
    backslashes, commas, braces, spaces and the word NULL are keys like any other."""
    keys = ['a"b', "c\\d", "e,f", "{g}", " h ", "NULL", "", '\\\\"', "普通"]
    table = Table("bulk_lookup_t", MetaData(), Column("id", String(64), primary_key=True))
    table.create(server.engine)
    try:
        with writing(server.engine) as conn:
            conn.execute(table.insert(), [{"id": k} for k in [*keys, "other"]])
            query = lookup(conn.dialect.name, (table.c.id,), table.c.id)
            found = conn.scalars(query, keys_param(conn, [*keys, "missing"])).all()
    finally:
        table.drop(server.engine)
    assert sorted(found) == sorted(keys)


def test_a_lookups_keys_reach_the_planner_as_an_array(pg_server):
    """The literal is bound as the array itself (untyped, read as ``VARCHAR[]``), not as text
    cast when the query runs: the planner then knows how many keys there are. Bound as text,
    every lookup was planned for an array of unknown length, and the cached plan of a
    connection whose table was small scanned the whole table (PostgreSQL's CPU per 1,000
    pushed records in bench/server_load.py went from 48 to 260 ms)."""
    table = Table("bulk_plan_t", MetaData(), Column("id", String(64), primary_key=True))
    table.create(pg_server.engine)
    try:
        with pg_server.engine.connect() as conn:
            query = lookup(conn.dialect.name, (table.c.id,), table.c.id)
            for _ in range(6):  # psycopg prepares a statement on its fifth run
                conn.execute(query, keys_param(conn, ["a", "b"])).all()
            raw = conn.connection.dbapi_connection
            assert raw is not None
            types = [
                t
                for (t,) in raw.execute(
                    "SELECT parameter_types::text FROM pg_prepared_statements"
                    " WHERE statement LIKE '%%bulk_plan_t%%'"
                )
            ]
            conn.rollback()
    finally:
        table.drop(pg_server.engine)
    assert types == ['{"character varying[]"}']
