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
from gridterm.errors import NotFoundError, ValidationError


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

    def partial_path(self, sha256: str) -> Path:
        """Where a download of this blob collects its bytes until they are verified: a folder
        beside the store (``<db>.blobs.partial/``), so a half-received photo is never read as
        one, and a cut download goes on from its length."""
        sha256_hex(sha256)
        folder = self._partial_folder()
        folder.mkdir(parents=True, exist_ok=True)
        return folder / sha256

    def partials(self) -> list[Path]:
        """The downloads in progress (their part files)."""
        folder = self._partial_folder()
        return sorted(folder.iterdir()) if folder.is_dir() else []

    def _partial_folder(self) -> Path:
        return self.root.with_name(self.root.name + ".partial")

    def adopt(self, sha256: str, source: Path) -> None:
        """Move a downloaded file into the store under ``sha256`` once its bytes hash to it;
        on a mismatch the file is deleted and ``ValidationError("blob.hash_mismatch")`` raised
        (nothing is stored). Durable when this returns."""
        target = self.path_of(sha256)
        digest = hashlib.sha256()
        with source.open("rb") as f:
            while piece := f.read(1024 * 1024):
                digest.update(piece)
            os.fsync(f.fileno())
        if digest.hexdigest() != sha256:
            source.unlink(missing_ok=True)
            raise ValidationError(
                "blob.hash_mismatch", f"the bytes received are not {sha256}", sha256=sha256
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)

    def has(self, sha256: str) -> bool:
        """Whether the blob is stored."""
        return self.path_of(sha256).exists()

    def get(self, sha256: str) -> bytes:
        """The blob's bytes; NotFoundError when missing."""
        path = self.path_of(sha256)
        if not path.exists():
            raise NotFoundError("attachment.missing", f"no blob {sha256}", sha256=sha256)
        return path.read_bytes()
