"""Exponential backoff with jitter that honours Retry-After and never spins."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Delays after consecutive failures: ``base * 2**n`` up to ``cap``, the upper half of it
    drawn at random ("equal jitter") so a fleet of terminals does not retry in step, never
    below ``floor`` and never below what the server asked for with Retry-After."""

    base: float = 1.0
    cap: float = 300.0
    floor: float = 0.5
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    def next_delay(self, retry_after: float | None = None) -> float:
        """Record one more failure and return how long to wait before the next attempt."""
        ceiling = min(self.cap, self.base * 2.0**self.failures)
        self.failures += 1
        delay = ceiling / 2 + self.rng.uniform(0, ceiling / 2)
        if retry_after is not None:
            # the server knows its load; a little jitter still spreads the fleet out
            delay = max(delay, min(retry_after, self.cap) + self.rng.uniform(0, 0.25))
        return max(self.floor, delay)

    def reset(self) -> None:
        """A success: the next failure starts from ``base`` again."""
        self.failures = 0
