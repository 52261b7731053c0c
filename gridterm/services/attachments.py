"""Photos and signatures: stored once by SHA-256, recorded before any record names them."""

from __future__ import annotations

from collections.abc import Iterable

from gridterm.domain.attachments import Attachment, AttachmentKind
from gridterm.errors import ValidationError
from gridterm.services.session import Session
from gridterm.store.entities import CATALOG
from gridterm.store.tx import Tx, utc_now

#: What the terminal accepts; anything else is refused before it reaches the disk.
ACCEPTED_MIME = frozenset({"image/jpeg", "image/png", "image/webp"})
#: A photo larger than this is a mistake (a video, a raw file), not a field photo.
MAX_BYTES = 50 * 1024 * 1024


def add_attachment(
    session: Session, data: bytes, mime: str, kind: AttachmentKind = AttachmentKind.PHOTO
) -> Attachment:
    """Store the bytes (durably, once) and record them for upload; returns the attachment.

    The file is written before its row, so a row never names a missing file; a file without a
    row (a crash in between) is harmless and is stored again by the next attempt.
    """
    attachment = keep_file(session, data, mime, kind)
    session.store.write(lambda tx: record_attachment(tx, attachment))
    return attachment


def keep_file(
    session: Session, data: bytes, mime: str, kind: AttachmentKind = AttachmentKind.PHOTO
) -> Attachment:
    """Check and store the bytes (durably, once), not yet recorded: a use case records them
    with ``record_attachment`` in the transaction of the record naming them."""
    if mime not in ACCEPTED_MIME:
        raise ValidationError(
            "attachment.bad_type", f"{mime} is not a photo", field="mime", mime=mime
        )
    if not data or len(data) > MAX_BYTES:
        raise ValidationError(
            "attachment.bad_size",
            "the photo is empty or too large",
            field="data",
            max_mb=MAX_BYTES // (1024 * 1024),
        )
    digest = session.store.blobs.put(data)
    return Attachment(digest, len(data), mime, AttachmentKind(kind))


def record_attachment(tx: Tx, attachment: Attachment) -> None:
    """Record a kept file for upload (once: a file kept again is recorded already)."""
    tx.execute(
        "INSERT OR IGNORE INTO attachment (sha256, size, mime, kind, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (attachment.sha256, attachment.size, attachment.mime, attachment.kind.value, utc_now()),
    )


#: The tables and columns of the records that name photos (a JSON list or one digest).
NAMING: tuple[tuple[str, str], ...] = tuple(
    (e.local_table or e.name, column)
    for e in CATALOG
    for column in (e.photo_list, e.photo)
    if column
)


def still_wanted(tx: Tx, sha256: str) -> bool:
    """Whether anything may still need this photo's file: a record naming it (saved, or an op
    still to send), any worker's draft (a form restored after a crash), a file not taken on
    this terminal (no row of ours), one already queued or sent for upload."""
    like = (f"%{sha256}%",)
    ours = tx.one("SELECT uploaded FROM attachment WHERE sha256 = ?", (sha256,))
    if ours is None or ours["uploaded"]:
        return True
    if tx.one("SELECT 1 FROM photo_upload WHERE sha256 = ?", (sha256,)) is not None:
        return True  # the sync engine has it in hand (perhaps reading it now)
    named = [f"SELECT 1 FROM {table} WHERE {column} LIKE ?" for table, column in NAMING]
    named += [
        "SELECT 1 FROM draft WHERE payload LIKE ?",
        "SELECT 1 FROM outbox WHERE state != 'confirmed' AND fields LIKE ?",
    ]
    return any(tx.one(f"{sql} LIMIT 1", like) is not None for sql in named)


def release(session: Session, digests: Iterable[str]) -> list[str]:
    """Delete the files of photos a form took and let go of (removed, the form discarded),
    unless ``still_wanted``; returns the digests deleted. Their rows go in one transaction,
    then their files: a row never names a missing file."""
    wanted = sorted(set(digests))

    def forget(tx: Tx) -> list[str]:
        gone = [sha for sha in wanted if not still_wanted(tx, sha)]
        for sha in gone:
            tx.execute("DELETE FROM attachment WHERE sha256 = ?", (sha,))
        return gone

    gone = session.store.write(forget) if wanted else []
    for sha in gone:
        session.store.blobs.delete(sha)
    return gone


class Attachments:
    """Photos and signatures the screens take (照片), stored and recorded for upload."""

    def __init__(self, session: Session):
        self.session = session

    def add(
        self, data: bytes, mime: str, kind: AttachmentKind = AttachmentKind.PHOTO
    ) -> Attachment:
        """Store the bytes once and record them, in one transaction (``add_attachment``)."""
        return add_attachment(self.session, data, mime, kind)

    def release(self, digests: Iterable[str]) -> list[str]:
        """Delete the photos a form no longer holds that nothing else needs (``release``)."""
        return release(self.session, digests)
