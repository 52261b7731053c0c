"""Where blob bytes live: an interface, so an S3-compatible store can replace the disk.

An implementation keeps partial uploads addressable by digest and uploader (the device that
announced it: each device fills its own part, so none can append to another's) and must be
shared by every server instance behind the load balancer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

_UPLOADER = re.compile(r"[0-9A-Za-z_-]{1,64}")


def uploader_key(uploader: str) -> str:
    """``uploader`` (a device id) as it goes into a part's file or object name; refused unless
    it is a plain id, so a name can never leave the partial folder."""
    if not _UPLOADER.fullmatch(uploader):
        raise ValueError(f"not an uploader id: {uploader!r}")
    return uploader


class OffsetMismatch(Exception):
    """A chunk does not start where the partial upload ends; ``offset`` says where it does."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"upload is at byte {offset}")
        self.offset = offset


class BlobStorage(Protocol):
    """Content-addressed bytes, with resumable partial uploads."""

    def has(self, sha256: str) -> bool:
        """Whether the complete, verified blob is stored."""
        ...

    def size(self, sha256: str) -> int | None:
        """The stored blob's length, None when absent."""
        ...

    def received(self, sha256: str, uploader: str) -> int:
        """Bytes of ``uploader``'s partial upload so far (0 when none)."""
        ...

    def append(self, sha256: str, uploader: str, offset: int, data: bytes) -> int:
        """Append ``data`` to ``uploader``'s part at ``offset`` (OffsetMismatch unless it is the
        part's end); returns the new length. Durable when it returns."""
        ...

    def finish(self, sha256: str, uploader: str) -> bool:
        """Verify the digest of ``uploader``'s part and make it the blob; on a mismatch discard
        it and return False."""
        ...

    def discard(self, sha256: str, uploader: str) -> None:
        """Remove ``uploader``'s part, if any (another device's part became the blob first)."""
        ...

    def read(self, sha256: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """The bytes ``start`` to ``end`` (exclusive) of a stored blob."""
        ...

    def put_file(self, source: Path, sha256: str) -> None:
        """Move a finished local file with a known digest into the store."""
        ...
