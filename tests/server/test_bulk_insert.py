"""``insert_tuples`` on SQLite: the columns that are None in every row go in as NULL literals
(not bound), those with one value in every row are bound once, and every row still lands
with exactly the values given, of the types given."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, text
from sqlalchemy.sql.sqltypes import NullType

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
            # typeof: what SQLite stored (1 and 1.0 and '1' read back alike through the table)
            query = text("SELECT id, a, b, c, typeof(a) || typeof(b) || typeof(c) FROM t")
            return [(*tuple(r)[:4], tuple(r)[4]) for r in conn.execute(query.columns())]
    finally:
        engine.dispose()


def _as_given(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """The rows with the types SQLite stores their values as."""
    kinds = {str: "text", int: "integer", float: "real", type(None): "null", bool: "integer"}
    return sorted((*r, "".join(kinds[type(v)] for v in r[1:])) for r in rows)


def test_columns_none_in_every_row_are_stored_as_null_not_as_their_default(tmp_path):
    rows = [(f"{i:04d}", "x" if i % 2 else None, None, None) for i in range(300)]
    assert sorted(_stored(tmp_path, rows)) == _as_given(rows)


def test_a_column_none_only_in_the_first_row_keeps_the_later_values(tmp_path):
    rows = [("0", None, None, "c0"), ("1", "a1", 2, None), ("2", None, None, "c2")]
    assert sorted(_stored(tmp_path, rows)) == _as_given(rows)


def test_rows_with_one_column_left_to_bind(tmp_path):
    one = [("0", None, None, None), ("1", None, None, None)]
    assert sorted(_stored(tmp_path, one)) == _as_given(one)


def test_columns_with_one_value_in_every_row_are_stored_in_every_row(tmp_path):
    """A text or integer alike in every row is bound once for all of them (numbered
    parameters, several statements of 300 rows); each row still has it, and the columns
    around it keep their own values in their places."""
    rows = [(f"{i:04d}", "同一个", 7, f"c{i}") for i in range(300)]
    assert sorted(_stored(tmp_path, rows)) == _as_given(rows)


def test_values_equal_but_of_other_types_keep_their_types(tmp_path):
    """1, 1.0 and True are equal in Python: a column is bound once only when every value is
    of one type, so each row keeps the type it was given (in a column of no affinity, where
    SQLite stores what it is given)."""
    loose = Table(
        "loose", MetaData(), Column("id", String, primary_key=True), Column("v", NullType)
    )
    engine = make_engine(str(tmp_path / "loose.db"), pool_size=1)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE loose (id TEXT PRIMARY KEY, v)"))  # v: no type
            insert_tuples(conn, loose, ("id", "v"), [("0", 1), ("1", 1.0), ("2", True), ("3", 1)])
        with engine.connect() as conn:
            found = conn.execute(text("SELECT id, typeof(v) FROM loose ORDER BY id")).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in found] == [
        ("0", "integer"),
        ("1", "real"),
        ("2", "integer"),
        ("3", "integer"),
    ]


def test_a_column_alike_at_both_ends_but_not_between_keeps_every_value(tmp_path):
    rows = [(f"{i:04d}", "same" if i in (0, 299) else f"a{i}", i % 3, "z") for i in range(300)]
    assert sorted(_stored(tmp_path, rows)) == _as_given(rows)


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
