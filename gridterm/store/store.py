"""The terminal's local store: one encrypted SQLite file, one writer thread, many readers.

Threading contract: every write runs on the store's single writer thread, in one transaction
(``write``/``submit``); reads run on the caller's thread with a connection of its own
(``read``). Nothing here blocks on the network.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from gridterm.errors import StoreError
from gridterm.store import keys
from gridterm.store.blobs import BlobStore
from gridterm.store.connection import Connection, connect
from gridterm.store.migrations import migrate
from gridterm.store.reader import Reader
from gridterm.store.sealed import key_for_files
from gridterm.store.tx import ChangeListener, Tx

T = TypeVar("T")
#: How long closing waits for reads still running on other threads.
CLOSE_WAIT_S = 10.0


class Store:
    """An open terminal database. Use ``Store.create``/``Store.unlock``/``Store.open_plaintext``."""

    def __init__(self, path: Path, key: bytes | None):
        self.path = path
        self._key = key
        self._writer_conn = connect(path, key)
        self.migration_backup = migrate(sqlite_utils.Database(self._writer_conn), path)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gridterm-writer")
        self._writer_thread: threading.Thread | None = None
        self._listeners: dict[str, list[ChangeListener]] = defaultdict(list)
        self._local = threading.local()
        self._readers: list[Connection] = []
        self._readers_lock = threading.Lock()
        # reads in progress on any thread; close() waits for them (see close)
        self._reading = 0
        self._no_reads = threading.Condition(self._readers_lock)
        files_key = key_for_files(key) if key is not None else None
        self.blobs = BlobStore(path.with_name(path.name + ".blobs"), files_key)
        #: photos an older version left in plaintext, sealed now (at every open: cheap when
        #: there are none, and a file copied in by hand is sealed too)
        self.blobs_sealed = self.blobs.seal_plaintext()
        #: the files' key, for the other files kept at rest (downloads in progress)
        self.files_key = files_key
        self._closed = False
        #: The user (id) whose work the writes are: set at login (``Session.login``); each
        #: outbox row carries it so a shared terminal counts each worker's own.
        self.author: str | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path | str, worker_id: str, pin: str, kdf: keys.KdfParams = keys.DEFAULT_KDF
    ) -> Store:
        """Create a new encrypted database whose key ``worker_id`` unlocks with ``pin``."""
        path = Path(path)
        if path.exists() or keys.keyfile_path(path).exists():
            raise StoreError("store.exists", f"{path} exists already")
        keys.validate_pin(pin)
        key = keys.new_database_key()
        path.parent.mkdir(parents=True, exist_ok=True)
        store = cls(path, key)
        try:
            keys.KeyRing.load(path).add(worker_id, pin, key, kdf)
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def unlock(cls, path: Path | str, worker_id: str, pin: str) -> Store:
        """Open an encrypted database with a local user's PIN (the offline login)."""
        path = Path(path)
        if not path.exists():
            raise StoreError("store.missing", f"{path} does not exist")
        key = keys.KeyRing.load(path).unwrap(worker_id, pin)
        return cls(path, key)

    @classmethod
    def open_plaintext(cls, path: Path | str) -> Store:
        """Developer option: an unencrypted database. Never used by the app by default."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return cls(path, None)

    @property
    def encrypted(self) -> bool:
        """Whether the file is encrypted at rest."""
        return self._key is not None

    def add_local_user(
        self, worker_id: str, pin: str, kdf: keys.KdfParams = keys.DEFAULT_KDF
    ) -> None:
        """Let another worker unlock this database with their own PIN."""
        if self._key is None:
            raise StoreError("store.plaintext", "a plaintext database has no key to share")
        keys.KeyRing.load(self.path).add(worker_id, pin, self._key, kdf)

    # -- writing ---------------------------------------------------------------------------

    def on_change(self, entity: str, listener: ChangeListener) -> None:
        """Call ``listener(tx, entity, id)`` inside the transaction whenever ``entity`` changes."""
        self._listeners[entity].append(listener)

    def submit(self, fn: Callable[[Tx], T]) -> Future[T]:
        """Run ``fn`` in one transaction on the writer thread; returns at once with a Future."""
        if self._closed:
            raise StoreError("store.closed", "the store is closed")
        return self._executor.submit(self._run_write, fn)

    def write(self, fn: Callable[[Tx], T]) -> T:
        """Run ``fn`` in one transaction on the writer thread and wait for its result."""
        if threading.current_thread() is self._writer_thread:
            return self._run_write(fn)  # already on the writer: nest as a savepoint
        return self.submit(fn).result()

    def _run_write(self, fn: Callable[[Tx], T]) -> T:
        self._writer_thread = threading.current_thread()
        db = sqlite_utils.Database(self._writer_conn)
        with db.atomic():
            return fn(Tx(self._writer_conn, self._listeners, self.author))

    # -- reading ---------------------------------------------------------------------------

    def read(self, fn: Callable[[Reader], T]) -> T:
        """Run ``fn`` with this thread's read connection (a consistent snapshot per call)."""
        with self._no_reads:
            if self._closed:
                raise StoreError("store.closed", "the store is closed")
            self._reading += 1
        try:
            conn = getattr(self._local, "conn", None)
            if conn is None:
                conn = connect(self.path, self._key)
                conn.execute("PRAGMA query_only = ON")
                self._local.conn = conn
                with self._readers_lock:
                    self._readers.append(conn)
            reader = Reader(conn)
            conn.execute("BEGIN")
            try:
                return fn(reader)
            finally:
                conn.execute("COMMIT")
        finally:
            with self._no_reads:
                self._reading -= 1
                self._no_reads.notify_all()

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """Shortcut: all rows of one query as dicts."""
        return self.read(lambda r: r.all(sql, params))

    # -- closing ---------------------------------------------------------------------------

    def close(self) -> None:
        """Finish pending writes and close every connection."""
        if self._closed:
            return
        with self._no_reads:
            self._closed = True
        self._executor.shutdown(wait=True)
        with self._no_reads:
            # A screen's read may still be running on a pool thread when the worker logs out:
            # closing its connection under it would fail the read half-way (or worse).
            self._no_reads.wait_for(lambda: self._reading == 0, timeout=CLOSE_WAIT_S)
            for conn in self._readers:
                conn.close()
            self._readers.clear()
        self._writer_conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
