"""One sync of a terminal with its server: records out, area changes in, then photos.

Order matters: the outbox goes first (so work recorded in a grid that is leaving reaches the
server before the grid's data is removed), then the pull, then photos, with records recorded
meanwhile pushed between photos (records never wait for photos).

Threading contract: ``run`` blocks on the network; call it from a worker thread (the UI does
so through qasync's ``run_in_executor``). One run at a time; ``cancel`` may be called from
any thread and stops the run at the next request.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from gridterm.search import index
from gridterm.services import unlock
from gridterm.store import Store
from gridterm.store.tx import utc_now
from sync.client import state
from sync.client.auth import Login
from sync.client.errors import ServerBusy, SyncError
from sync.client.photo_download import PhotoDownloader
from sync.client.photo_prep import PhotoPreparer
from sync.client.photo_upload import PhotoUploader
from sync.client.pull import Puller
from sync.client.push import Pusher
from sync.client.report import SyncReport
from sync.client.retry import Retrier
from sync.client.settings import SyncSettings
from sync.client.snapshot import SnapshotLoader
from sync.client.stage import Stage

#: The server's answer to a revoked device's token (sync/server/api/auth.py).
DEVICE_REVOKED = "auth.device_revoked"

log = logging.getLogger(__name__)

#: ``progress(phase, done, total)``: phase is "push", "pull", "photos" or "photos_down".
Progress = Callable[[str, int, int], None]


class SyncEngine:
    """Syncs one open store for one signed-in worker."""

    def __init__(
        self,
        store: Store,
        login: Login,
        settings: SyncSettings | None = None,
        *,
        progress: Progress | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        #: the terminal's clock, told to the server with each push (its receipt stamps)
        self.clock = clock or (lambda: datetime.now(UTC))
        self.login = login
        self.transport = login.transport
        self.settings = settings or SyncSettings.load(store)
        self.progress = progress
        self._stop = threading.Event()
        self._running = threading.Lock()
        self._area: frozenset[str] | None = None

    def cancel(self) -> None:
        """Stop the run in progress at the next request (safe: every step is resumable)."""
        self._stop.set()

    def prepare_photos(self) -> float:
        """Downscale and queue every photo taken since, without the network (so a terminal
        offline for days has its photos ready when a signal appears); returns CPU seconds."""
        preparer = PhotoPreparer(self.store, self.settings)
        preparer.finish()
        return preparer.seconds

    @property
    def running(self) -> bool:
        """Whether a run is in progress."""
        return self._running.locked()

    def run(self) -> SyncReport:
        """Sync once; failures end the run early and are reported, never raised."""
        report = SyncReport()
        if not self._running.acquire(blocking=False):
            report.error, report.message = "sync.busy", "a sync is already running"
            return report
        self._stop.clear()
        # pulled households and residents keep their search keys current on every path that
        # syncs (the app, `gridterm sync`), not only where the app's login installed them;
        # here, on the engine's thread, not where the engine is made (the app's GUI thread)
        index.install(self.store)
        started = time.monotonic()
        count = self.transport.count
        requests0, bytes0 = count.requests, count.bytes
        retrier = Retrier(
            self.settings.attempts,
            self.settings.max_wait_s,
            self._stop,
            base_s=self.settings.retry_base_s,
        )
        try:
            self._run(report, retrier)
        except SyncError as exc:
            report.error, report.message = exc.code, exc.message
            if exc.code == DEVICE_REVOKED:
                # before anything else: erased at the next start if the app closes first
                unlock.note_revoked(self.store.path)
            if isinstance(exc, ServerBusy):
                report.retry_after = exc.retry_after
            log.info("sync stopped: %s %s", exc.code, exc.message)
        except Exception as exc:  # a bug must not end the app's background syncing
            log.exception("sync failed")
            report.error, report.message = "sync.failed", f"{type(exc).__name__}: {exc}"
        finally:
            report.seconds = time.monotonic() - started
            report.requests = count.requests - requests0
            report.bytes = count.bytes - bytes0
            report.retries = retrier.retries
            self._remember(report)
            self._running.release()
        return report

    def _run(self, report: SyncReport, retrier: Retrier) -> None:
        me = retrier.run(self.login.me)
        self._area = frozenset(me.grid_ids)
        state.put(self.store, **{state.area_key(me.id): json.dumps(sorted(self._area))})
        # grids other workers of this terminal hold: their data and unsent work stay
        kept = self.store.read(lambda r: state.areas_of_others(r, me.id)) - self._area
        preparer = PhotoPreparer(self.store, self.settings)
        stage = Stage(self.store, self.transport, self.login, self.settings, retrier)
        pusher = Pusher(
            stage,
            area=self._current_area,
            kept_grids=kept,
            before_batch=preparer.prepare,
            progress=self.progress,
            clock=self.clock,
        )
        preparer.start()  # downscaling runs beside the push; a batch waits only for its photos
        try:
            self._push(pusher, report)
            self._load_snapshot(stage, me.id, report)
            self._pull(stage, me.id, kept, pusher, report)
            self._upload_photos(stage, preparer, pusher, report)
            self._download_photos(stage, me.id, pusher, report)
        finally:
            preparer.stop()
            pusher.stats.add_to(report)  # every push of the run, the ones between photos too
            report.prep_seconds = preparer.seconds

    # The five steps, in order; each adds its own figures to the report, also when it fails.

    def _push(self, pusher: Pusher, report: SyncReport) -> None:
        """1. The outbox, until every record sent is settled."""
        mark = time.monotonic()
        pusher.push_all()
        report.push_seconds = time.monotonic() - mark

    def _load_snapshot(self, stage: Stage, user_id: str, report: SyncReport) -> None:
        """2. A first sync: the whole area in one compressed file (counted as pull time)."""
        mark = time.monotonic()
        loader = SnapshotLoader(stage, user_id=user_id, progress=self.progress)
        try:
            if self.settings.use_snapshot and loader.needed():
                try:
                    loader.load()
                finally:
                    report.pulled += loader.counts.changed
                    report.snapshot_bytes = loader.length
                    report.snapshot_resumed_at = loader.resumed_at
        finally:
            report.pull_seconds += time.monotonic() - mark

    def _pull(
        self, stage: Stage, user_id: str, kept: frozenset[str], pusher: Pusher, report: SyncReport
    ) -> None:
        """3. The area's changes since the cursor; work recorded in a grid that is leaving is
        pushed before the grid's data goes."""
        mark = time.monotonic()
        puller = Puller(
            stage,
            user_id=user_id,
            kept_grids=kept,
            before_leaving=lambda _grids: pusher.push_all(),
            progress=self.progress,
        )
        try:
            puller.pull_all()
        finally:
            report.pull_seconds += time.monotonic() - mark
            puller.stats.add_to(report)

    def _upload_photos(
        self, stage: Stage, preparer: PhotoPreparer, pusher: Pusher, report: SyncReport
    ) -> None:
        """4. This terminal's photos, records recorded meanwhile pushed between them."""
        mark = time.monotonic()
        preparer.finish()
        uploader = PhotoUploader(
            stage, between=lambda: self._push_if_waiting(pusher), progress=self.progress
        )
        try:
            uploader.upload_all()
        finally:
            report.photo_seconds = time.monotonic() - mark
            uploader.stats.add_to(report)
        self._push_if_waiting(pusher)  # the photos' attachment records

    def _download_photos(
        self, stage: Stage, user_id: str, pusher: Pusher, report: SyncReport
    ) -> None:
        """5. Photos other terminals took, after every record."""
        downloader = PhotoDownloader(
            stage,
            user_id=user_id,
            between=lambda: self._push_if_waiting(pusher),
            progress=self.progress,
        )
        try:
            downloader.download_all()
        finally:
            downloader.stats.add_to(report)

    def _push_if_waiting(self, pusher: Pusher) -> None:
        if pusher.has_work():
            pusher.push_all()

    def _current_area(self, fresh: bool = False) -> frozenset[str] | None:
        if fresh:
            self._area = frozenset(self.login.me().grid_ids)
        return self._area

    def _remember(self, report: SyncReport) -> None:
        values: dict[str, str | None] = {
            state.LAST_ERROR: None if report.error is None else f"{report.error} {report.message}"
        }
        if report.error is None:
            values[state.LAST_SYNC_AT] = utc_now()
        try:
            state.put(self.store, **values)
        except Exception:  # the store closing under us must not hide the report
            log.exception("could not record the sync result")
