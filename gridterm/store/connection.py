"""Opening SQLite connections: SQLCipher by default, plain SQLite only when asked for."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlcipher3

from gridterm.errors import StoreError, WrongPinError

#: Both drivers follow the DB-API; sqlcipher3 mirrors the standard module.
Connection = sqlite3.Connection


def connect(path: Path, key: bytes | None) -> Connection:
    """Open ``path`` in autocommit mode (transactions are explicit), WAL, foreign keys on.

    ``key=None`` opens a plaintext database: a developer option, never the default.
    synchronous=FULL because a flat battery must not lose a committed visit.
    """
    if key is None:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.DatabaseError, sqlcipher3.DatabaseError) as exc:
        conn.close()
        if key is not None:
            raise WrongPinError("store.wrong_key", "the key does not open this database") from exc
        raise StoreError(
            "store.not_a_database", f"{path} is not a GridTerm database (or is encrypted)"
        ) from exc
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn
