"""Blob storage in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, OSS…).

Every instance behind the load balancer reaches the same bucket, so an upload begun on one
instance resumes on another, with no shared disk. Objects, under an optional prefix:

- ``blobs/ab/abcdef…`` — a finished, verified blob, named by its SHA-256;
- ``partial/abcdef…/<device>/000000000000`` … — the chunks of a device's upload in progress,
  one object each, named by the offset it starts at: each device that announced the digest
  has its own, so none can append to another's. A chunk is durable once its PUT returns; the
  partial's length is the end of its contiguous chunks from 0.

Finishing reads the chunks in order while hashing them and writes the blob with one managed
upload (multipart where large), then deletes the chunks: S3's own multipart upload is not
used for the partial, since every part but the last must be at least 5 MB and a terminal on
a weak signal sends much smaller chunks.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sync.server.blobs.storage import OffsetMismatch, uploader_key

_READ = 1024 * 1024
#: A finished blob is assembled in memory up to this size, in a temporary file beyond it.
_SPOOL = 16 * 1024 * 1024


def _missing(exc: Exception) -> bool:
    """Whether a botocore ClientError says the object (or bucket key) does not exist."""
    response = getattr(exc, "response", None) or {}
    code = str(response.get("Error", {}).get("Code", ""))
    return code in {"404", "NoSuchKey", "NotFound"}


def _pieces(body: Any) -> Iterator[bytes]:
    """A streamed object body read a megabyte at a time."""
    while piece := body.read(_READ):
        yield piece


class S3BlobStorage:
    """``BlobStorage`` on a bucket of an S3-compatible store."""

    def __init__(self, client: Any, bucket: str, prefix: str = "") -> None:
        from botocore.exceptions import ClientError

        self._client = client
        self._bucket = bucket
        self._prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self._client_error = ClientError

    @classmethod
    def from_url(cls, url: str, endpoint_url: str | None = None) -> S3BlobStorage:
        """``s3://bucket/prefix``; credentials and region come from boto3's usual sources
        (AWS_ACCESS_KEY_ID…, ~/.aws, an instance role); ``endpoint_url`` names a store other
        than AWS's."""
        import boto3

        parts = urlsplit(url)
        if parts.scheme != "s3" or not parts.netloc:
            raise ValueError(f"not an s3://bucket[/prefix] address: {url!r}")
        client = boto3.client("s3", endpoint_url=endpoint_url or None)
        return cls(client, parts.netloc, parts.path)

    def probe(self) -> None:
        """Reach the bucket once (credentials, bucket, address); botocore's error if not."""
        self._client.list_objects_v2(Bucket=self._bucket, Prefix=self._prefix, MaxKeys=1)

    # -- names -----------------------------------------------------------------------------

    def _blob(self, sha256: str) -> str:
        return f"{self._prefix}blobs/{sha256[:2]}/{sha256}"

    def _chunks_prefix(self, sha256: str, uploader: str) -> str:
        return f"{self._prefix}partial/{sha256}/{uploader_key(uploader)}/"

    def _chunk(self, sha256: str, uploader: str, offset: int) -> str:
        return f"{self._chunks_prefix(sha256, uploader)}{offset:015d}"

    # -- BlobStorage -----------------------------------------------------------------------

    def has(self, sha256: str) -> bool:
        """Whether the complete blob is stored."""
        return self.size(sha256) is not None

    def size(self, sha256: str) -> int | None:
        """The stored blob's length."""
        try:
            head = self._client.head_object(Bucket=self._bucket, Key=self._blob(sha256))
        except self._client_error as exc:
            if _missing(exc):
                return None
            raise
        return int(head["ContentLength"])

    def _chunk_list(self, sha256: str, uploader: str) -> list[tuple[int, int, str]]:
        """(offset, length, key) of the contiguous chunks from 0 of ``uploader``'s part."""
        found: dict[int, tuple[int, str]] = {}
        pages = self._client.get_paginator("list_objects_v2").paginate(
            Bucket=self._bucket, Prefix=self._chunks_prefix(sha256, uploader)
        )
        for page in pages:
            for item in page.get("Contents", []):
                name = item["Key"].rsplit("/", 1)[1]
                if name.isdigit():
                    found[int(name)] = (int(item["Size"]), item["Key"])
        chunks, at = [], 0
        while at in found and found[at][0] > 0:
            length, key = found[at]
            chunks.append((at, length, key))
            at += length
        return chunks

    def received(self, sha256: str, uploader: str) -> int:
        """Bytes of ``uploader``'s partial upload so far."""
        chunks = self._chunk_list(sha256, uploader)
        return chunks[-1][0] + chunks[-1][1] if chunks else 0

    def append(self, sha256: str, uploader: str, offset: int, data: bytes) -> int:
        """Store a chunk of ``uploader``'s part at ``offset`` (its end); durable when S3
        answers."""
        end = self.received(sha256, uploader)
        if offset != end:
            raise OffsetMismatch(end)
        if data:
            key = self._chunk(sha256, uploader, offset)
            self._client.put_object(Bucket=self._bucket, Key=key, Body=data)
        return end + len(data)

    def finish(self, sha256: str, uploader: str) -> bool:
        """Verify the digest of ``uploader``'s chunks; publish them as the blob or discard
        them."""
        chunks = self._chunk_list(sha256, uploader)
        digest = hashlib.sha256()
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL) as whole:
            for _offset, _length, key in chunks:
                body = self._client.get_object(Bucket=self._bucket, Key=key)["Body"]
                for piece in _pieces(body):
                    digest.update(piece)
                    whole.write(piece)
            ok = digest.hexdigest() == sha256
            if ok:
                whole.seek(0)
                self._client.upload_fileobj(whole, self._bucket, self._blob(sha256))
        self._discard(chunks)
        return ok

    def discard(self, sha256: str, uploader: str) -> None:
        """Remove ``uploader``'s chunks."""
        self._discard(self._chunk_list(sha256, uploader))

    def _discard(self, chunks: list[tuple[int, int, str]]) -> None:
        for i in range(0, len(chunks), 1000):
            keys = [{"Key": key} for _o, _l, key in chunks[i : i + 1000]]
            self._client.delete_objects(Bucket=self._bucket, Delete={"Objects": keys})

    def read(self, sha256: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """Stream a byte range of a stored blob (one ranged GET)."""
        if end is not None and end <= start:
            return
        wanted = f"bytes={start}-" + ("" if end is None else str(end - 1))
        body = self._client.get_object(Bucket=self._bucket, Key=self._blob(sha256), Range=wanted)
        yield from _pieces(body["Body"])

    def put_file(self, source: Path, sha256: str) -> None:
        """Upload a finished local file under its digest, then remove the local copy."""
        with open(source, "rb") as f:
            self._client.upload_fileobj(f, self._bucket, self._blob(sha256))
        Path(source).unlink(missing_ok=True)
