"""Blob storage on a local or shared (NFS) directory: ``ab/abcdef…`` files, and beside them
``partial/abcdef….<device>.part``, one part per digest and uploading device.

Appends to one partial are serialised with an exclusive file lock, so two instances receiving
chunks of the same upload cannot interleave them.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from sync.server.blobs.storage import OffsetMismatch, uploader_key

_READ = 1024 * 1024


class DiskBlobStorage:
    """``BlobStorage`` on a directory."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        (self.root / "partial").mkdir(parents=True, exist_ok=True)

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def _partial(self, sha256: str, uploader: str) -> Path:
        return self.root / "partial" / f"{sha256}.{uploader_key(uploader)}.part"

    def has(self, sha256: str) -> bool:
        """Whether the complete blob is stored."""
        return self._path(sha256).exists()

    def size(self, sha256: str) -> int | None:
        """The stored blob's length."""
        path = self._path(sha256)
        return path.stat().st_size if path.exists() else None

    def received(self, sha256: str, uploader: str) -> int:
        """Bytes of ``uploader``'s partial upload so far."""
        path = self._partial(sha256, uploader)
        return path.stat().st_size if path.exists() else 0

    def append(self, sha256: str, uploader: str, offset: int, data: bytes) -> int:
        """Append a chunk to ``uploader``'s part at ``offset``; fsynced before returning."""
        fd = os.open(self._partial(sha256, uploader), os.O_RDWR | os.O_CREAT, 0o640)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            end = os.fstat(fd).st_size
            if offset != end:
                raise OffsetMismatch(end)
            os.lseek(fd, end, os.SEEK_SET)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            return end + len(data)
        finally:
            os.close(fd)

    def finish(self, sha256: str, uploader: str) -> bool:
        """Verify and publish ``uploader``'s part (two verified parts publish the same bytes)."""
        partial = self._partial(sha256, uploader)
        digest = hashlib.sha256()
        with partial.open("rb") as f:
            while chunk := f.read(_READ):
                digest.update(chunk)
        if digest.hexdigest() != sha256:
            partial.unlink(missing_ok=True)
            return False
        target = self._path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, target)
        return True

    def discard(self, sha256: str, uploader: str) -> None:
        """Remove ``uploader``'s part."""
        self._partial(sha256, uploader).unlink(missing_ok=True)

    def read(self, sha256: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """Stream a byte range of a stored blob."""
        with self._path(sha256).open("rb") as f:
            f.seek(start)
            remaining = None if end is None else end - start
            while remaining is None or remaining > 0:
                chunk = f.read(_READ if remaining is None else min(_READ, remaining))
                if not chunk:
                    return
                if remaining is not None:
                    remaining -= len(chunk)
                yield chunk

    def put_file(self, source: Path, sha256: str) -> None:
        """Move a local file into the store under its digest."""
        target = self._path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
