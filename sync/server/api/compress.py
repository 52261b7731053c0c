"""Compressed answers for the endpoints that send a lot of JSON (the pull), and only those.

A pull page of 5,000 rows is megabytes of repetitive JSON; gzip makes it a fraction of that
(docs/sync-contract.md, guarantee 9). Compression is per endpoint, not a middleware, so the
resumable downloads (snapshots, blobs) are never touched: their byte ranges and offsets must
stay byte-exact.
"""

from __future__ import annotations

import gzip

from fastapi.responses import Response

#: answers smaller than this go as they are (the gzip header would eat the gain)
MIN_SIZE = 1024
#: zlib level: 6 is close to 9 in size on JSON at a fraction of the time
LEVEL = 6


def accepts_gzip(header: str | None) -> bool:
    """Whether an ``Accept-Encoding`` header allows gzip (``gzip``, ``x-gzip`` or ``*``,
    with a q-value above 0; an explicit ``gzip;q=0`` wins over ``*``)."""
    if not header:
        return False
    explicit: float | None = None
    wildcard: float | None = None
    for part in header.split(","):
        name, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        name = name.lower()
        if name in ("gzip", "x-gzip"):
            explicit = max(q, explicit or 0.0)
        elif name == "*":
            wildcard = q
    chosen = explicit if explicit is not None else wildcard
    return chosen is not None and chosen > 0


def json_response(body: bytes, accept_encoding: str | None) -> Response:
    """``body`` (JSON) as an answer, gzipped when the client accepts it and it is worth it."""
    headers = {"Vary": "Accept-Encoding"}
    if len(body) >= MIN_SIZE and accepts_gzip(accept_encoding):
        body = gzip.compress(body, compresslevel=LEVEL, mtime=0)
        headers["Content-Encoding"] = "gzip"
    return Response(body, media_type="application/json", headers=headers)
