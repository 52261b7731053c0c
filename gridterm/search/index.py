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

#: A ``search_term`` row: (term, kind, owner), in the table's column order; ``owner`` is the
#: ``search_owner`` id of the household or resident the key finds.
TermRow = tuple[str, str, int]
#: A ``search_owner`` row: (id, household_id, resident_id); resident_id None for a
#: household's own keys (address, phone).
OwnerRow = tuple[int, str, str | None]

#: Households or residents whose keys are computed and inserted together by ``rebuild``.
_REBUILD_CHUNK = 2000

INSERT_SQL = "INSERT INTO search_term (term, kind, owner) VALUES (?, ?, ?)"
OWNER_SQL = "INSERT INTO search_owner (id, household_id, resident_id) VALUES (?, ?, ?)"
_OWNED_BY = "SELECT id FROM search_owner WHERE household_id = ? AND resident_id IS ?"

# Deleting a resident (or moving it to another household) leaves no row to read its old
# household from inside the listener. These TEMP triggers live on the writer connection and
# remove the old keys and their owner with OLD.household_id, so no delete ever scans a table
# (search_owner is indexed by household and resident, search_term by owner).
_OF_RESIDENT = (
    "SELECT id FROM search_owner WHERE household_id = OLD.household_id AND resident_id = OLD.id"
)
_DROP_RESIDENT = f"""
        DELETE FROM search_term WHERE owner IN ({_OF_RESIDENT});
        DELETE FROM search_owner WHERE household_id = OLD.household_id AND resident_id = OLD.id;"""
_TRIGGERS = (
    f"""CREATE TEMP TRIGGER IF NOT EXISTS search_resident_deleted AFTER DELETE ON main.resident
    BEGIN{_DROP_RESIDENT}
    END""",
    f"""CREATE TEMP TRIGGER IF NOT EXISTS search_resident_moved
    AFTER UPDATE OF household_id ON main.resident WHEN OLD.household_id IS NOT NEW.household_id
    BEGIN{_DROP_RESIDENT}
    END""",
    """CREATE TEMP TRIGGER IF NOT EXISTS search_household_deleted AFTER DELETE ON main.household
    BEGIN
        DELETE FROM search_term
            WHERE owner IN (SELECT id FROM search_owner WHERE household_id = OLD.id);
        DELETE FROM search_owner WHERE household_id = OLD.id;
    END""",
)

_installed: weakref.WeakSet[Store] = weakref.WeakSet()


def resident_rows(owner: int, name: str, phone: str = "", id_number: str = "") -> list[TermRow]:
    """The ``search_term`` rows of one resident whose ``search_owner`` id is ``owner``, built
    from plain values (no database)."""
    return [(term, kind, owner) for kind, term in resident_terms(name, phone, id_number)]


def household_rows(owner: int, address: str, phone: str = "") -> list[TermRow]:
    """The ``search_term`` rows of one household (its own keys, not its residents')."""
    return [(term, kind, owner) for kind, term in household_terms(address, phone)]


def _replace(
    tx: Tx, household_id: str, resident_id: str | None, terms: Sequence[tuple[str, str]]
) -> None:
    """Make the owner's keys equal ``terms`` ((kind, term) pairs); unchanged keys (most edits)
    write nothing."""
    found = tx.execute(_OWNED_BY, (household_id, resident_id)).fetchone()
    if found is None:
        if not terms:
            return
        owner = tx.execute(
            "INSERT INTO search_owner (household_id, resident_id) VALUES (?, ?)",
            (household_id, resident_id),
        ).lastrowid
    else:
        owner = found[0]
        cur = tx.execute("SELECT term, kind FROM search_term WHERE owner = ?", (owner,))
        if sorted(cur.fetchall()) == sorted((term, kind) for kind, term in terms):
            return
        tx.execute("DELETE FROM search_term WHERE owner = ?", (owner,))
    tx.conn.executemany(INSERT_SQL, [(term, kind, owner) for kind, term in terms])


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
    terms = resident_terms(row["name"], row["phone"], row["id_number"])
    _replace(tx, row["household_id"], resident_id, terms)


def reindex_household(tx: Tx, entity: str, household_id: str | None) -> None:
    """Change listener: rewrite a household's own keys (address, phone) after a change
    (every household's after a bulk write)."""
    if household_id is None:
        rebuild(tx, residents=False)
        return
    row = tx.one("SELECT address, phone FROM household WHERE id = ?", (household_id,))
    if row is None:
        _drop_owners(tx, "household_id = ?", (household_id,))
        return
    _replace(tx, household_id, None, household_terms(row["address"], row["phone"]))


