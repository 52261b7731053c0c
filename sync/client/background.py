"""Running the scheduler on an asyncio loop (qasync's in the app) without freezing it.

The sync itself runs in a single-thread executor of its own, apart from the store's writer,
so a long sync never delays saving a visit. Keep a reference to the task ``start`` returns;
call ``stop`` before closing the loop (it cancels the sync in progress and waits for it).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

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
        self._stopping = False

    def start(self) -> asyncio.Task[None]:
        """Start on the running loop."""
        loop = asyncio.get_running_loop()
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

    async def _loop(self) -> None:
        assert self._wakeup is not None
        loop = asyncio.get_running_loop()
        while not self._stopping:
            delay = self.scheduler.seconds_until_due()
            if delay is None and self._offline_work is not None:
                # no network: get ready for it (e.g. downscale the photos taken meanwhile)
                await loop.run_in_executor(self._executor, self._offline_work)
                delay = self.scheduler.seconds_until_due()
            if delay is None or delay > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wakeup.wait(), timeout=delay)
            self._wakeup.clear()
            if self._stopping:
                return
            report = await loop.run_in_executor(self._executor, self.scheduler.run_if_due)
            if report is not None and self._on_report is not None:
                self._on_report(report)
