"""When to sync: as soon as the network comes back, every ``period_s``, and on demand; after
a failure, later and later (exponential backoff with jitter, at least what Retry-After asked),
never in a tight loop.

Feed it the operating system's reachability with ``network_changed`` (the app connects Qt's
QNetworkInformation.reachabilityChanged to it; no Qt here) and ask ``seconds_until_due`` how
long to sleep. ``run_if_due`` blocks on the network: call it from a worker thread.
Thread-safe.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sync.client.backoff import Backoff
from sync.client.report import SyncReport

#: Failures worth trying again soon; anything else (login, upgrade, enrollment) waits for a
#: person, so the scheduler only retries it at the normal period.
_TRANSIENT = ("net.", "server.", "http.5", "sync.busy", "sync.failed", "snapshot.")


class SyncScheduler:
    """Decides when ``run`` (one sync) happens."""

    def __init__(
        self,
        run: Callable[[], SyncReport],
        probe: Callable[[], bool],
        *,
        period_s: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
        backoff: Backoff | None = None,
    ) -> None:
        self._run = run
        self._probe = probe
        self.period_s = period_s
        self._clock = clock
        self._backoff = backoff or Backoff(base=5.0, cap=900.0, floor=2.0)
        self._lock = threading.Lock()
        self._due_at = clock()  # a first sync right away
        self._online: bool | None = None  # None: nobody told us; try by the clock
        self._requested = False
        self._wake: Callable[[], object] = lambda: None
        self.last_report: SyncReport | None = None

    def set_waker(self, wake: Callable[[], object]) -> None:
        """Called (from any thread) whenever the next sync time moved earlier."""
        self._wake = wake

    def network_changed(self, online: bool) -> None:
        """The OS says the network is up (or down). Coming up makes a sync due now."""
        with self._lock:
            came_up = online and self._online is not True
            self._online = online
            if came_up:
                self._backoff.reset()  # a new network deserves a fresh try
                self._due_at = self._clock()
        if came_up:
            self._wake()

    def reachability_changed(self, reachability: str) -> None:
        """QNetworkInformation's reachability by name ("Disconnected", "Local", "Site",
        "Online", "Unknown"): only a route beyond the local network counts as up. A site
        network may hold the server (an office intranet), so "Site" counts too."""
        name = reachability.rsplit(".", 1)[-1].lower()
        if name in ("online", "site"):
            self.network_changed(True)
        elif name in ("disconnected", "local"):
            self.network_changed(False)
        else:
            with self._lock:
                self._online = None  # unknown: go by the clock and the probe

    def request_sync(self) -> None:
        """The worker pressed "sync now"."""
        with self._lock:
            self._requested = True
            self._due_at = self._clock()
        self._wake()

    def seconds_until_due(self) -> float | None:
        """How long to sleep before calling ``run_if_due``; None: wait for the network."""
        with self._lock:
            if self._online is False and not self._requested:
                return None
            return max(0.0, self._due_at - self._clock())

    def run_if_due(self) -> SyncReport | None:
        """Sync if it is time (probing the server first unless asked for); None otherwise."""
        with self._lock:
            now = self._clock()
            if now < self._due_at or (self._online is False and not self._requested):
                return None
            requested, self._requested = self._requested, False
        if not requested and not self._probe():
            self._schedule_retry(None)
            return None
        report = self._run()
        self.last_report = report
        with self._lock:
            if self._requested:
                pass  # "sync now" pressed during this run: it stays due at once
            elif report.error is None:
                self._backoff.reset()
                self._due_at = self._clock() + self.period_s
            elif report.error.startswith(_TRANSIENT):
                self._due_at = self._clock() + self._backoff.next_delay(report.retry_after)
            else:
                self._due_at = self._clock() + self.period_s
        return report

    def _schedule_retry(self, retry_after: float | None) -> None:
        with self._lock:
            self._due_at = self._clock() + self._backoff.next_delay(retry_after)
