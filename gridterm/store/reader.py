"""Read helpers over one connection: rows come back as plain dicts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a type only: the server reads its rows through this without SQLCipher
    from gridterm.store.connection import Connection

#: Values one ``iter_in`` query asks for at a time, well under SQLite's parameter limit.
IN_CHUNK = 500


class Reader:
    """Queries on a read connection inside one snapshot."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def iter(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Rows of ``sql`` as dicts, lazily."""
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        for row in cur:
            yield dict(zip(names, row, strict=True))

    def iter_in(
        self, sql: str, values: Sequence[Any], after: Sequence[Any] = ()
    ) -> Iterator[dict[str, Any]]:
        """Rows of ``sql`` for each of ``values``, asked ``IN_CHUNK`` at a time: ``{in}`` in
        ``sql`` stands for a chunk's placeholders, ``after`` for the parameters after them."""
        for start in range(0, len(values), IN_CHUNK):
            chunk = tuple(values[start : start + IN_CHUNK])
            yield from self.iter(sql.replace("{in}", ",".join("?" * len(chunk))), (*chunk, *after))

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """All rows of ``sql`` as dicts."""
        return list(self.iter(sql, params))

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        """The first row of ``sql``, or None."""
        return next(self.iter(sql, params), None)

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]
