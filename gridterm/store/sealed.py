"""Files at rest under a key held like the database key: photos, signatures, and downloads
in progress (photos, the first sync's snapshot) are never plaintext on the terminal.

Two formats, both AES-256-GCM (``cryptography``), both authenticated:

* a **sealed blob** (``GTB1``): the plaintext cut into 64 KiB chunks, each its own GCM
  message whose nonce is a per-file prefix and the chunk number, and whose associated data
  names the blob's SHA-256, the chunk number and whether it is the last one, so chunks can
  be neither swapped, moved between files, nor dropped from the end. Any byte range can be
  read by opening only the chunks it covers (resumable uploads send ranges).
* a **sealed append file** (``GTP1``): records appended as bytes arrive (length, random
  nonce, ciphertext), the associated data being the record's plaintext offset; its plaintext
  size is the resume offset of a cut download.

The key is derived with HKDF from the database key (``key_for_files``): whoever can open
the database can read its photos, and nobody else.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from gridterm.errors import StoreError

if TYPE_CHECKING:
    from typing_extensions import Buffer  # collections.abc.Buffer from Python 3.12

BLOB_MAGIC = b"GTB1"
APPEND_MAGIC = b"GTP1"
CHUNK = 64 * 1024
_TAG = 16
_PREFIX = 8
_HEADER = len(BLOB_MAGIC) + _PREFIX
_RECORD = struct.Struct(">I12s")  # plaintext length, nonce


def key_for_files(database_key: bytes) -> bytes:
    """The files' key, derived from the database key (one secret to hold, two uses)."""
    return HKDF(hashes.SHA256(), 32, salt=None, info=b"gridterm files at rest v1").derive(
        database_key
    )


def _damaged(what: str) -> StoreError:
    return StoreError("store.file_damaged", f"{what} is damaged or not this terminal's")


