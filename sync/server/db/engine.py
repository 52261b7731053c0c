"""Opening the database: SQLite (the default, one file) or PostgreSQL, with the same code.

Threading contract: the engine is shared by the request threads; each request takes its own
connection for one transaction (``writing``/``reading``) and returns it to the pool.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from sync.server.db.checkpoint import SAFETY_PAGES, checkpointer

#: Execution option telling the SQLite begin hook to take the write lock at once.
_WRITE = "gridterm_write"
#: How long a writer waits for the database: SQLite's busy timeout, and the writer lock's.
_BUSY_S = 30
#: One lock per SQLite file for this process's writers (see ``_writer_lock``).
_writers: dict[str, threading.RLock] = {}
_writers_guard = threading.Lock()


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` (psycopg 3 driver), ``sqlite:///path`` or a bare file path."""
    if "://" not in url:
        return f"sqlite:///{Path(url).resolve()}"
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return str(parsed.set(drivername="postgresql+psycopg").render_as_string(False))
    return url


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and explicit write locks."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            # the statement cache holds the bulk inserts' few sizes per table (db.bulk)
            connect_args={
                "check_same_thread": False,
                "timeout": _BUSY_S,
                "cached_statements": 512,
            },
            pool_size=pool_size,
            max_overflow=pool_size,
        )
        _sqlite_hooks(engine)
        return engine
    return create_engine(
        url, pool_size=pool_size, max_overflow=pool_size * 2, pool_pre_ping=True, pool_timeout=30
    )


def _sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi: sqlite3.Connection, _record: object) -> None:
        dbapi.isolation_level = None  # transactions are begun below, explicitly
        dbapi.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed batch was acknowledged to a terminal, it must survive a power cut
        dbapi.execute("PRAGMA synchronous = FULL")
        dbapi.execute("PRAGMA foreign_keys = ON")
        dbapi.execute(f"PRAGMA busy_timeout = {_BUSY_S * 1000}")
        dbapi.execute("PRAGMA cache_size = -65536")  # 64 MiB: indexes stay in memory
        dbapi.execute("PRAGMA temp_store = MEMORY")
        # checkpoints run beside the writers (``checkpoint``); this only bounds the log
        dbapi.execute(f"PRAGMA wal_autocheckpoint = {SAFETY_PAGES}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # IMMEDIATE takes the write lock up front: two deferred writers upgrading at once
        # would make one fail with SQLITE_BUSY instead of waiting.
        mode = "IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


def is_postgres(engine: Engine | Connection) -> bool:
    """True on PostgreSQL."""
    return engine.dialect.name == "postgresql"


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed when the block ends, rolled back on an error."""
    with engine.connect() as conn, writing_on(conn):
        yield conn


@contextmanager
def writing_on(conn: Connection) -> Iterator[Connection]:
    """One write transaction on a connection already checked out (``writing``'s, on SQLite
    with the write lock taken at once): committed when the block ends, rolled back on an
    error."""
    with _writer_lock(conn), conn.execution_options(**{_WRITE: True}).begin():
        yield conn


@contextmanager
def _writer_lock(conn: Connection) -> Iterator[None]:
    """On SQLite, this process's writers of one file take turns on a lock before ``BEGIN
    IMMEDIATE``: the next one starts the moment the last commits. SQLite alone makes a writer
    that finds the file locked sleep and look again (1, 2, 5, 10… ms apart), which left the
    database idle for several milliseconds between two pushes. Writers in other processes
    still meet SQLite's own busy timeout. Re-entrant, so a write opened inside another on
    the same thread fails as before (SQLite's timeout), rather than waiting on itself."""
    if conn.dialect.name != "sqlite":
        yield
        return
    path = str(conn.engine.url.database)
    with _writers_guard:
        lock = _writers.setdefault(path, threading.RLock())
    if not lock.acquire(timeout=_BUSY_S):
        raise OperationalError("BEGIN IMMEDIATE", None, sqlite3.OperationalError("locked"))
    try:
        yield
    finally:
        lock.release()
        if path and path != ":memory:":
            checkpointer(path).committed()


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read transaction (a consistent view on SQLite)."""
    with engine.connect() as conn, conn.begin():
        yield conn
