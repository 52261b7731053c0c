"""Running core calls off the GUI thread (after Anki's ``CollectionOp``).

``CoreOp(parent, fn).success(show).run(ops)``: ``fn`` runs on a worker thread and must never
touch widgets; ``show`` runs on the GUI thread with the result, unless ``parent`` was deleted
meanwhile. Failures go to ``failure`` callbacks, or by default to a clear error dialog.
Writes still funnel through the store's single writer; the pool only keeps the GUI free.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.labels import error_message
from ui.quiet import QuietTimer

if TYPE_CHECKING:
    # asyncio and the pools load after the login screen is painted (ui/app.py).
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

T = TypeVar("T")
Failed = Callable[[BaseException], None]
log = logging.getLogger(__name__)


class Ops(QObject):
    """The worker pool and asyncio loop that every ``CoreOp`` of one app runs on.

    ``busy`` counts operations in flight (tests and the screenshot script wait for zero).
    """

    busy_changed = Signal(int)
    failed = Signal(str)

    def __init__(self, loop: asyncio.AbstractEventLoop | None = None, workers: int = 3):
        super().__init__()
        self.loop = loop
        self.workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._network_pool: ThreadPoolExecutor | None = None
        self.busy = 0
        self.closed = False
        # Keep references to futures in flight: an unreferenced asyncio future may vanish.
        self._running: set[asyncio.Future[Any]] = set()

    @property
    def pool(self) -> ThreadPoolExecutor:
        """Threads for database work (writes still go through the store's one writer)."""
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="gridterm-ui")
        return self._pool

    @property
    def network_pool(self) -> ThreadPoolExecutor:
        """Its own thread for network calls: a slow sync never delays saving a visit."""
        if self._network_pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._network_pool = ThreadPoolExecutor(1, thread_name_prefix="gridterm-net")
        return self._network_pool

    def submit(self, fn: Callable[[], T], network: bool = False) -> asyncio.Future[T]:
        """Run ``fn`` on the pool; the future's callbacks run on the GUI thread.

        After ``shutdown`` (the app is closing) nothing runs: the future comes back cancelled.
        """
        assert self.loop is not None, "the event loop starts before any operation"
        if self.closed:
            cancelled: asyncio.Future[T] = self.loop.create_future()
            cancelled.cancel()
            return cancelled
        future = self.loop.run_in_executor(self.network_pool if network else self.pool, fn)
        self._running.add(future)
        self.busy += 1
        self.busy_changed.emit(self.busy)
        future.add_done_callback(self._finished)
        return future

    def _finished(self, future: asyncio.Future[Any]) -> None:
        self._running.discard(future)
        self.busy -= 1
        self.busy_changed.emit(self.busy)

    def shutdown(self) -> None:
        """Wait for running operations and stop the pool."""
        self.closed = True
        for pool in (self._network_pool, self._pool):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)


class CoreOp(Generic[T]):
    """One operation: a blocking core call and what the GUI does with its outcome."""

    def __init__(self, parent: QObject | None, fn: Callable[[], T]):
        self.parent = parent
        self.fn = fn
        self._success: list[Callable[[T], None]] = []
        self._failure: list[Callable[[BaseException], None]] = []
        self._finally: list[Callable[[], None]] = []

    def success(self, callback: Callable[[T], None]) -> CoreOp[T]:
        """Call ``callback(result)`` on the GUI thread when ``fn`` returns."""
        self._success.append(callback)
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> CoreOp[T]:
        """Call ``callback(error)`` instead of showing the default error dialog."""
        self._failure.append(callback)
        return self

    def finally_(self, callback: Callable[[], None]) -> CoreOp[T]:
        """Call ``callback()`` after success or failure (e.g. to re-enable a button)."""
        self._finally.append(callback)
        return self

    def run(self, ops: Ops, network: bool = False) -> asyncio.Future[T]:
        """Start the operation (``network``: on the network pool, for sync and enrollment)."""
        future = ops.submit(self.fn, network)
        future.add_done_callback(lambda f: self._deliver(ops, f))
        return future

    def _deliver(self, ops: Ops, future: asyncio.Future[T]) -> None:
        if self.parent is not None and not shiboken6.isValid(self.parent):
            return  # the screen was closed while we worked: nobody to tell
        if future.cancelled():
            return
        error = future.exception()
        try:
            if error is None:
                for callback in self._success:
                    callback(future.result())
            elif self._failure:
                for fail in self._failure:
                    fail(error)
            else:
                log.warning("operation failed", exc_info=error)
                ops.failed.emit(error_message(error))
                show_error(self.parent, error)
        finally:
            for after in self._finally:
                after()


def show_error(parent: QObject | None, error: BaseException) -> QMessageBox:
    """A window-modal message box that does not block the event loop."""
    widget = parent if isinstance(parent, QWidget) else None
    box = QMessageBox(widget.window() if widget else None)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("GridTerm")
    box.setText(error_message(error))
    box.setObjectName("errorBox")
    box.open()
    return box


class Latest(QObject):
    """Runs only the newest of rapid requests (search as you type): waits ``delay_ms`` after
    the last keystroke, and drops results of requests that were superseded meanwhile.

    With ``delay_ms=0`` (a screen's reads: a tapped grid, filter or market, a reload after a
    write) each request starts at once and only the newest one's answer is shown: the pool
    runs reads side by side, so an earlier one may come back last.
    """

    #: The generation whose result was just handed to its ``on_result`` (the newest request's).
    delivered = Signal(int)

    def __init__(self, parent: QObject, ops: Ops, delay_ms: int = 120):
        super().__init__(parent)
        self.ops = ops
        self.generation = 0
        self._pending: tuple[Callable[[], Any], Callable[[Any], None], Failed | None] | None = None
        self._quiet = QuietTimer(self, delay_ms, self._start)

    @property
    def delay_ms(self) -> int:
        """How long it waits after the last request before running it."""
        return self._quiet.delay_ms

    def request(
        self, fn: Callable[[], T], on_result: Callable[[T], None], on_failure: Failed | None = None
    ) -> None:
        """Schedule ``fn``; ``on_result`` sees its result only if nothing newer was asked.

        ``on_failure`` instead of the error dialog (for the newest request; an earlier one's
        failure is then dropped as its result would be)."""
        self.generation += 1
        self._pending = (fn, on_result, on_failure)
        if self._quiet.delay_ms == 0:
            self._start()  # counted in ``Ops.busy`` from now, as a plain ``CoreOp`` is
        else:
            self._quiet.poke()

    def _start(self) -> None:
        if self._pending is None:
            return
        fn, on_result, on_failure = self._pending
        self._pending = None
        generation = self.generation

        def deliver(result: Any) -> None:
            if generation == self.generation:
                on_result(result)
                self.delivered.emit(generation)

        op = CoreOp(self, fn).success(deliver)
        if on_failure is not None:
            failed = on_failure
            op.failure(lambda error: failed(error) if generation == self.generation else None)
        op.run(self.ops)
