"""The upload protocol: create (sha256, length) → append chunks at an offset → ask the offset.

An upload in progress belongs to the device that announced it (``blob_upload``): its bytes are
that device's own part in storage, so another device that knows or guesses the digest can
neither append to it nor learn its offset (issue 16). Two devices uploading the same photo each
fill their own part; the first complete one whose SHA-256 matches becomes the blob (a ``blob``
row), and every other is then answered complete. A blob the server already has is answered
complete at once (deduplication, guarantee 5).
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from sync.protocol import BlobStatus
from sync.server.blobs.storage import BlobStorage, OffsetMismatch
from sync.server.clock import now_ms
from sync.server.db import schema
from sync.server.db.engine import reading, writing
from sync.server.errors import ApiError, not_found

_b = schema.blob
_u = schema.blob_upload


def _held_length(conn: Connection, storage: BlobStorage, sha256: str) -> int | None:
    """The length of the blob the server holds under ``sha256``, None while it holds none."""
    row = conn.execute(select(_b.c.length).where(_b.c.sha256 == sha256)).first()
    if row is None or not storage.has(sha256):
        return None
    return int(row.length)


def _done(sha256: str, length: int) -> BlobStatus:
    return BlobStatus(sha256=sha256, length=length, offset=length, complete=True)


def create(
    engine: Engine, storage: BlobStorage, sha256: str, length: int, device_id: str
) -> BlobStatus:
    """Announce ``device_id``'s upload; returns where it stands (complete when the blob is
    stored). Announcing again with another length starts this device's upload over."""
    with writing(engine) as conn:
        held = _held_length(conn, storage, sha256)
        if held is None and storage.has(sha256):  # stored without a row (a restored folder)
            conn.execute(
                insert(_b).values(
                    sha256=sha256,
                    length=length,
                    complete=1,
                    created_at=now_ms(),
                    device_id=device_id,
                )
            )
            held = length
        if held is not None:
            if held != length:
                raise ApiError(409, "blob.length_mismatch", f"this blob is {held} bytes long")
            _forget(conn, storage, sha256, device_id)
            return _done(sha256, length)
        mine = _upload(conn, sha256, device_id)
        if mine is None:
            conn.execute(
                insert(_u).values(
                    sha256=sha256, device_id=device_id, length=length, created_at=now_ms()
                )
            )
        elif mine != length:
            storage.discard(sha256, device_id)
            conn.execute(
                update(_u)
                .where(_u.c.sha256 == sha256, _u.c.device_id == device_id)
                .values(length=length)
            )
    offset = storage.received(sha256, device_id)
    return BlobStatus(sha256=sha256, length=length, offset=offset, complete=False)


def _upload(conn: Connection, sha256: str, device_id: str) -> int | None:
    """The length ``device_id`` announced for its upload of ``sha256``, None if none."""
    row = conn.execute(
        select(_u.c.length).where(_u.c.sha256 == sha256, _u.c.device_id == device_id)
    ).first()
    return None if row is None else int(row.length)


def _forget(conn: Connection, storage: BlobStorage, sha256: str, device_id: str) -> None:
    """Drop ``device_id``'s upload of a blob the server now holds (another part won)."""
    gone = conn.execute(delete(_u).where(_u.c.sha256 == sha256, _u.c.device_id == device_id))
    if gone.rowcount:
        storage.discard(sha256, device_id)


def status(engine: Engine, storage: BlobStorage, sha256: str, device_id: str) -> BlobStatus:
    """Where ``device_id``'s upload stands (complete once the blob is held, whoever sent it);
    404 if this device never announced it: another device's upload is not its business."""
    with reading(engine) as conn:
        held = _held_length(conn, storage, sha256)
        mine = None if held is not None else _upload(conn, sha256, device_id)
    if held is not None:
        return _done(sha256, held)
    if mine is None:
        raise not_found("blob.unknown", "no such upload from this device: create it first")
    offset = storage.received(sha256, device_id)
    return BlobStatus(sha256=sha256, length=mine, offset=offset, complete=False)


def append(
    engine: Engine, storage: BlobStorage, sha256: str, device_id: str, offset: int, data: bytes
) -> BlobStatus:
    """Append one chunk to ``device_id``'s part; verifies the digest when the last byte
    arrives, and the first verified part becomes the blob."""
    current = status(engine, storage, sha256, device_id)
    if current.complete:
        with writing(engine) as conn:
            _forget(conn, storage, sha256, device_id)
        return current
    if offset + len(data) > current.length:
        raise ApiError(
            400, "blob.past_length", f"the blob is {current.length} bytes long", field="offset"
        )
    try:
        reached = storage.append(sha256, device_id, offset, data)
    except OffsetMismatch as exc:
        raise ApiError(
            409,
            "blob.offset_mismatch",
            f"the upload is at byte {exc.offset}",
            headers={"Upload-Offset": str(exc.offset)},
        ) from None
    if reached < current.length:
        return BlobStatus(sha256=sha256, length=current.length, offset=reached, complete=False)
    if not storage.finish(sha256, device_id):
        raise ApiError(
            422, "blob.hash_mismatch", "the bytes do not match the SHA-256; upload again"
        )
    _record(engine, sha256, device_id, current.length)
    return _done(sha256, current.length)


def _record(engine: Engine, sha256: str, device_id: str, length: int) -> None:
    """The blob is held, made by ``device_id``'s upload (unless another part won meanwhile)."""
    now = now_ms()
    try:
        with writing(engine) as conn:
            conn.execute(delete(_u).where(_u.c.sha256 == sha256, _u.c.device_id == device_id))
            conn.execute(
                insert(_b).values(
                    sha256=sha256,
                    length=length,
                    complete=1,
                    created_at=now,
                    completed_at=now,
                    device_id=device_id,
                )
            )
    except IntegrityError:  # another device's verified part landed first: the same bytes
        with writing(engine) as conn:
            conn.execute(delete(_u).where(_u.c.sha256 == sha256, _u.c.device_id == device_id))
