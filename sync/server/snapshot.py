"""A first sync of a large area: every row of the user's partitions in one compressed file.

The file is zstd-compressed NDJSON (one ``{"entity", "id", "row"}`` per line), stored in blob
storage under its digest so any instance can serve it, resumably, with HTTP Range. It is read
in one transaction and comes with a cursor from which pulling continues without a gap: on
PostgreSQL the cursor starts at the snapshot's oldest running transaction, so a change the
snapshot could not see is pulled afterwards (a row it did see may come once more, which is
harmless).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import msgspec
import zstandard
from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.sql import Select

from gridterm.ids import new_id
from gridterm.store import entities
from sync.protocol import SnapshotInfo
from sync.server.auth.scope import Principal
from sync.server.blobs.disk import DiskBlobStorage
from sync.server.blobs.storage import BlobStorage
from sync.server.clock import now_ms
from sync.server.db import changes, schema
from sync.server.db.engine import writing
from sync.server.pull import Cursor

#: Synced tables whose rows carry the grid they belong to.
_BY_GRID = frozenset(
    {
        "grid", "building", "unit", "household", "resident", "premises", "user_grid", "visit",
        "ticket", "ticket_transition", "hazard_inspection", "checklist_answer", "hazard",
        "conflict", "hazard_step",
    }
)  # fmt: skip


#: zstd level of the snapshot file. For 5,000 households (22.6 MB of NDJSON) level 1 makes
#: 2.59 MB in 0.05 s of CPU, level 6 (before) 2.49 MB in 0.27 s: 4 % more to download over a
#: weak link for a fifth of the compressor's time, which a street office waits for.
LEVEL = 1
_encode = msgspec.json.Encoder().encode


def _queries(principal: Principal) -> Iterator[tuple[str, Select[Any]]]:
    # parents before their children, in the order the terminal applies rows: a row whose
    # parent comes later is parked and applied again at the end, which for a street office
    # was nearly every row
    for entity in entities.PULLED:
        yield entity, _query(principal, entity)


def _query(principal: Principal, entity: str) -> Select[Any]:
    table = schema.SYNCED[entity]
    if entity in _BY_GRID:
        column = table.c.id if entity == "grid" else table.c.grid_id
        return _wire(table).where(column.in_(sorted(principal.grid_nums)))
    if entity == "street_office":
        return _wire(table).where(table.c.id.in_(sorted(principal.street_office_nums)))
    if entity == "community":
        return _wire(table).where(table.c.id.in_(sorted(principal.community_nums)))
    if entity == "user":
        return _wire(table).where(
            table.c.community_id.in_(sorted(principal.community_nums))
            | (
                table.c.community_id.is_(None)
                & table.c.street_office_id.in_(sorted(principal.street_office_nums))
            )
        )
    if entity == "check_in":
        return _wire(table).where(table.c.user_id.in_(sorted(principal.user_nums)))
    if entity == "alert_mark":  # the worker's own marks, never a colleague's
        return _wire(table).where(table.c.user_id == principal.user.id)
    if entity == "office_settings":
        return _wire(table).where(
            table.c.street_office_id.in_(sorted(principal.street_office_nums))
        )
    return _wire(table)  # checklist_template: every terminal has them all


def _wire(table: Any) -> Select[Any]:
    return select(*[table.c[n] for n in schema.wire_columns(table)])


def _position(conn: Connection) -> tuple[int, int]:
    bound = changes.horizon(conn)
    if bound is not None:
        return (bound, 0)
    last = conn.execute(select(func.max(schema.change_log.c.seq))).scalar()
    return (0, int(last or 0))


def build(
    engine: Engine, storage: BlobStorage, principal: Principal, instance: str, tmp_dir: str
) -> SnapshotInfo:
    """Write the snapshot file for ``principal``'s area and record it."""
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=tmp_dir, suffix=".snapshot")
    try:
        with engine.connect() as conn:
            # rows stream from a server-side cursor: a street office does not fit in memory
            conn = conn.execution_options(stream_results=True, yield_per=2000)
            if conn.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                at = _position(conn)
                with os.fdopen(fd, "wb") as raw:
                    writer = _HashingWriter(raw, digest)
                    zstd = zstandard.ZstdCompressor(level=LEVEL)
                    sink = zstd.stream_writer(writer, closefd=False)  # type: ignore[arg-type]  # the stub wants IO[bytes]; zstandard calls write and flush only
                    with sink as z:
                        rows = _write_rows(conn, principal, z)
        length = os.path.getsize(tmp)
        sha = digest.hexdigest()
        if storage.has(sha):
            os.unlink(tmp)
        else:
            storage.put_file(Path(tmp), sha)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    cursor = Cursor(instance=instance, at=at, served=principal.partitions()).encode()
    snapshot_id = new_id()
    with writing(engine) as conn:
        if not _blob_known(conn, sha):
            conn.execute(
                insert(schema.blob).values(
                    sha256=sha, length=length, complete=1, created_at=now_ms()
                )
            )
        conn.execute(
            insert(schema.snapshot).values(
                id=snapshot_id,
                user_id=principal.user.id,
                sha256=sha,
                length=length,
                rows=rows,
                cursor=cursor,
                created_at=now_ms(),
            )
        )
    return SnapshotInfo(
        id=snapshot_id,
        sha256=sha,
        length=length,
        rows=rows,
        cursor=cursor,
        url=f"/v1/sync/snapshot/{snapshot_id}",
    )


def _write_rows(conn: Connection, principal: Principal, sink: Any) -> int:
    """Every row of the area as NDJSON lines into ``sink``; returns how many.

    Lines are encoded by msgspec and written a block at a time: ``Row._asdict``, ``json.dumps``
    and a compressor call per row were most of the server's time for a street office.
    """
    rows = 0
    for entity, query in _queries(principal):
        result = conn.execute(query)
        names = tuple(result.keys())
        key = _key_reader(entity, names)
        for block in result.partitions():
            lines = [
                _encode({"entity": entity, "id": key(v), "row": dict(zip(names, v, strict=True))})
                for v in block
            ]
            sink.write(b"\n".join(lines) + b"\n")
            rows += len(lines)
    return rows


def _key_reader(entity: str, names: tuple[str, ...]) -> Callable[[Sequence[Any]], str]:
    """The wire key of a row given as values in ``names``' order (``entities.key_of``)."""
    at = [names.index(c) for c in entities.key_columns(entity)]
    if len(at) == 1:
        only = at[0]
        return lambda values: str(values[only])
    return lambda values: "/".join(str(values[i]) for i in at)


def _blob_known(conn: Connection, sha: str) -> bool:
    b = schema.blob
    return conn.execute(select(b.c.sha256).where(b.c.sha256 == sha)).first() is not None


def scratch_dir(storage: BlobStorage) -> str:
    """Where snapshot files are written before they move into storage (same filesystem)."""
    if isinstance(storage, DiskBlobStorage):
        return str(storage.root / "partial")
    return tempfile.gettempdir()


class _HashingWriter:
    """A file wrapper that hashes what is written through it."""

    def __init__(self, raw: Any, digest: Any) -> None:
        self._raw = raw
        self._digest = digest

    def write(self, data: bytes) -> int:
        """Hash and write."""
        self._digest.update(data)
        return self._raw.write(data)

    def flush(self) -> None:
        """Flush the file."""
        self._raw.flush()
