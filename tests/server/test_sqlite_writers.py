"""The server's writers on one SQLite file: they take turns in the process instead of meeting
SQLite's busy timeout, and the write-ahead log is checkpointed beside them, not by a commit."""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, text

from sync.server.db import checkpoint
from sync.server.db.engine import make_engine, writing


def _engine(path: Path) -> Engine:
    engine = make_engine(str(path), pool_size=2)
    with writing(engine) as conn:
        conn.execute(text("CREATE TABLE note (n INTEGER, body TEXT)"))
    return engine


def _no_busy_wait(engine: Engine) -> None:
    """SQLite gives up at once when the file is locked (after the engine's own settings)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi: sqlite3.Connection, _record: object) -> None:
        dbapi.execute("PRAGMA busy_timeout = 0")

    engine.dispose()


def test_a_second_writer_waits_its_turn_in_the_process(tmp_path):
    # SQLite alone would refuse the second BEGIN IMMEDIATE ("database is locked") with no busy
    # wait, or make it sleep and poll with one; in the process it waits for the first to end
    engine = _engine(tmp_path / "server.db")
    _no_busy_wait(engine)
    holding, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        with writing(engine) as conn:
            conn.execute(text("INSERT INTO note VALUES (1, 'first')"))
            holding.set()
            release.wait(10)

    def second() -> None:
        try:
            with writing(engine) as conn:
                conn.execute(text("INSERT INTO note VALUES (2, 'second')"))
        except BaseException as exc:  # reported below, on the test thread
            errors.append(exc)

    a = threading.Thread(target=first)
    a.start()
    assert holding.wait(10)
    b = threading.Thread(target=second)
    b.start()
    time.sleep(0.2)
    assert b.is_alive(), "the second writer did not wait for the first"
    release.set()
    a.join(10)
    b.join(10)
    assert errors == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM note ORDER BY n")).scalars().all() == [1, 2]
    engine.dispose()


def test_a_failed_write_lets_the_next_one_in(tmp_path):
    engine = _engine(tmp_path / "server.db")
    with pytest.raises(RuntimeError), writing(engine) as conn:
        conn.execute(text("INSERT INTO note VALUES (1, 'rolled back')"))
        raise RuntimeError("the action failed")
    done = threading.Event()

    def write() -> None:
        with writing(engine) as conn:
            conn.execute(text("INSERT INTO note VALUES (2, 'kept')"))
        done.set()

    threading.Thread(target=write).start()
    assert done.wait(5), "the lock was kept after a rollback"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM note")).scalars().all() == [2]
    engine.dispose()


def _frames(path: Path) -> tuple[int, int]:
    """(frames in the log, frames of it already copied into the database), read from the
    wal-index without touching the database (https://sqlite.org/walformat.html: the header's
    ``mxFrame`` at byte 16, the checkpoint information's ``nBackfill`` at byte 96, both
    32-bit in the machine's byte order)."""
    head = Path(f"{path}-shm").read_bytes()[:100]
    return int.from_bytes(head[16:20], sys.byteorder), int.from_bytes(head[96:100], sys.byteorder)


def test_the_log_is_checkpointed_beside_the_writers(tmp_path, monkeypatch):
    monkeypatch.setattr(checkpoint, "GATHER_S", 0.01)
    path = tmp_path / "server.db"
    engine = _engine(path)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == checkpoint.SAFETY_PAGES
    for i in range(20):  # a few pages each, far below any automatic checkpoint
        with writing(engine) as conn:
            conn.execute(text("INSERT INTO note VALUES (:n, :b)"), {"n": i, "b": "x" * 3000})
    deadline = time.monotonic() + 5
    while True:
        log, copied = _frames(path)
        if log > 0 and copied == log:
            break
        assert time.monotonic() < deadline, f"the log was not checkpointed ({copied}/{log})"
        time.sleep(0.02)
    engine.dispose()


def test_a_quiet_database_keeps_no_checkpointer(tmp_path, monkeypatch):
    monkeypatch.setattr(checkpoint, "GATHER_S", 0.01)
    monkeypatch.setattr(checkpoint, "IDLE_S", 0.05)
    path = tmp_path / "server.db"
    engine = _engine(path)
    with writing(engine) as conn:
        conn.execute(text("INSERT INTO note VALUES (1, 'x')"))
    keeper = checkpoint.checkpointer(str(path))
    deadline = time.monotonic() + 5
    while keeper._thread is not None:
        assert time.monotonic() < deadline, "the checkpointer outlived the quiet"
        time.sleep(0.02)
    with writing(engine) as conn:  # the next write starts it again
        conn.execute(text("INSERT INTO note VALUES (2, 'y')"))
    assert keeper._thread is not None
    engine.dispose()
