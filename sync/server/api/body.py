"""Reading request bodies safely: size limits before and after decompression (gzip, zstd).

A decompression bomb is stopped as soon as the output passes the limit, without inflating it
first; a corrupt stream or an unknown encoding is a 4xx, never a 500.
"""

from __future__ import annotations

import io
import zlib

import zstandard
from starlette.requests import Request

from sync.server.errors import ApiError

_STEP = 64 * 1024


def too_large(limit: int, what: str = "body") -> ApiError:
    """413 naming the limit."""
    return ApiError(413, f"{what}.too_large", f"the {what} is larger than {limit} bytes")


async def read_limited(request: Request, limit: int) -> bytes:
    """The raw body, refused with 413 once it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    parts: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        parts.append(chunk)
    return b"".join(parts)


def decompress(data: bytes, encoding: str | None, limit: int) -> bytes:
    """Undo ``Content-Encoding`` (identity, gzip, zstd) with at most ``limit`` bytes out."""
    name = (encoding or "identity").strip().lower()
    if name in ("identity", ""):
        return data
    try:
        if name in ("gzip", "x-gzip"):
            return _gunzip(data, limit)
        if name == "zstd":
            return _unzstd(data, limit)
    except (zlib.error, zstandard.ZstdError) as exc:
        raise ApiError(400, "body.bad_encoding", f"the {name} body is corrupt: {exc}") from None
    raise ApiError(415, "body.unsupported_encoding", f"Content-Encoding {name} is not accepted")


def _gunzip(data: bytes, limit: int) -> bytes:
    d = zlib.decompressobj(wbits=47)  # 32 + 15: gzip or zlib header
    out = bytearray()
    pending = data
    while pending:
        out += d.decompress(pending, limit + 1 - len(out))
        if len(out) > limit:
            raise too_large(limit, "decompressed_body")
        pending = d.unconsumed_tail
        if d.eof:
            break
    if not d.eof:
        raise ApiError(400, "body.bad_encoding", "the gzip body is truncated")
    return bytes(out)


def _unzstd(data: bytes, limit: int) -> bytes:
    # stream_reader bounds each read's output: a bomb is stopped after ``limit`` bytes
    reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data), read_across_frames=True)
    out = bytearray()
    while chunk := reader.read(_STEP):
        out += chunk
        if len(out) > limit:
            raise too_large(limit, "decompressed_body")
    return bytes(out)
