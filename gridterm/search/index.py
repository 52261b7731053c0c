"""Keeping ``search_term`` in step with households and residents (搜索索引).

``install(store)`` registers change listeners, so every ``Tx.insert/update/delete`` of a
household or resident rewrites that entity's keys in the same transaction. The demo generator
and bulk imports build rows without a transaction with ``resident_rows``/``household_rows``, or
call ``rebuild`` once after loading.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from gridterm.search.terms import household_terms, resident_terms

if TYPE_CHECKING:
    from gridterm.store import Store
    from gridterm.store.tx import Tx

#: A ``search_term`` row: (term, kind, household_id, resident_id), in the table's column order.
TermRow = tuple[str, str, str, str | None]

#: Households or residents whose keys are computed and inserted together by ``rebuild``.
_REBUILD_CHUNK = 2000

INSERT_SQL = "INSERT INTO search_term (term, kind, household_id, resident_id) VALUES (?, ?, ?, ?)"

# Deleting a resident (or moving it to another household) leaves no row to read its old
# household from inside the listener, and search_term is only indexed by (household_id,
# resident_id). These TEMP triggers live on the writer connection and remove the old keys with
# OLD.household_id, so no delete ever scans the table.
_TRIGGERS = (
    """CREATE TEMP TRIGGER IF NOT EXISTS search_resident_deleted AFTER DELETE ON main.resident
    BEGIN
        DELETE FROM search_term WHERE household_id = OLD.household_id AND resident_id = OLD.id;
    END""",
    """CREATE TEMP TRIGGER IF NOT EXISTS search_resident_moved
    AFTER UPDATE OF household_id ON main.resident WHEN OLD.household_id IS NOT NEW.household_id
    BEGIN
        DELETE FROM search_term WHERE household_id = OLD.household_id AND resident_id = OLD.id;
    END""",
    """CREATE TEMP TRIGGER IF NOT EXISTS search_household_deleted AFTER DELETE ON main.household
    BEGIN
        DELETE FROM search_term WHERE household_id = OLD.id;
    END""",
)

_installed: weakref.WeakSet[Store] = weakref.WeakSet()


def resident_rows(
    resident_id: str, household_id: str, name: str, phone: str = "", id_number: str = ""
) -> list[TermRow]:
    """The ``search_term`` rows of one resident, built from plain values (no database)."""
    return [
        (term, kind, household_id, resident_id)
        for kind, term in resident_terms(name, phone, id_number)
    ]


def household_rows(household_id: str, address: str, phone: str = "") -> list[TermRow]:
    """The ``search_term`` rows of one household (its own keys, not its residents')."""
    return [(term, kind, household_id, None) for kind, term in household_terms(address, phone)]


def _replace(tx: Tx, household_id: str, resident_id: str | None, rows: Sequence[TermRow]) -> None:
    """Make the owner's rows equal ``rows``; unchanged keys (most edits) write nothing."""
    owner_sql = "household_id = ? AND resident_id IS ?"
    cur = tx.execute(
        f"SELECT term, kind FROM search_term WHERE {owner_sql}", (household_id, resident_id)
    )
    if sorted(cur.fetchall()) == sorted((term, kind) for term, kind, _, _ in rows):
        return
    tx.execute(f"DELETE FROM search_term WHERE {owner_sql}", (household_id, resident_id))
    tx.conn.executemany(INSERT_SQL, rows)


def reindex_resident(tx: Tx, entity: str, resident_id: str | None) -> None:
    """Change listener: rewrite a resident's keys after it was inserted, updated or deleted
    (every resident's after a bulk write, ``Tx.bulk``).

    Moved-out residents (迁出) keep their keys: the search marks them instead of hiding them.
    """
    if resident_id is None:
        rebuild(tx, households=False)
        return
    row = tx.one(
        "SELECT household_id, name, phone, id_number FROM resident WHERE id = ?", (resident_id,)
    )
    if row is None:
        return  # deleted: the TEMP trigger already dropped its keys
    rows = resident_rows(
        resident_id, row["household_id"], row["name"], row["phone"], row["id_number"]
    )
    _replace(tx, row["household_id"], resident_id, rows)


def reindex_household(tx: Tx, entity: str, household_id: str | None) -> None:
    """Change listener: rewrite a household's own keys (address, phone) after a change
    (every household's after a bulk write)."""
    if household_id is None:
        rebuild(tx, residents=False)
        return
    row = tx.one("SELECT address, phone FROM household WHERE id = ?", (household_id,))
    if row is None:
        tx.execute("DELETE FROM search_term WHERE household_id = ?", (household_id,))
        return
    _replace(tx, household_id, None, household_rows(household_id, row["address"], row["phone"]))


def install(store: Store) -> None:
    """Keep ``store``'s search index up to date from now on (idempotent)."""
    if store in _installed:
        return
    _installed.add(store)

    def create_triggers(tx: Tx) -> None:
        for sql in _TRIGGERS:
            tx.execute(sql)

    store.write(create_triggers)
    store.on_change("household", reindex_household)
    store.on_change("resident", reindex_resident)


def rebuild(tx: Tx, *, households: bool = True, residents: bool = True) -> int:
    """Recompute the keys of every household and/or every resident from their tables;
    returns the rows written.

    For after a bulk load (a first sync, demo data). The table's indexes are dropped while it
    is filled and made again after: sorting once is several times cheaper than inserting
    hundreds of thousands of keys into them one by one.
    """
    count = 0
    with _indexes_made_after(tx):
        if households:
            tx.execute("DELETE FROM search_term WHERE resident_id IS NULL")
            homes = tx.conn.execute("SELECT id, address, phone FROM household")
            count += _insert_all(tx, homes, _household_chunk)
        if residents:
            tx.execute("DELETE FROM search_term WHERE resident_id IS NOT NULL")
            people = tx.conn.execute(
                "SELECT id, household_id, name, phone, id_number FROM resident"
            )
            count += _insert_all(tx, people, _resident_chunk)
    return count


def _household_chunk(homes: Sequence[Sequence[str]]) -> list[TermRow]:
    return [
        (term, kind, household_id, None)
        for household_id, address, phone in homes
        for kind, term in household_terms(address, phone)
    ]


def _resident_chunk(people: Sequence[Sequence[str]]) -> list[TermRow]:
    return [
        (term, kind, household_id, resident_id)
        for resident_id, household_id, name, phone, id_number in people
        for kind, term in resident_terms(name, phone, id_number)
    ]


@contextmanager
def _indexes_made_after(tx: Tx) -> Iterator[None]:
    """Drop search_term's indexes for the block and make them again, as the schema has them.

    At the end of a ``Tx.bulk`` the households' and then the residents' keys are rebuilt:
    the indexes are made once, after both (the second rebuild finds them dropped already).
    """
    indexes = tx.execute(
        "SELECT name, sql FROM sqlite_master"
        " WHERE type = 'index' AND tbl_name = 'search_term' AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in indexes:
        tx.execute(f'DROP INDEX "{name}"')

    def make() -> None:
        for _, sql in indexes:
            tx.execute(sql)

    later = tx.after_bulk("search_term indexes", make)
    yield
    if not later:
        make()


def _insert_all(
    tx: Tx, owners: Any, rows_of: Callable[[Sequence[Sequence[str]]], list[TermRow]]
) -> int:
    """Insert the keys of every owner the cursor ``owners`` yields, ``_REBUILD_CHUNK`` owners
    at a time: one list comprehension and one ``executemany`` per chunk (a generator per row
    cost a Python call for each of a street office's ~800,000 keys), never all in memory."""
    count = 0
    while chunk := owners.fetchmany(_REBUILD_CHUNK):
        rows = rows_of(chunk)
        tx.conn.executemany(INSERT_SQL, rows)
        count += len(rows)
    return count
