"""Content-addressed file store for photos and signatures, beside the database, sealed.

Files are named by the SHA-256 of their plaintext (``ab/abcdef…``) so the same photo is
stored once; their bytes are sealed with the files' key (``sealed.py``: AES-GCM in 64 KiB
chunks), so a stolen terminal's folder shows no household, ID card or signature. A download
in progress is sealed too (``<db>.blobs.partial/``). Files a version before this one left in
plaintext are sealed in place when the database is opened (``seal_plaintext``).
A developer's plaintext database (no key) keeps plaintext files.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from gridterm.domain.validation import sha256_hex
from gridterm.errors import NotFoundError, ValidationError
from gridterm.store.sealed import BLOB_MAGIC, AppendFile, BlobCipher


class BlobStore:
    """Files addressed by SHA-256 under ``root``, sealed with ``key`` (None: plaintext)."""

    def __init__(self, root: Path, key: bytes | None = None):
        self.root = root
        self._key = key
        self._cipher = BlobCipher(key) if key is not None else None

    def path_of(self, sha256: str) -> Path:
        """Where the blob with this digest lives (whether or not it exists); its bytes are
        sealed: read them with ``get`` or ``read``."""
        sha256_hex(sha256)
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Store ``data`` (once) and return its SHA-256; durable when this returns."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_of(digest)
        if target.exists():
            return digest
        self._write(target, self._cipher.seal(digest, data) if self._cipher else data)
        return digest

    @staticmethod
    def _write(target: Path, content: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def put_file(self, source: Path) -> str:
        """Store a file's bytes (once) and return its SHA-256."""
        return self.put(Path(source).read_bytes())

    def partial(self, sha256: str) -> AppendFile:
        """The download of this blob in progress, sealed as it arrives, in a folder beside
        the store (``<db>.blobs.partial/``): a half-received photo is never read as one, and
        a cut download goes on from its ``size()``."""
        sha256_hex(sha256)
        return AppendFile(self._partial_folder() / sha256, self._key)

    def partials(self) -> list[Path]:
        """The downloads in progress (their part files)."""
        folder = self._partial_folder()
        return sorted(folder.iterdir()) if folder.is_dir() else []

    def _partial_folder(self) -> Path:
        return self.root.with_name(self.root.name + ".partial")

    def adopt(self, sha256: str, received: AppendFile) -> None:
        """Store a finished download under ``sha256`` once its bytes hash to it; on a
        mismatch it is deleted and ``ValidationError("blob.hash_mismatch")`` raised (nothing
        is stored). Durable when this returns."""
        data = received.read_all()
        if hashlib.sha256(data).hexdigest() != sha256:
            received.unlink()
            raise ValidationError(
                "blob.hash_mismatch", f"the bytes received are not {sha256}", sha256=sha256
            )
        self.put(data)
        received.unlink()

    def delete(self, sha256: str) -> None:
        """Remove the blob's file (a photo no record names: ``services.attachments.release``
        decides); nothing when it is not there."""
        self.path_of(sha256).unlink(missing_ok=True)

    def has(self, sha256: str) -> bool:
        """Whether the blob is stored."""
        return self.path_of(sha256).exists()

    def get(self, sha256: str) -> bytes:
        """The blob's bytes; NotFoundError when missing."""
        path = self._existing(sha256)
        return self.read(sha256, 0, path.stat().st_size) if self._cipher else path.read_bytes()

    def read(self, sha256: str, offset: int, length: int) -> bytes:
        """``length`` bytes of the blob from ``offset`` (fewer at its end): the pieces of a
        resumable upload, without opening the rest."""
        path = self._existing(sha256)
        with path.open("rb") as f:
            if self._cipher is not None and f.read(len(BLOB_MAGIC)) == BLOB_MAGIC:
                return self._cipher.read(sha256, f, offset, length)
            f.seek(offset)  # plaintext: a developer's store, or not sealed yet
            return f.read(length)

    def _existing(self, sha256: str) -> Path:
        path = self.path_of(sha256)
        if not path.exists():
            raise NotFoundError("attachment.missing", f"no blob {sha256}", sha256=sha256)
        return path

    def seal_plaintext(self) -> int:
        """Seal every blob still stored in plaintext (left by an older version) and every
        plaintext download in progress (dropped: it comes again); returns how many."""
        if self._cipher is None:
            return 0
        sealed = 0
        for path in self._stored():
            with path.open("rb") as f:
                if f.read(len(BLOB_MAGIC)) == BLOB_MAGIC:
                    continue
            data = path.read_bytes()
            self._write(path, self._cipher.seal(path.name, data))
            sealed += 1
        for part in self.partials():
            if AppendFile(part, self._key).size() == 0 and part.stat().st_size:
                part.unlink()  # not a sealed append file: an older version's plaintext part
                sealed += 1
        return sealed

    def _stored(self) -> Iterator[Path]:
        if not self.root.is_dir():
            return
        for folder in self.root.iterdir():
            if folder.is_dir() and len(folder.name) == 2:
                yield from (p for p in folder.iterdir() if len(p.name) == 64)
