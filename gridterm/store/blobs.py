"""Content-addressed file store for photos and signatures, beside the database.

Files are named by their SHA-256 (``ab/abcdef…``) so the same photo is stored once. Blobs are
photos of residents' homes: a later security issue may encrypt them; they go through this one
class so that change stays local.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from gridterm.domain.validation import sha256_hex
from gridterm.errors import NotFoundError


class BlobStore:
    """Files addressed by SHA-256 under ``root``."""

    def __init__(self, root: Path):
        self.root = root

    def path_of(self, sha256: str) -> Path:
        """Where the blob with this digest lives (whether or not it exists)."""
        sha256_hex(sha256)
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Store ``data`` (once) and return its SHA-256; durable when this returns."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_of(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def put_file(self, source: Path) -> str:
        """Store a file's bytes (once) and return its SHA-256."""
        return self.put(Path(source).read_bytes())

    def has(self, sha256: str) -> bool:
        """Whether the blob is stored."""
        return self.path_of(sha256).exists()

    def get(self, sha256: str) -> bytes:
        """The blob's bytes; NotFoundError when missing."""
        path = self.path_of(sha256)
        if not path.exists():
            raise NotFoundError("attachment.missing", f"no blob {sha256}", sha256=sha256)
        return path.read_bytes()
