"""Server time: milliseconds since the epoch for bookkeeping, ISO text for records."""

from __future__ import annotations

import time
from datetime import UTC, datetime


def now_ms() -> int:
    """Milliseconds since the epoch (server bookkeeping columns)."""
    return time.time_ns() // 1_000_000


def now_iso() -> str:
    """The current UTC time as ISO 8601 text, as the terminal stores times."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")
