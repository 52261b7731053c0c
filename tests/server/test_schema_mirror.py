"""Every synced table of the catalog is the same on the terminal and on the server.

The server's schema (sync/server/db/schema.py) mirrors the terminal's migrated database column
for column, so a pulled row is inserted on the terminal as it is; these tests hold it to that,
for each kind of record the catalog (gridterm/store/entities.py) declares.
"""

from __future__ import annotations

import pytest

from gridterm.store import Store, entities
from sync.protocol import PUSHABLE_ENTITIES
from sync.server.db import schema
from sync.server.push.handlers import HANDLERS


@pytest.fixture(scope="module")
def terminal(tmp_path_factory: pytest.TempPathFactory):
    store = Store.open_plaintext(tmp_path_factory.mktemp("mirror") / "terminal.db")
    yield store
    store.close()


def _terminal_columns(store: Store, table: str) -> list[tuple[str, bool, int]]:
    """(name, not null, position in the primary key) of each column of a terminal table."""
    info = store.query(f"PRAGMA table_info({table})")
    return sorted((c["name"], bool(c["notnull"] or c["pk"]), c["pk"]) for c in info)


def _server_columns(table: str) -> list[tuple[str, bool, int]]:
    t = schema.SYNCED[table]
    keys = [c.name for c in t.primary_key.columns]
    return sorted(
        (c.name, not c.nullable, keys.index(c.name) + 1 if c.name in keys else 0)
        for c in t.columns
        if not c.info.get("server")
    )


def test_the_server_holds_a_table_for_each_pulled_record_and_no_other() -> None:
    assert set(schema.SYNCED) == set(entities.PULLED)


@pytest.mark.parametrize("name", entities.MIRRORED)
def test_a_pulled_table_matches_column_for_column(terminal: Store, name: str) -> None:
    """Same columns, the same ones required, the same primary key, the catalog's key."""
    here = _terminal_columns(terminal, name)
    assert here, f"the terminal has no table {name}"
    assert here == _server_columns(name)
    key = tuple(c for c, _, pk in sorted(here, key=lambda c: c[2]) if pk)
    assert key == entities.entity(name).key


@pytest.mark.parametrize("name", sorted(entities.PUSHED))
def test_a_pushed_record_has_a_table_a_key_and_a_handler(terminal: Store, name: str) -> None:
    if entities.entity(name).op_only:  # an op naming other records (a resolution)
        assert name in HANDLERS
        return
    here = _terminal_columns(terminal, name)
    key = tuple(c for c, _, pk in sorted(here, key=lambda c: c[2]) if pk)
    assert key == entities.entity(name).key
    assert name in HANDLERS


def test_what_terminals_may_push_is_what_the_catalog_says() -> None:
    assert frozenset(entities.PUSHED) == PUSHABLE_ENTITIES == frozenset(HANDLERS)


def test_the_order_puts_parents_before_children(terminal: Store) -> None:
    """Every foreign key of a synced table names a table earlier in the catalog (or itself)."""
    for name in entities.ORDER:
        for fk in terminal.query(f"PRAGMA foreign_key_list({name})"):
            parent = fk["table"]
            assert entities.rank(parent) <= entities.rank(name), (name, parent)


@pytest.mark.parametrize("name", sorted(set(entities.PULLED) - set(entities.MIRRORED)))
def test_a_record_kept_in_a_table_of_its_own_shape_has_that_table(terminal, name) -> None:
    """A conflict: the terminal keeps the server's record, and its own foreseen ones, in
    sync_conflict (sync/client/conflicts.py)."""
    table = entities.entity(name).local_table
    assert table and _terminal_columns(terminal, table)
