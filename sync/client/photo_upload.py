"""Uploading photos after the records, resumably (guarantee 5).

``POST /v1/blobs`` announces a photo by digest and length (a photo the server has is done at
once); ``PATCH`` appends chunks at the server's offset; after any interruption ``HEAD`` says
where the server stands and the upload goes on from that byte. Chunks are sized to the link
so a cut loses little. Between photos, records recorded meanwhile are pushed first.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pydantic
import requests

from gridterm.ids import new_id
from gridterm.store.tx import Tx, utc_now
from sync.client.errors import AuthRequired, Refused, SyncError, Unreachable
from sync.client.report import SyncReport
from sync.client.sizing import PieceSizer
from sync.client.stage import Stage
from sync.protocol import HEADER_UPLOAD_OFFSET, BlobStatus

Progress = Callable[[str, int, int], None]
#: During a long upload, look for new records to push this often (seconds).
_RECORDS_EVERY_S = 1.0


@dataclass
class UploadStats:
    """What the photo stage did; ``resent_bytes`` counts chunk bytes sent again."""

    photos: int = 0
    deduplicated: int = 0
    deduplicated_bytes: int = 0
    failed: int = 0
    bytes: int = 0
    bytes_sent: int = 0
    resent_bytes: int = 0
    resumed: int = 0
    #: The offsets uploads went on from after an interruption (the server's word).
    resumed_at: list[int] = field(default_factory=list)

    def add_to(self, report: SyncReport) -> None:
        """Add the figures to the run's report."""
        report.photos += self.photos
        report.photo_bytes += self.bytes
        report.photos_failed += self.failed
        report.photos_deduplicated += self.deduplicated
        report.photo_bytes_sent += self.bytes_sent
        report.photos_resumed_at += self.resumed_at
        report.resent_bytes += self.resent_bytes
        report.payload_bytes += self.bytes - self.deduplicated_bytes


