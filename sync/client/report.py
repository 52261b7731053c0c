"""What one sync did, for the status line, the CLI summary and the logs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class SyncReport:
    """Counts of one sync run; ``error`` is the code of the failure that ended it early."""

    pushed: int = 0
    confirmed: int = 0
    rejected: int = 0
    deferred: int = 0
    #: Ops left for another worker of this terminal (outside this worker's area).
    held_back: int = 0
    duplicates: int = 0
    conflicts: int = 0
    pulled: int = 0
    removed: int = 0
    #: A first sync's snapshot: its size and, after a cut, the byte the download went on from.
    snapshot_bytes: int = 0
    snapshot_resumed_at: int | None = None
    photos: int = 0
    photo_bytes: int = 0
    photos_failed: int = 0
    photos_deduplicated: int = 0
    photo_bytes_sent: int = 0
    photos_resumed_at: list[int] = field(default_factory=list)
    #: Photos other terminals took, fetched after the records (``photo_download.py``): how
    #: many were stored and the bytes received; refused by the server (404), discarded for
    #: a wrong hash, left for the next sync by the byte budget; offsets resumed from.
    photos_downloaded: int = 0
    photo_bytes_downloaded: int = 0
    photos_down_missing: int = 0
    photos_down_corrupt: int = 0
    photos_down_deferred: int = 0
    photos_down_resumed_at: list[int] = field(default_factory=list)
    requests: int = 0
    bytes: int = 0
    #: Push bodies and photo bytes that had to go (once each), and what went again after a
    #: failure (a whole failed push body counts, even if the cut came early).
    payload_bytes: int = 0
    resent_bytes: int = 0
    retries: int = 0
    seconds: float = 0.0
    #: Until every record sent was settled (the first push), the pull, the photo stages.
    push_seconds: float = 0.0
    pull_seconds: float = 0.0
    photo_seconds: float = 0.0
    photo_down_seconds: float = 0.0
    #: Of all that, time spent downscaling photos (CPU, not network).
    prep_seconds: float = 0.0
    error: str | None = None
    message: str = ""
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        """Everything sent was confirmed: no failure, nothing quarantined or deferred by the
        server, no photo lost (success means confirmed, docs/sync-contract.md, guarantee 3)."""
        return (
            self.error is None
            and self.rejected == 0
            and self.deferred == 0
            and self.photos_failed == 0
        )

    def as_dict(self) -> dict[str, Any]:
        """Plain values (for JSON)."""
        return {**asdict(self), "ok": self.ok}

    def summary(self) -> str:
        """One line for people."""
        text = (
            f"pushed {self.pushed}, confirmed {self.confirmed}, rejected {self.rejected}, "
            f"conflicts {self.conflicts}, pulled {self.pulled}, photos {self.photos}, "
            f"photos downloaded {self.photos_downloaded} ({self.photo_bytes_downloaded} bytes), "
            f"bytes {self.bytes}, {self.seconds:.2f} s"
        )
        if self.photos_down_corrupt:
            text += f", {self.photos_down_corrupt} photo(s) arrived damaged"
        if self.error:
            text += f" — stopped: {self.error} {self.message}".rstrip()
        return text
