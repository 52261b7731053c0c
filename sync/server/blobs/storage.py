"""Where blob bytes live: an interface, so an S3-compatible store can replace the disk.

An implementation keeps partial uploads addressable by digest (S3: a multipart upload per
digest) and must be shared by every server instance behind the load balancer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol


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

    def received(self, sha256: str) -> int:
        """Bytes of the partial upload so far (0 when none)."""
        ...

    def append(self, sha256: str, offset: int, data: bytes) -> int:
        """Append ``data`` at ``offset`` (OffsetMismatch unless it is the partial's end);
        returns the new length. Durable when it returns."""
        ...

    def finish(self, sha256: str) -> bool:
        """Verify the partial's digest and make it the blob; on a mismatch discard it and
        return False."""
        ...

    def read(self, sha256: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """The bytes ``start`` to ``end`` (exclusive) of a stored blob."""
        ...

    def put_file(self, source: Path, sha256: str) -> None:
        """Move a finished local file with a known digest into the store."""
        ...
