"""Reading helpers over the terminal's database."""

from __future__ import annotations

import sqlite3

from gridterm.store.reader import IN_CHUNK, Reader


def test_iter_in_asks_a_long_list_a_chunk_at_a_time_and_misses_none() -> None:
    """More values than one query may carry: every matching row once, ``after`` on each."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, kind TEXT)")
    conn.executemany(
        "INSERT INTO t VALUES (?, ?)", [(f"r{i}", "a" if i % 3 else "b") for i in range(2500)]
    )
    asked: list[int] = []
    conn.set_trace_callback(lambda sql: asked.append(sql.count("'r")))
    wanted = [f"r{i}" for i in range(0, 2500, 2)] + ["missing"]
    rows = list(
        Reader(conn).iter_in("SELECT id FROM t WHERE id IN ({in}) AND kind = ?", wanted, ("a",))
    )
    assert sorted(r["id"] for r in rows) == sorted(f"r{i}" for i in range(0, 2500, 2) if i % 3)
    assert len(asked) == -(-len(wanted) // IN_CHUNK)
    assert max(asked) == IN_CHUNK
    assert list(Reader(conn).iter_in("SELECT id FROM t WHERE id IN ({in})", [])) == []
