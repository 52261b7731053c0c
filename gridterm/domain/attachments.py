"""Attachments (photos, signatures): content-addressed by SHA-256."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AttachmentKind(StrEnum):
    """What an attachment is."""

    PHOTO = "photo"
    SIGNATURE = "signature"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file referenced by its SHA-256 digest; the bytes live in the blob store."""

    sha256: str
    size: int
    mime: str
    kind: AttachmentKind = AttachmentKind.PHOTO
