"""The encrypted store: keys, PINs, plaintext option, single writer, blobs, drafts."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from gridterm.errors import StoreError, ValidationError, WrongPinError
from gridterm.ids import new_id
from gridterm.services.register import Register
from gridterm.store import Store, keys
from gridterm.store.drafts import Drafts
from gridterm.store.keys import FAST_KDF
from gridterm.store.tx import BULK_CACHE_SIZE
from tests.conftest import PIN

NAME = "欧阳娜娜"


def _all_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())


def test_no_resident_name_in_plaintext_on_disk(territory) -> None:
    hid = territory.household()
    Register(territory.session()).add_resident(hid, name=NAME, gender="female", phone="13812345678")
    path = territory.store.path
    # The WAL and key file count too: everything beside the database must be unreadable.
    assert NAME.encode() not in _all_bytes(path)
    assert b"13812345678" not in _all_bytes(path)
    territory.store.close()
    assert NAME.encode() not in _all_bytes(path)
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"


def test_plaintext_only_when_asked_for(tmp_path: Path) -> None:
    with Store.open_plaintext(tmp_path / "dev.db") as s:
        assert not s.encrypted
    assert (tmp_path / "dev.db").read_bytes()[:16] == b"SQLite format 3\x00"
    with pytest.raises(StoreError) as err:
        Store.create(tmp_path / "dev.db", "w1", PIN, FAST_KDF)
    assert err.value.code == "store.exists"


def test_wrong_pin_and_unknown_worker_get_the_same_error(store: Store) -> None:
    path = store.path
    store.close()
    with pytest.raises(WrongPinError) as wrong:
        Store.unlock(path, "w1", "000000")
    with pytest.raises(WrongPinError) as unknown:
        Store.unlock(path, "nobody", PIN)
    assert str(wrong.value) == str(unknown.value)
    Store.unlock(path, "w1", PIN).close()


def test_several_local_users_unwrap_the_same_key(store: Store) -> None:
    store.write(lambda tx: tx.insert("street_office", {"id": "so", "name": "东湖街道"}))
    store.add_local_user("w2", "97531086", FAST_KDF)
    path = store.path
    store.close()
    assert keys.KeyRing.load(path).worker_ids == ["w1", "w2"]
    with Store.unlock(path, "w2", "97531086") as s:
        assert s.query("SELECT name FROM street_office")[0]["name"] == "东湖街道"


@pytest.mark.parametrize("pin", ["12345", "abcdef", "1234567890123", 123456])
def test_pins_are_six_to_twelve_digits(tmp_path: Path, pin) -> None:
    with pytest.raises(ValidationError):
        Store.create(tmp_path / "x.db", "w1", pin, FAST_KDF)
    assert not (tmp_path / "x.db").exists()


def test_key_rings_of_other_databases_do_not_open_this_one(tmp_path: Path) -> None:
    Store.create(tmp_path / "a.db", "w1", PIN, FAST_KDF).close()
    Store.create(tmp_path / "b.db", "w1", PIN, FAST_KDF).close()
    (tmp_path / "a.db.keys").replace(tmp_path / "b.db.keys")
    with pytest.raises(WrongPinError):
        Store.unlock(tmp_path / "b.db", "w1", PIN)


def test_all_writes_run_on_one_thread(store: Store) -> None:
    seen: set[str] = set()

    def write(tx):
        seen.add(threading.current_thread().name)
        tx.insert("street_office", {"id": new_id(), "name": "x"}, outbox=False)

    threads = [threading.Thread(target=store.write, args=(write,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 1 and next(iter(seen)).startswith("gridterm-writer")


def test_a_failing_write_rolls_back_everything(store: Store) -> None:
    def write(tx):
        tx.insert("street_office", {"id": "so", "name": "东湖街道"})
        raise ValidationError("test.boom", "boom")

    with pytest.raises(ValidationError):
        store.write(write)
    assert store.query("SELECT count(*) n FROM street_office")[0]["n"] == 0
    assert store.query("SELECT count(*) n FROM outbox")[0]["n"] == 0


def test_a_bulk_write_widens_the_page_cache_for_its_block_only(store: Store) -> None:
    def cache(tx) -> int:
        return tx.execute("PRAGMA cache_size").fetchone()[0]

    def write(tx) -> tuple[int, int, int]:
        before = cache(tx)
        with tx.bulk():
            during = cache(tx)
        return before, during, cache(tx)

    before, during, after = store.write(write)
    assert during == BULK_CACHE_SIZE != before
    assert after == before

    def failing(tx):
        with tx.bulk():
            raise ValidationError("test.boom", "boom")

    with pytest.raises(ValidationError):
        store.write(failing)
    assert store.write(cache) == before


def test_indexes_made_after_drops_plain_indexes_for_the_block_and_makes_them_again(
    store: Store,
) -> None:
    schema = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    before = store.query(schema)

    def names(tx) -> set[str]:
        return {r[0] for r in tx.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}

    def write(tx) -> set[str]:
        with tx.indexes_made_after(["household", "resident"]):
            tx.insert("street_office", {"id": "so", "name": "东湖街道"}, outbox=False)
            return names(tx)

    during = store.write(write)
    assert "household_grid" not in during and "resident_household" not in during
    assert "visit_household" in during  # other tables' indexes stay
    assert "sqlite_autoindex_household_1" in during  # the primary key stays
    assert store.query(schema) == before  # made again, as the schema has them

    def failing(tx):
        with tx.indexes_made_after(["household"]):
            raise ValidationError("test.boom", "boom")

    with pytest.raises(ValidationError):
        store.write(failing)
    assert store.query(schema) == before  # rolled back with the transaction


def test_a_bulk_write_makes_its_indexes_again_before_its_listeners_under_its_cache(
    store: Store,
) -> None:
    def index_seen(tx) -> None:
        seen.append(
            (
                tx.one("SELECT name FROM sqlite_master WHERE name = 'household_grid'"),
                tx.execute("PRAGMA cache_size").fetchone()[0],
            )
        )

    seen: list[tuple[object, int]] = []
    store.on_change("household", lambda tx, entity, key: index_seen(tx))

    def write(tx) -> None:
        with tx.bulk(remake_indexes_of=["household"]):
            assert tx.one("SELECT name FROM sqlite_master WHERE name = 'household_grid'") is None
            tx.touched("household", "h1")

    store.write(write)
    # the listener (a search-key rebuild) queries with the index there, and the index was
    # sorted while the wide cache was still in force
    assert seen == [({"name": "household_grid"}, BULK_CACHE_SIZE)]


def test_deleting_leaves_a_tombstone_and_an_outbox_row(store: Store) -> None:
    store.write(
        lambda tx: tx.insert("street_office", {"id": "so", "name": "东湖街道"}, outbox=False)
    )
    store.write(lambda tx: tx.delete("street_office", "so"))
    assert store.query("SELECT entity, entity_id FROM tombstone") == [
        {"entity": "street_office", "entity_id": "so"}
    ]
    assert store.query("SELECT op FROM outbox")[0]["op"] == "delete"


def test_blobs_are_content_addressed_and_stored_once(store: Store) -> None:
    digest = store.blobs.put(b"photo bytes")
    assert store.blobs.put(b"photo bytes") == digest
    assert store.blobs.get(digest) == b"photo bytes"
    assert len(list(store.blobs.root.rglob("*"))) == 2  # one folder, one file


def test_drafts_survive_reopening(store: Store) -> None:
    Drafts(store, "u1").save("d1", "visit", {"notes": "未写完的记录"}, subject_id="h1")
    path = store.path
    store.close()
    with Store.unlock(path, "w1", PIN) as s:
        drafts = Drafts(s, "u1").load("visit")
        assert drafts[0]["payload"] == {"notes": "未写完的记录"}
        assert Drafts(s, "u2").load("visit") == []
        Drafts(s, "u1").discard("d1")
        assert Drafts(s, "u1").load("visit") == []


def test_closing_waits_for_a_read_in_progress_then_refuses_new_ones(tmp_path: Path) -> None:
    """Logging out while a screen still reads on a pool thread: the read finishes intact."""
    store = Store.open_plaintext(tmp_path / "close.db")
    inside, release = threading.Event(), threading.Event()
    result: list[object] = []

    def slow_read(r) -> list[dict]:
        inside.set()
        release.wait(5)
        return list(r.iter("SELECT name FROM sqlite_master"))  # uses the connection after

    reading = threading.Thread(target=lambda: result.append(store.read(slow_read)))
    reading.start()
    assert inside.wait(5)
    closing = threading.Thread(target=store.close)
    closing.start()
    closing.join(0.3)
    assert closing.is_alive()  # held back by the read
    release.set()
    reading.join(5)
    closing.join(5)
    assert not closing.is_alive()
    assert isinstance(result[0], list) and result[0]
    with pytest.raises(StoreError) as err:
        store.read(lambda r: None)
    assert err.value.code == "store.closed"


def test_a_draft_goes_with_the_record_it_became_in_one_transaction(territory) -> None:
    """The save and the draft's discarding commit together: when forgetting the draft fails,
    the save is undone too (and the draft, kept, still holds what was typed)."""
    store, hid = territory.store, territory.household()
    register, drafts = Register(territory.session()), Drafts(store, "user-w1")
    drafts.save("d1", "household", {"notes": "新电话"}, subject_id=hid)
    store.write(
        lambda tx: tx.execute(
            "CREATE TEMP TRIGGER keep_drafts BEFORE DELETE ON draft"
            " BEGIN SELECT RAISE(ABORT, 'kept'); END"
        )
    )
    sent = store.query("SELECT count(*) AS n FROM outbox")[0]["n"]
    with pytest.raises(Exception, match="kept"):  # the database's own error
        drafts.discarded_with("d1", lambda: register.edit_household(hid, notes="新电话"))
    assert register.household(hid).notes == ""
    assert store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == sent
    store.write(lambda tx: tx.execute("DROP TRIGGER keep_drafts"))
    saved = drafts.discarded_with("d1", lambda: register.edit_household(hid, notes="新电话"))
    assert saved.notes == "新电话" and drafts.load("household") == []
