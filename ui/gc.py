"""Garbage collection on the GUI thread only.

Python's cyclic collector runs in whichever thread happens to allocate. When it frees a cycle
holding a Qt wrapper on a worker thread, the C++ object is destroyed on the wrong thread and
the app crashes (seen here as a segfault "Garbage-collecting" in a pool thread). As Anki and
calibre do, automatic collection is switched off and a GUI-thread timer collects instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 2000


class GuiThreadCollector(QObject):
    """Owns the timer that collects garbage; ``stop`` restores automatic collection."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        """Collect the generations whose thresholds are reached (full collections are rare)."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        if counts[0] < thresholds[0]:
            return
        generation = 2 if counts[2] >= thresholds[2] else 1 if counts[1] >= thresholds[1] else 0
        gc.collect(generation)

    def stop(self) -> None:
        """Stop the timer and collect once more on this thread."""
        self._timer.stop()
        gc.collect()
