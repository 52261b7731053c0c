"""The upload protocol: create (sha256, length) → append chunks at an offset → ask the offset.

The blob table says which uploads exist and which are complete; the bytes are in storage. A
blob the server already has is answered complete at once (deduplication, guarantee 5).
"""

from __future__ import annotations

from sqlalchemy import Engine, insert, select, update

from sync.protocol import BlobStatus
from sync.server.blobs.storage import BlobStorage, OffsetMismatch
from sync.server.clock import now_ms
from sync.server.db import schema
from sync.server.db.engine import reading, writing
from sync.server.errors import ApiError, not_found


def create(
    engine: Engine, storage: BlobStorage, sha256: str, length: int, device_id: str | None = None
) -> BlobStatus:
    """Announce an upload; returns where it stands (complete when already stored). The first
    device to announce a digest is its uploader (it may download it: ``access``)."""
    b = schema.blob
    with writing(engine) as conn:
        row = conn.execute(select(b).where(b.c.sha256 == sha256)).first()
        if row is not None and row.length != length:
            raise ApiError(409, "blob.length_mismatch", f"this blob is {row.length} bytes long")
        if storage.has(sha256):
            if row is None:
                conn.execute(
                    insert(b).values(
                        sha256=sha256,
                        length=length,
                        complete=1,
                        created_at=now_ms(),
                        device_id=device_id,
                    )
                )
            return BlobStatus(sha256=sha256, length=length, offset=length, complete=True)
        if row is None:
            conn.execute(
                insert(b).values(
                    sha256=sha256, length=length, created_at=now_ms(), device_id=device_id
                )
            )
    return BlobStatus(sha256=sha256, length=length, offset=storage.received(sha256), complete=False)


def status(engine: Engine, storage: BlobStorage, sha256: str) -> BlobStatus:
    """Where an upload stands; 404 if it was never created."""
    b = schema.blob
    with reading(engine) as conn:
        row = conn.execute(select(b).where(b.c.sha256 == sha256)).first()
    if row is None:
        raise not_found("blob.unknown", "no such upload: create it first")
    if storage.has(sha256):
        return BlobStatus(sha256=sha256, length=row.length, offset=row.length, complete=True)
    return BlobStatus(
        sha256=sha256, length=row.length, offset=storage.received(sha256), complete=False
    )


def append(
    engine: Engine, storage: BlobStorage, sha256: str, offset: int, data: bytes
) -> BlobStatus:
    """Append one chunk; verifies the digest when the last byte arrives."""
    current = status(engine, storage, sha256)
    if current.complete:
        return current
    if offset + len(data) > current.length:
        raise ApiError(
            400, "blob.past_length", f"the blob is {current.length} bytes long", field="offset"
        )
    try:
        reached = storage.append(sha256, offset, data)
    except OffsetMismatch as exc:
        raise ApiError(
            409,
            "blob.offset_mismatch",
            f"the upload is at byte {exc.offset}",
            headers={"Upload-Offset": str(exc.offset)},
        ) from None
    if reached < current.length:
        return BlobStatus(sha256=sha256, length=current.length, offset=reached, complete=False)
    if not storage.finish(sha256):
        raise ApiError(
            422, "blob.hash_mismatch", "the bytes do not match the SHA-256; upload again"
        )
    b = schema.blob
    with writing(engine) as conn:
        conn.execute(
            update(b).where(b.c.sha256 == sha256).values(complete=1, completed_at=now_ms())
        )
    return BlobStatus(sha256=sha256, length=current.length, offset=current.length, complete=True)
