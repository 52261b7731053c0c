"""Trying a request again within one sync: backoff with jitter, Retry-After, cancellable."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from sync.client.backoff import Backoff
from sync.client.errors import Cancelled, ServerBusy, SyncError, Unreachable

T = TypeVar("T")


class Retrier:
    """Runs a step again after a network failure or a "later" from the server; gives up after
    ``attempts`` tries or when the server asks for a longer wait than ``max_wait_s`` (the
    scheduler then tries again later), and stops at once when ``stop`` is set."""

    def __init__(
        self,
        attempts: int,
        max_wait_s: float,
        stop: threading.Event,
        on_retry: Callable[[SyncError, float], None] | None = None,
        *,
        base_s: float = 0.5,
    ) -> None:
        self.attempts = attempts
        self.base_s = base_s
        self.max_wait_s = max_wait_s
        self.stop = stop
        self.on_retry = on_retry
        self.retries = 0

    def run(self, fn: Callable[[], T], *, recover: Callable[[], None] | None = None) -> T:
        """``fn()``, tried up to ``attempts`` times; ``recover()`` runs before each retry (e.g.
        to ask an upload's offset)."""
        backoff = Backoff(base=self.base_s, cap=self.max_wait_s, floor=min(0.5, self.base_s))
        for attempt in range(self.attempts):
            if self.stop.is_set():
                raise Cancelled("sync.cancelled", "the sync was stopped")
            try:
                if attempt and recover is not None:
                    recover()
                return fn()
            except (Unreachable, ServerBusy) as exc:
                wait = exc.retry_after if isinstance(exc, ServerBusy) else None
                if attempt + 1 >= self.attempts or (wait is not None and wait > self.max_wait_s):
                    raise
                delay = backoff.next_delay(wait)
                self.retries += 1
                if self.on_retry is not None:
                    self.on_retry(exc, delay)
                if self.stop.wait(delay):
                    raise Cancelled("sync.cancelled", "the sync was stopped") from exc
        raise AssertionError("unreachable")  # pragma: no cover
