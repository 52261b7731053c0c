"""A terminal upgraded to schema 13 (search keys by integer owner) finds what it found before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils

from gridterm.search import index
from gridterm.search.terms import household_terms, resident_terms
from gridterm.store import Store, keys
from gridterm.store.connection import connect
from gridterm.store.keys import FAST_KDF
from gridterm.store.migrations import migrations
from gridterm.store.tx import Tx
from tests.core.search.register import Register, find, make_id_number

PIN = "135790"
QUERIES = (
    "张", "张三", "zhang", "zs", "z", "曾", "ceng", "zeng", "张y", "3-2-501", "3栋", "3",
    "1栋1002", "7-2", "5678", "13812345678", "1234", "王",
)  # fmt: skip


class _Schema12:
    """Writes straight to a database left at schema 12 (what ``Register`` needs of a store)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def write(self, fn: Callable[[Tx], Any]) -> Any:
        with sqlite_utils.Database(self.conn).atomic():
            return fn(Tx(self.conn, {}))


def _fill(register: Register) -> None:
    h1 = register.household("501", phone="13812345678")
    register.resident(
        h1, "张三", phone="13812345678", id_number=make_id_number("42010119800101123")
    )
    register.resident(h1, "曾勇", phone="13900001234")
    h2 = register.household("1002", address="1-1-1002")
    register.resident(h2, "张永红")
    register.resident(h2, "王芳", id_number=make_id_number("42010119900202567"))
    h3 = register.household("502", grid="g2", phone="02788881234")
    register.resident(h3, "张三丰", phone="13812345678")


def _keys_as_schema_12_wrote_them(conn: Any) -> None:
    """The search keys as the m0012 terminal kept them: the owner's two ids on every key."""
    rows = [
        (term, kind, household_id, None)
        for household_id, address, phone in conn.execute("SELECT id, address, phone FROM household")
        for kind, term in household_terms(address, phone)
    ]
    rows += [
        (term, kind, household_id, resident_id)
        for resident_id, household_id, name, phone, id_number in conn.execute(
            "SELECT id, household_id, name, phone, id_number FROM resident"
        )
        for kind, term in resident_terms(name, phone, id_number)
    ]
    with sqlite_utils.Database(conn).atomic():
        conn.executemany("INSERT INTO search_term VALUES (?, ?, ?, ?)", rows)


def _answers(store: Store) -> dict[tuple[str, str], list[tuple[Any, ...]]]:
    found = {}
    for text in QUERIES:
        for scope in (None, ("g1",)):
            hits = find(store, text, grid_ids=scope)
            found[text, str(scope)] = [
                (h.household_id, h.resident_id, h.matched_kind, h.exact, h.address) for h in hits
            ]
    return found


def test_a_store_at_schema_12_finds_the_same_after_migrating(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    key = keys.new_database_key()
    keys.KeyRing.load(old).add("w1", PIN, key, FAST_KDF)
    conn = connect(old, key)
    migrations.apply(sqlite_utils.Database(conn), stop_before="0013_search_owner")
    assert "owner" not in {r[1] for r in conn.execute("PRAGMA table_info(search_term)")}
    _fill(Register(_Schema12(conn)))  # type: ignore[arg-type]
    _keys_as_schema_12_wrote_them(conn)
    conn.close()

    with Store.create(tmp_path / "new.db", "w1", PIN, FAST_KDF) as fresh:
        index.install(fresh)
        _fill(Register(fresh))
        expected = _answers(fresh)
    assert sum(map(len, expected.values())) > 2 * len(QUERIES)  # the queries find things

    with Store.unlock(old, "w1", PIN) as store:
        index.install(store)
        assert store.migration_backup is not None
        assert _answers(store) == expected
        # and its keys go on following edits, with no key left behind
        person = store.query("SELECT id FROM resident WHERE name = '张三'")[0]["id"]
        store.write(lambda tx: tx.update("resident", person, {"name": "李四"}))
        assert person not in [h.resident_id for h in find(store, "张三")]
        assert [h.resident_id for h in find(store, "ls")] == [person]
        store.write(lambda tx: tx.delete("resident", person))
        orphans = store.query(
            "SELECT count(*) AS n FROM search_term WHERE owner NOT IN (SELECT id FROM search_owner)"
        )
        assert orphans == [{"n": 0}]
        assert store.query(
            "SELECT count(*) AS n FROM search_owner WHERE resident_id = ?", (person,)
        ) == [{"n": 0}]
