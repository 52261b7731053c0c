"""Migrations: every released schema upgrades, keeps unsent work, and newer ones are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gridterm.errors import SchemaTooNewError
from gridterm.store import Store, keys
from gridterm.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.core.helpers import (
    FIXTURE_PIN,
    copy_fixture,
    released_versions,
)


def test_every_schema_but_the_newest_has_a_fixture() -> None:
    # A shipped schema without a fixture would go untested when the next migration lands.
    assert set(range(1, SCHEMA_VERSION)) <= set(released_versions())


@pytest.mark.parametrize("version", released_versions())
def test_upgrade_keeps_unsent_outbox_rows(version: int, tmp_path: Path) -> None:
    path = copy_fixture(version, tmp_path)
    with Store.unlock(path, "w1", FIXTURE_PIN) as store:
        assert store.query("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
        pending = store.query("SELECT entity, entity_id, state FROM outbox ORDER BY seq")
        assert pending == [
            {"entity": "visit", "entity_id": "v1", "state": "pending"},
            {"entity": "ticket", "entity_id": "t1", "state": "pending"},
        ]
        assert store.query("SELECT title FROM ticket")[0]["title"] == "楼道灯坏了"
        names = {r["name"] for r in store.query("SELECT name FROM _sqlite_migrations")}
        assert names == {name for name, _ in MIGRATIONS}
        if version < SCHEMA_VERSION:
            backup = store.migration_backup
            assert backup is not None and backup.exists()
    if version < SCHEMA_VERSION:
        # The backup is the old database, still encrypted, still opening with the same key.
        with Store.unlock(_as_db(backup, path, tmp_path), "w1", FIXTURE_PIN) as old:
            assert old.query("SELECT count(*) n FROM outbox")[0]["n"] == 2


def _as_db(backup: Path, original: Path, tmp_path: Path) -> Path:
    restored = tmp_path / "restored" / "old.db"
    restored.parent.mkdir()
    shutil.copy(backup, restored)
    shutil.copy(keys.keyfile_path(original), keys.keyfile_path(restored))
    return restored


def test_a_new_database_gets_the_current_schema(store: Store) -> None:
    assert store.query("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
    assert store.migration_backup is None


def test_a_database_from_a_newer_app_is_refused_untouched(store: Store, tmp_path: Path) -> None:
    store.write(
        lambda tx: tx.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('gridterm', '9999_from_the_future', 'later')"
        )
    )
    path = store.path
    store.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError) as err:
        Store.unlock(path, "w1", "246810")
    assert err.value.params["migration"] == "9999_from_the_future"
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak"))


def test_a_failing_migration_rolls_back_and_leaves_the_version(tmp_path: Path, monkeypatch):
    path = copy_fixture(1, tmp_path)
    from gridterm.store import migrations as m

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk full")

    monkeypatch.setattr(m.migrations._migrations[1], "fn", broken)
    with pytest.raises(RuntimeError):
        Store.unlock(path, "w1", FIXTURE_PIN)
    monkeypatch.undo()
    with Store.unlock(path, "w1", FIXTURE_PIN) as store:
        tables = {r["name"] for r in store.query("SELECT name FROM sqlite_master")}
        assert "half_done" not in tables and "draft" in tables


def test_unsent_rows_get_their_author_where_the_record_names_one(tmp_path: Path) -> None:
    # Schema 7: a shared terminal counts each worker's own unsent work.
    with Store.unlock(copy_fixture(6, tmp_path), "w1", FIXTURE_PIN) as store:
        rows = store.query("SELECT entity, author FROM outbox ORDER BY seq")
    assert rows == [{"entity": "visit", "author": "u-w1"}, {"entity": "ticket", "author": "u-w1"}]
