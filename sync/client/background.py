"""Running the scheduler on an asyncio loop (qasync's in the app) without freezing it.

The sync itself runs in a single-thread executor of its own, apart from the store's writer,
so a long sync never delays saving a visit. Keep a reference to the task ``start`` returns;
call ``stop`` before closing the loop (it cancels the sync in progress and waits for it), or
``halt`` from any thread but the loop's: it cancels, then waits a bounded time for the sync
in flight (a request cannot be interrupted mid-read; the engine stops at its next step).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from sync.client.report import SyncReport
from sync.client.scheduler import SyncScheduler


class BackgroundSync:
    """Sleeps until the scheduler says a sync is due, runs it off the loop, repeats; while
    there is no network it runs ``offline_work`` (``SyncEngine.prepare_photos``) first."""

    def __init__(
        self,
        scheduler: SyncScheduler,
        *,
        cancel: Callable[[], None] = lambda: None,
        on_report: Callable[[SyncReport], None] | None = None,
        offline_work: Callable[[], object] | None = None,
    ) -> None:
        self.scheduler = scheduler
        self._cancel = cancel
        self._on_report = on_report
        self._offline_work = offline_work
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gridterm-sync")
        self._wakeup: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._loop_ref: asyncio.AbstractEventLoop | None = None
        self._current: Future[Any] | None = None  # the job on the sync thread, if any
        self._stopping = False

    def start(self) -> asyncio.Task[None]:
        """Start on the running loop."""
        loop = asyncio.get_running_loop()
        self._loop_ref = loop
        self._wakeup = asyncio.Event()
        wakeup = self._wakeup
        self.scheduler.set_waker(lambda: loop.call_soon_threadsafe(wakeup.set))
        self._task = loop.create_task(self._loop(), name="gridterm-sync")
        return self._task

    async def stop(self) -> None:
        """Stop: cancel a sync in progress, wait for the worker thread, end the task."""
        self._stopping = True
        self._cancel()
        if self._wakeup is not None:
            self._wakeup.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await asyncio.get_running_loop().run_in_executor(None, self._executor.shutdown)

    def halt(self, timeout: float) -> bool:
        """Stop from another thread without a loop turn (logout, exit): cancel the sync in
        progress, drop anything queued, wake the task so it ends, and wait at most
        ``timeout`` seconds for the job on the sync thread. Returns whether it is idle.

        Blocking: never call it on the GUI thread (``ui.sync_runner`` runs it on a thread of
        its own)."""
        self._stopping = True
        self._cancel()
        loop, wakeup = self._loop_ref, self._wakeup
        if loop is not None and wakeup is not None:
            with contextlib.suppress(RuntimeError):  # the loop may be closed already (exit)
                loop.call_soon_threadsafe(wakeup.set)
        self._executor.shutdown(wait=False, cancel_futures=True)
        current = self._current
        if current is None:
            return True
        done, _ = wait([current], timeout=timeout)
        return bool(done)

    async def _run(self, job: Callable[[], Any]) -> Any:
        """Run ``job`` on the sync thread, remembering it so ``halt`` can wait for it."""
        try:
            self._current = self._executor.submit(job)
        except RuntimeError:  # halted between our check and this submit
            raise asyncio.CancelledError from None
        return await asyncio.wrap_future(self._current)

    async def _loop(self) -> None:
        assert self._wakeup is not None
        while not self._stopping:
            delay = self.scheduler.seconds_until_due()
            if delay is None and self._offline_work is not None:
                # no network: get ready for it (e.g. downscale the photos taken meanwhile)
                await self._run(self._offline_work)
                delay = self.scheduler.seconds_until_due()
            if delay is None or delay > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wakeup.wait(), timeout=delay)
            self._wakeup.clear()
            if self._stopping:
                return
            report = await self._run(self.scheduler.run_if_due)
            if report is not None and self._on_report is not None:
                self._on_report(report)