class BlobCipher:
    """Sealing and opening blobs with one key."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def _aad(self, digest: str, index: int, last: bool) -> bytes:
        return bytes.fromhex(digest) + struct.pack(">I?", index, last)

    def seal(self, digest: str, data: bytes) -> bytes:
        """``data`` (whose SHA-256 is ``digest``) as a sealed blob."""
        prefix = os.urandom(_PREFIX)
        parts = [BLOB_MAGIC, prefix]
        count = max(1, -(-len(data) // CHUNK))
        for i in range(count):
            nonce = prefix + struct.pack(">I", i)
            chunk = data[i * CHUNK : (i + 1) * CHUNK]
            parts.append(self._aead.encrypt(nonce, chunk, self._aad(digest, i, i == count - 1)))
        return b"".join(parts)

    def plain_size(self, sealed_size: int) -> int:
        """The plaintext length of a sealed blob of ``sealed_size`` bytes."""
        body = sealed_size - _HEADER
        count = max(1, -(-body // (CHUNK + _TAG)))
        return body - count * _TAG

    def read(self, digest: str, f: io.BufferedIOBase, offset: int, length: int) -> bytes:
        """``length`` plaintext bytes from ``offset`` of the sealed blob open as ``f``."""
        f.seek(0, os.SEEK_END)
        sealed_size = f.tell()
        size = self.plain_size(sealed_size)
        end = min(size, offset + length)
        if offset >= end:
            return b""
        count = max(1, -(-size // CHUNK))
        f.seek(len(BLOB_MAGIC))
        prefix = f.read(_PREFIX)
        out = bytearray()
        for i in range(offset // CHUNK, (end - 1) // CHUNK + 1):
            f.seek(_HEADER + i * (CHUNK + _TAG))
            sealed = f.read(CHUNK + _TAG)
            try:
                chunk = self._aead.decrypt(
                    prefix + struct.pack(">I", i), sealed, self._aad(digest, i, i == count - 1)
                )
            except InvalidTag:
                raise _damaged(f"photo {digest[:12]}") from None
            out += chunk
        start = offset - (offset // CHUNK) * CHUNK
        return bytes(out[start : start + (end - offset)])


class AppendFile:
    """A download in progress, sealed record by record (plain bytes when ``key`` is None, for
    a developer's plaintext database)."""

    def __init__(self, path: Path, key: bytes | None) -> None:
        self.path = path
        self._aead = AESGCM(key) if key is not None else None

    def exists(self) -> bool:
        """Whether anything was received yet."""
        return self.path.exists()

    def unlink(self) -> None:
        """Forget what was received."""
        self.path.unlink(missing_ok=True)

    def size(self) -> int:
        """Plaintext bytes received (where a cut download goes on)."""
        return self._extent()[0]

    def _extent(self) -> tuple[int, int]:
        """(plaintext bytes, file bytes) of the whole records: a record cut by a crash is
        ignored (and overwritten by the next append); its bytes come again."""
        if not self.path.exists():
            return 0, 0
        if self._aead is None:
            size = self.path.stat().st_size
            return size, size
        total = 0
        with self.path.open("rb") as f:
            if f.read(len(APPEND_MAGIC)) != APPEND_MAGIC:
                return 0, 0
            end = f.tell()
            while len(header := f.read(_RECORD.size)) == _RECORD.size:
                length, _ = _RECORD.unpack(header)
                if len(f.read(length + _TAG)) < length + _TAG:
                    break
                total += length
                end = f.tell()
        return total, end

    def append(self) -> Appender:
        """A writer adding bytes at the end (use as a context manager)."""
        return Appender(self)

    def pieces(self) -> Iterator[bytes]:
        """The plaintext, piece by piece, each checked."""
        if self._aead is None:
            with self.path.open("rb") as f:
                while piece := f.read(CHUNK):
                    yield piece
            return
        offset = 0
        with self.path.open("rb") as f:
            if f.read(len(APPEND_MAGIC)) != APPEND_MAGIC:
                raise _damaged(self.path.name)
            while len(header := f.read(_RECORD.size)) == _RECORD.size:
                length, nonce = _RECORD.unpack(header)
                sealed = f.read(length + _TAG)
                if len(sealed) < length + _TAG:
                    return
                try:
                    yield self._aead.decrypt(nonce, sealed, struct.pack(">Q", offset))
                except InvalidTag:
                    raise _damaged(self.path.name) from None
                offset += length

    def sha256(self) -> str:
        """The SHA-256 of the plaintext received."""
        digest = hashlib.sha256()
        for piece in self.pieces():
            digest.update(piece)
        return digest.hexdigest()

    def read_all(self) -> bytes:
        """The whole plaintext (a photo: a few MB at most)."""
        return b"".join(self.pieces())

    def reader(self) -> io.BufferedReader:
        """The plaintext as a file to read (a snapshot: streamed, never all in memory)."""
        return io.BufferedReader(_PieceReader(self.pieces()), CHUNK)

    def keep_from(self, offset: int) -> None:
        """Drop the first ``offset`` bytes (the whole file came again after them)."""
        data = self.read_all()[offset:]
        self.unlink()
        with self.append() as w:
            w.write(data)


class Appender:
    """Adds plaintext to an ``AppendFile``, sealed as it is written."""

    def __init__(self, target: AppendFile) -> None:
        self.target = target
        self.offset, self._end = target._extent()
        self._f: io.BufferedWriter | io.BufferedRandom | None = None

    def __enter__(self) -> Appender:
        path = self.target.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if self._end == 0:
            self._f = path.open("wb")
            if self.target._aead is not None:
                self._f.write(APPEND_MAGIC)
        else:
            self._f = f = path.open("r+b")
            f.truncate(self._end)  # drop a record cut by a crash
            f.seek(self._end)
        return self

    def write(self, data: bytes) -> None:
        """Append ``data``."""
        assert self._f is not None
        aead = self.target._aead
        if aead is None:
            self._f.write(data)
        else:
            nonce = os.urandom(12)
            sealed = aead.encrypt(nonce, data, struct.pack(">Q", self.offset))
            self._f.write(_RECORD.pack(len(data), nonce) + sealed)
        self.offset += len(data)

    def tell(self) -> int:
        """Plaintext bytes in the file so far."""
        return self.offset

    def __exit__(self, *exc: object) -> None:
        assert self._f is not None
        self._f.close()


class _PieceReader(io.RawIOBase):
    def __init__(self, pieces: Iterator[bytes]) -> None:
        self._pieces = pieces
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Buffer) -> int:
        while not self._left:
            self._left = next(self._pieces, b"")
            if not self._left:
                return 0
        view = memoryview(buffer).cast("B")
        n = min(len(view), len(self._left))
        view[:n] = self._left[:n]
        self._left = self._left[n:]
        return n
