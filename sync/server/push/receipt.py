"""The receipt of a pushed batch: the server's clock, and the terminal's clock against it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from gridterm.domain import server_clock


@dataclass(frozen=True, slots=True)
class Receipt:
    """When the server received a batch, and how far its clock is ahead of the terminal's
    (None: the terminal did not say)."""

    at: datetime
    skew: timedelta | None = None

    @classmethod
    def now(cls, sent_at: str | None) -> Receipt:
        """A receipt now of a batch the terminal sent at ``sent_at`` (ISO text, by its clock);
        a time that does not parse is as good as none."""
        at = datetime.now(UTC)
        try:
            sent = datetime.fromisoformat(sent_at) if sent_at else None
        except ValueError:
            sent = None
        if sent is not None and sent.tzinfo is None:
            sent = None
        return cls(at, server_clock.skew(sent, at))

    def stamps(self, at: datetime) -> dict[str, str]:
        """A received step's stamps: receipt and its time on the server's clock."""
        on_server = server_clock.on_server_clock(at, self.skew, self.at)
        return {
            "received_at": self.at.isoformat(timespec="milliseconds"),
            "server_at": on_server.isoformat(timespec="milliseconds"),
        }
