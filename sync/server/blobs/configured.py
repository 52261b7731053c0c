"""The blob storage a server's settings name: the folder, or an S3-compatible store."""

from __future__ import annotations

from sync.server.blobs.disk import DiskBlobStorage
from sync.server.blobs.storage import BlobStorage
from sync.server.settings import Settings


class BlobStoreUnusable(Exception):
    """The configured object store cannot be used (bad address, no bucket, no credentials,
    unreachable): an operator has to act, and ``serve`` says so in one line."""


def open_storage(settings: Settings) -> BlobStorage:
    """``blob_store`` (``s3://bucket/prefix``) when set, else the ``blob_dir`` folder."""
    if settings.blob_store:
        from sync.server.blobs.s3 import S3BlobStorage

        try:
            return S3BlobStorage.from_url(settings.blob_store, settings.s3_endpoint_url or None)
        except ValueError as exc:
            raise BlobStoreUnusable(str(exc)) from None
    return DiskBlobStorage(settings.blob_dir)


def check_storage(settings: Settings) -> None:
    """Open the configured storage and reach it once, before the server starts."""
    storage = open_storage(settings)
    from sync.server.blobs.s3 import S3BlobStorage

    if not isinstance(storage, S3BlobStorage):
        return
    try:
        storage.probe()
    except Exception as exc:  # botocore's errors: a refused, unknown or unreachable store
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        where = settings.blob_store
        raise BlobStoreUnusable(f"cannot use the blob store {where}: {reason}") from None
