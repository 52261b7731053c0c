"""Sizing the next piece of work (ops per batch, rows per page, bytes per chunk) to the link.

One request should take about ``target_s``: long enough that round trips do not dominate, short
enough that a cut loses little and no timeout fires. After a success the size moves toward
what the measured rate would carry in ``target_s`` (at most doubling); after a failure it
halves.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PieceSizer:
    """The size of the next piece, between ``minimum`` and ``maximum``."""

    size: int
    minimum: int
    maximum: int
    target_s: float

    def __post_init__(self) -> None:
        self.size = self._clamp(self.size)

    def succeeded(self, used: int, seconds: float) -> None:
        """A piece of ``used`` units went through in ``seconds``."""
        if used < self.size // 2:
            return  # a short tail piece says little about the link
        ideal = used * self.target_s / max(seconds, 1e-3)
        # grow by at most double, shrink by at most half: one odd request is not the link
        self.size = self._clamp(int(min(ideal, used * 2) if ideal > used else max(ideal, used / 2)))

    def failed(self) -> None:
        """The piece did not go through (cut, timeout, too large)."""
        self.size = self._clamp(self.size // 2)

    def _clamp(self, value: int) -> int:
        return max(self.minimum, min(self.maximum, value))