def _drop_owners(tx: Tx, where: str, params: tuple[str, ...] = ()) -> None:
    """Delete the keys and the ``search_owner`` rows of the owners ``where`` selects."""
    tx.execute(
        f"DELETE FROM search_term WHERE owner IN (SELECT id FROM search_owner WHERE {where})",
        params,
    )
    tx.execute(f"DELETE FROM search_owner WHERE {where}", params)


def install(store: Store) -> None:
    """Keep ``store``'s search index up to date from now on (idempotent).

    A register with no keys at all is given them first: a terminal that `gridterm sync`
    filled before that command kept the keys (2026-12) had none, and the app would have found
    nobody in it.
    """
    if store in _installed:
        return
    _installed.add(store)

    def create_triggers(tx: Tx) -> None:
        for sql in _TRIGGERS:
            tx.execute(sql)
        never_indexed = tx.one(
            "SELECT 1 AS yes WHERE NOT EXISTS (SELECT 1 FROM search_owner)"
            " AND EXISTS (SELECT 1 FROM household)"
        )
        if never_indexed:
            rebuild(tx)

    store.write(create_triggers)
    store.on_change("household", reindex_household)
    store.on_change("resident", reindex_resident)


def rebuild(tx: Tx, *, households: bool = True, residents: bool = True) -> int:
    """Recompute the keys of every household and/or every resident from their tables;
    returns the rows written.

    For after a bulk load (a first sync, demo data). The tables' indexes are dropped while
    they are filled and made again after: sorting once is several times cheaper than
    inserting hundreds of thousands of keys into them one by one.
    """
    count = 0
    with _indexes_made_after(tx):
        if households:
            _drop_owners(tx, "resident_id IS NULL")
            homes = tx.conn.execute("SELECT id, address, phone FROM household")
            count += _insert_all(tx, homes, _household_chunk)
        if residents:
            _drop_owners(tx, "resident_id IS NOT NULL")
            people = tx.conn.execute(
                "SELECT id, household_id, name, phone, id_number FROM resident"
            )
            count += _insert_all(tx, people, _resident_chunk)
    return count


Chunk = tuple[list[OwnerRow], list[TermRow]]


def _household_chunk(homes: Sequence[Sequence[str]], first: int) -> Chunk:
    owners: list[OwnerRow] = []
    keys: list[TermRow] = []
    for owner, (household_id, address, phone) in enumerate(homes, first):
        owners.append((owner, household_id, None))
        keys += [(term, kind, owner) for kind, term in household_terms(address, phone)]
    return owners, keys


def _resident_chunk(people: Sequence[Sequence[str]], first: int) -> Chunk:
    owners: list[OwnerRow] = []
    keys: list[TermRow] = []
    for owner, (resident_id, household_id, name, phone, id_number) in enumerate(people, first):
        owners.append((owner, household_id, resident_id))
        keys += [(term, kind, owner) for kind, term in resident_terms(name, phone, id_number)]
    return owners, keys


@contextmanager
def _indexes_made_after(tx: Tx) -> Iterator[None]:
    """Drop the indexes of search_term and search_owner for the block and make them again,
    as the schema has them.

    At the end of a ``Tx.bulk`` the households' and then the residents' keys are rebuilt:
    the indexes are made once, after both (the second rebuild finds them dropped already).
    """
    indexes = tx.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
        " AND tbl_name IN ('search_term', 'search_owner') AND sql IS NOT NULL"
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
    tx: Tx, rows: Any, chunk_of: Callable[[Sequence[Sequence[str]], int], Chunk]
) -> int:
    """Give every household or resident the cursor ``rows`` yields an owner and insert its
    keys, ``_REBUILD_CHUNK`` at a time: owner ids are counted here (no lookup per owner), one
    ``executemany`` per chunk and table, never all in memory."""
    count = 0
    first = tx.execute("SELECT ifnull(max(id), 0) + 1 FROM search_owner").fetchone()[0]
    while chunk := rows.fetchmany(_REBUILD_CHUNK):
        owners, keys = chunk_of(chunk, first)
        tx.conn.executemany(OWNER_SQL, owners)
        tx.conn.executemany(INSERT_SQL, keys)
        first += len(owners)
        count += len(keys)
    return count