class PhotoUploader:
    """Uploads every prepared photo still pending."""

    def __init__(
        self,
        stage: Stage,
        *,
        between: Callable[[], None] | None = None,
        progress: Progress | None = None,
    ) -> None:
        settings = stage.settings
        self.store = stage.store
        self.transport = stage.transport
        self.login = stage.login
        self.retrier = stage.retrier
        self.between = between
        self.progress = progress
        self.sizer = PieceSizer(
            256 * 1024,
            settings.min_chunk_bytes,
            settings.max_chunk_bytes,
            settings.chunk_target_s,
        )
        self.stats = UploadStats()

    def upload_all(self) -> UploadStats:
        """Upload pending photos, oldest first; one photo's failure does not stop the others."""
        todo = self.store.query(
            "SELECT sha256, size FROM photo_upload WHERE state = 'pending' ORDER BY prepared_at"
        )
        total = sum(r["size"] for r in todo)
        for row in todo:
            try:
                if not self.store.blobs.has(row["sha256"]):
                    raise Refused("photo.missing", "the photo's file is gone from this terminal")
                self._upload(row["sha256"], row["size"])
            except Refused as exc:
                self.store.write(partial(_failed, sha=row["sha256"], reason=exc.code))
                self.stats.failed += 1
            if self.progress is not None:
                self.progress("photos", self.stats.bytes, total)
            if self.between is not None:
                self.between()
        return self.stats

    def _upload(self, sha: str, size: int) -> None:
        blobs = self.store.blobs
        status = self.retrier.run(lambda: self._status("POST", sha, size))
        if status.complete:
            self.stats.deduplicated += 1
            self.stats.deduplicated_bytes += size
            self._done(sha, size)
            return
        offset = status.offset
        if offset:
            self.stats.resumed += 1
            self.stats.resumed_at.append(offset)
        sent_here = 0
        checked = time.monotonic()

        def recover() -> None:
            nonlocal offset
            offset = self._status("HEAD", sha, size).offset
            self.stats.resumed += 1
            self.stats.resumed_at.append(offset)

        # the sealed blob is read piece by piece: never a plaintext copy on disk
        def attempt() -> BlobStatus:
            nonlocal sent_here
            chunk = blobs.read(sha, offset, min(self.sizer.size, size - offset))
            sent_here += len(chunk)
            self.stats.bytes_sent += len(chunk)
            started = time.monotonic()
            try:
                reached = self._patch(sha, offset, chunk)
            except SyncError:
                self.sizer.failed()
                raise
            self.sizer.succeeded(len(chunk), time.monotonic() - started)
            return reached

        while offset < size:
            reached = self.retrier.run(attempt, recover=recover)
            offset = reached.offset
            # informational (the server's offset is the truth): not worth waiting for
            self.store.submit(partial(_progress, sha=sha, offset=offset))
            if reached.complete:
                break
            if self.between is not None and time.monotonic() - checked > _RECORDS_EVERY_S:
                self.between()  # a long photo must not hold back records made meanwhile
                checked = time.monotonic()
        self.stats.resent_bytes += max(0, sent_here - size)
        self._done(sha, size)

    def _status(self, method: str, sha: str, size: int) -> BlobStatus:
        try:
            if method == "POST":
                answer = self._call("POST", "/v1/blobs", json_body={"sha256": sha, "length": size})
                return BlobStatus.model_validate_json(answer.content)
            answer = self._call("HEAD", f"/v1/blobs/{sha}")
        except pydantic.ValidationError:
            raise Unreachable("net.bad_answer", "the blob answer was garbled") from None
        offset = int(answer.headers.get(HEADER_UPLOAD_OFFSET, "0"))
        return BlobStatus(sha256=sha, length=size, offset=offset, complete=offset >= size)

    def _patch(self, sha: str, offset: int, chunk: bytes) -> BlobStatus:
        answer = self._call(
            "PATCH",
            f"/v1/blobs/{sha}",
            body=chunk,
            headers={
                HEADER_UPLOAD_OFFSET: str(offset),
                "Content-Type": "application/offset+octet-stream",
            },
            expect=(409,),
        )
        if answer.status_code == 409:
            # the server holds a different number of bytes (an earlier attempt landed after
            # all): carry on from where it stands
            where = int(answer.headers.get(HEADER_UPLOAD_OFFSET, "-1"))
            if where < 0:
                raise Refused("blob.offset_mismatch", "no offset in the answer", status=409)
            return BlobStatus(sha256=sha, length=0, offset=where, complete=False)
        try:
            return BlobStatus.model_validate_json(answer.content)
        except pydantic.ValidationError:
            raise Unreachable("net.bad_answer", "the blob answer was garbled") from None

    def _call(self, method: str, path: str, **kw: Any) -> requests.Response:
        try:
            return self.transport.call(method, path, token=self.login.token(), **kw)
        except AuthRequired:
            return self.transport.call(method, path, token=self.login.renew(), **kw)

    def _done(self, sha: str, size: int) -> None:
        self.store.write(lambda tx: _finished(tx, sha, size))
        self.stats.photos += 1
        self.stats.bytes += size


def _progress(tx: Tx, sha: str, offset: int) -> None:
    tx.execute(
        "UPDATE photo_upload SET upload_offset = ?, attempts = attempts + 1 WHERE sha256 = ?",
        (offset, sha),
    )


def _failed(tx: Tx, sha: str, reason: str) -> None:
    tx.execute(
        "UPDATE photo_upload SET state = 'failed', reason = ? WHERE sha256 = ?", (reason, sha)
    )


def _finished(tx: Tx, sha: str, size: int) -> None:
    """Done: the server holds the bytes; its attachment record (type, kind) follows as an op."""
    now = utc_now()
    tx.execute(
        "UPDATE photo_upload SET state = 'done', upload_offset = ?, done_at = ? WHERE sha256 = ?",
        (size, now, sha),
    )
    row = tx.one("SELECT size, mime, kind FROM attachment WHERE sha256 = ?", (sha,))
    tx.execute("UPDATE attachment SET uploaded = 1 WHERE sha256 = ?", (sha,))
    if row is None:
        return
    fields = {"sha256": sha, "size": row["size"], "mime": row["mime"], "kind": row["kind"]}
    tx.execute(
        "INSERT INTO outbox (op_id, entity, entity_id, op, fields, base_version, created_at,"
        " state, state_at, author)"
        " VALUES (?, 'attachment', ?, 'create', ?, NULL, ?, 'pending', ?, ?)",
        (new_id(), sha, json.dumps(fields), now, now, tx.author),
    )
