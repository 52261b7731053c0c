"""Photos, signatures and downloads in progress are sealed on the terminal (issue 16, item 7):
content-addressed still, readable by range for resumable uploads, tamper-evident, and files an
older version left in plaintext are sealed when the database is opened."""

from __future__ import annotations

import hashlib
import os

import pytest

from gridterm.errors import StoreError
from gridterm.store import Store
from gridterm.store.sealed import BLOB_MAGIC, CHUNK
from tests.conftest import PIN
from tests.security.scan import found_in, markers

JPEG = b"\xff\xd8\xff\xe0" + b"JFIF" + os.urandom(3 * CHUNK + 123) + "王秀英".encode()


def _files(store: Store) -> list:
    return [p for p in store.blobs.root.rglob("*") if p.is_file()]


def test_a_photo_is_sealed_on_disk_and_read_back_whole_or_by_range(store):
    digest = store.blobs.put(JPEG)
    assert digest == hashlib.sha256(JPEG).hexdigest()  # still named by its content
    (path,) = _files(store)
    raw = path.read_bytes()
    assert raw.startswith(BLOB_MAGIC) and found_in(raw, (b"JFIF", *markers("王秀英"))) == ()
    assert store.blobs.get(digest) == JPEG
    for offset, length in ((0, 10), (CHUNK - 5, 10), (2 * CHUNK, CHUNK + 7), (len(JPEG) - 3, 99)):
        assert store.blobs.read(digest, offset, length) == JPEG[offset : offset + length]


def test_a_changed_byte_is_noticed(store):
    digest = store.blobs.put(JPEG)
    path = store.blobs.path_of(digest)
    raw = bytearray(path.read_bytes())
    raw[CHUNK + 40] ^= 1
    path.write_bytes(bytes(raw))
    with pytest.raises(StoreError) as info:
        store.blobs.get(digest)
    assert info.value.code == "store.file_damaged"


def test_plaintext_files_of_an_older_version_are_sealed_at_open(tmp_path):
    db = tmp_path / "gridterm.db"
    Store.create(db, "w1", PIN).close()
    digest = hashlib.sha256(JPEG).hexdigest()
    old = db.with_name(db.name + ".blobs") / digest[:2] / digest
    old.parent.mkdir(parents=True)
    old.write_bytes(JPEG)  # as a version before this one stored it
    part = db.with_name(db.name + ".blobs.partial") / digest
    part.parent.mkdir(parents=True)
    part.write_bytes(JPEG[:1000])
    store = Store.unlock(db, "w1", PIN)
    try:
        assert store.blobs_sealed == 2
        assert old.read_bytes().startswith(BLOB_MAGIC)
        assert not part.exists()  # a plaintext part is dropped: it comes again, sealed
        assert store.blobs.get(digest) == JPEG
    finally:
        store.close()


def test_a_download_in_progress_is_sealed_and_survives_a_cut_record(store):
    digest = hashlib.sha256(JPEG).hexdigest()
    part = store.blobs.partial(digest)
    with part.append() as w:
        for i in range(0, 50_000, 8192):
            w.write(JPEG[i : min(i + 8192, 50_000)])
    assert part.size() == 50_000 and b"JFIF" not in part.path.read_bytes()
    with part.path.open("ab") as f:
        f.write(b"\0" * 30)  # a record cut by a flat battery
    assert part.size() == 50_000
    with part.append() as w:
        w.write(JPEG[50_000:])
    assert part.sha256() == digest
    store.blobs.adopt(digest, part)
    assert store.blobs.get(digest) == JPEG and not part.exists()


def test_a_developer_plaintext_store_keeps_plaintext(tmp_path):
    store = Store.open_plaintext(tmp_path / "dev.db")
    try:
        digest = store.blobs.put(JPEG)
        assert store.blobs.path_of(digest).read_bytes() == JPEG
    finally:
        store.close()
