"""Garbage collection on the GUI thread only.

Python's cyclic collector runs in whichever thread happens to allocate. When it frees a cycle
holding a Qt wrapper on a worker thread, the C++ object is destroyed on the wrong thread and
the app crashes (seen here as a segfault "Garbage-collecting" in a pool thread). As Anki and
calibre do, automatic collection is switched off and a GUI-thread timer collects instead.

Once pypinyin is loaded (the first name indexed), the timer makes one full collection and
freezes what is left (``gc.freeze``): pypinyin's ~190,000 lists, alive as long as the app,
are not walked by every later full collection (gridterm/search/terms.py ``_pypinyin``).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from gridterm.search.terms import pinyin_loaded

INTERVAL_MS = 2000


class GuiThreadCollector(QObject):
    """Owns the timer that collects garbage; ``stop`` restores automatic collection."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self._frozen = False
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        """Collect the generations whose thresholds are reached (full collections are rare);
        once pypinyin is loaded, collect everything and freeze what is left, once."""
        if not self._frozen and pinyin_loaded():
            self._frozen = True
            gc.collect()
            gc.freeze()
            return
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
