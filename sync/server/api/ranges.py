"""Serving a stored blob with HTTP Range, so an interrupted download resumes where it stopped."""

from __future__ import annotations

import re

from fastapi.responses import StreamingResponse

from sync.server.blobs.storage import BlobStorage
from sync.server.errors import ApiError

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def blob_response(
    storage: BlobStorage, sha256: str, length: int, range_header: str | None, media_type: str
) -> StreamingResponse:
    """200 with the whole blob, or 206 with the one range asked for (416 if unsatisfiable)."""
    headers = {"Accept-Ranges": "bytes", "ETag": f'"{sha256}"'}
    if not range_header:
        headers["Content-Length"] = str(length)
        return StreamingResponse(storage.read(sha256), media_type=media_type, headers=headers)
    match = _RANGE.match(range_header.strip())
    if match is None or match.group(1) == match.group(2) == "":
        raise _unsatisfiable(length)
    first, last = match.group(1), match.group(2)
    if first == "":
        start, end = max(0, length - int(last)), length
    else:
        start = int(first)
        end = min(length, int(last) + 1) if last else length
    if start >= length or start >= end:
        raise _unsatisfiable(length)
    headers |= {
        "Content-Range": f"bytes {start}-{end - 1}/{length}",
        "Content-Length": str(end - start),
    }
    return StreamingResponse(
        storage.read(sha256, start, end), status_code=206, media_type=media_type, headers=headers
    )


def _unsatisfiable(length: int) -> ApiError:
    return ApiError(
        416,
        "range.unsatisfiable",
        "the range is outside the file",
        headers={"Content-Range": f"bytes */{length}"},
    )
