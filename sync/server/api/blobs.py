"""Resumable, content-addressed uploads: POST (create) → PATCH (append at offset) → HEAD."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from sync.protocol import (
    HEADER_UPLOAD_LENGTH,
    HEADER_UPLOAD_OFFSET,
    MAX_BLOB_CHUNK_BYTES,
    BlobCreate,
    BlobStatus,
)
from sync.server.api.body import read_limited
from sync.server.api.deps import DB, Caller, Storage
from sync.server.api.errors import ERROR_RESPONSES
from sync.server.api.ranges import blob_response
from sync.server.blobs import access, service
from sync.server.db.engine import reading
from sync.server.errors import ApiError, not_found

router = APIRouter(prefix="/v1/blobs", tags=["blobs"])
Sha = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]

_CHUNK_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


def _headers(status: BlobStatus) -> dict[str, str]:
    return {HEADER_UPLOAD_OFFSET: str(status.offset), HEADER_UPLOAD_LENGTH: str(status.length)}


@router.post("", response_model=BlobStatus, responses=ERROR_RESPONSES)
def create(
    body: BlobCreate, caller: Caller, engine: DB, storage: Storage, response: Response
) -> BlobStatus:
    """Announce an upload; ``complete`` at once when the server has the blob already."""
    status = service.create(engine, storage, body.sha256, body.length, caller.device_id)
    response.headers.update(_headers(status))
    return status


@router.patch(
    "/{sha256}", response_model=BlobStatus, responses=ERROR_RESPONSES, openapi_extra=_CHUNK_BODY
)
async def append(
    sha256: Sha,
    request: Request,
    caller: Caller,
    engine: DB,
    storage: Storage,
    response: Response,
    upload_offset: Annotated[int | None, Header(alias=HEADER_UPLOAD_OFFSET, ge=0)] = None,
) -> BlobStatus:
    """Append the body at ``Upload-Offset`` to this device's upload (404 when it announced
    none: another device's upload is never touched); the hash is verified when the last byte
    arrives."""
    if upload_offset is None:
        raise ApiError(400, "blob.offset_required", f"send the {HEADER_UPLOAD_OFFSET} header")
    data = await read_limited(request, MAX_BLOB_CHUNK_BYTES)
    status = await run_in_threadpool(
        service.append, engine, storage, sha256, caller.device_id, upload_offset, data
    )
    response.headers.update(_headers(status))
    return status


@router.head(
    "/{sha256}",
    response_class=Response,
    responses={
        **ERROR_RESPONSES,
        200: {
            "description": "the upload's state, in headers",
            "headers": {
                HEADER_UPLOAD_OFFSET: {"schema": {"type": "integer"}},
                HEADER_UPLOAD_LENGTH: {"schema": {"type": "integer"}},
            },
        },
    },
)
def offset(sha256: Sha, caller: Caller, engine: DB, storage: Storage) -> Response:
    """Where this device's upload stands (or that the blob is held), in the ``Upload-Offset``
    and ``Upload-Length`` headers."""
    status = service.status(engine, storage, sha256, caller.device_id)
    return Response(status_code=200, headers=_headers(status))


@router.get(
    "/{sha256}",
    response_class=StreamingResponse,
    responses={**ERROR_RESPONSES, 200: {"content": {"application/octet-stream": {}}}},
)
def download(
    sha256: Sha,
    caller: Caller,
    engine: DB,
    storage: Storage,
    range: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    """Download a complete blob (Range supported): only a blob a record in your area names,
    or one your device uploaded; any other is answered 404, as if it did not exist."""
    with reading(engine) as conn:
        allowed = access.may_download(conn, caller, sha256)
    if not allowed:
        raise not_found("blob.unknown", "no such blob")
    length = storage.size(sha256)
    if length is None:
        raise not_found("blob.unknown", "no such blob")
    return blob_response(storage, sha256, length, range, "application/octet-stream")
