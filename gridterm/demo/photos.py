"""Placeholder photos for the demo: small PNGs (colour gradients) made without any library."""

from __future__ import annotations

import struct
import zlib
from random import Random

WIDTH, HEIGHT = 160, 120


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def placeholder_png(rng: Random) -> bytes:
    """A 160×120 PNG shading between two random colours; the same rng state, the same bytes."""
    top = [int(rng.random() * 256) for _ in range(3)]
    bottom = [int(rng.random() * 256) for _ in range(3)]
    lines = []
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        pixel = bytes(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        lines.append(b"\x00" + pixel * WIDTH)  # filter type 0 per scanline
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(lines), 9))
        + _chunk(b"IEND", b"")
    )
