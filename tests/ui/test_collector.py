"""The app's garbage collector on the GUI thread (ui/gc.py): pypinyin's tables frozen once it
is loaded, after a full collection, so no waiting garbage is frozen with them."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QObject

from gridterm.search.terms import char_readings
from ui.gc import GuiThreadCollector


class _Cycle(QObject):
    """A screen-like object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        super().__init__()
        self.me = self


def test_the_collector_freezes_pypinyins_tables_after_a_full_collection(qapp):
    collector = GuiThreadCollector(interval_ms=60_000)
    try:
        char_readings("曾")  # pypinyin loaded, here or by an earlier test
        gc.unfreeze()  # an earlier test's process may have frozen it already (gc enabled)
        assert gc.get_freeze_count() == 0
        waiting = _Cycle()
        gone = weakref.ref(waiting)
        del waiting
        tracked = len(gc.get_objects())
        collector.collect()
        frozen = gc.get_freeze_count()
        assert frozen > 150_000  # pypinyin's lists, among what was alive
        assert len(gc.get_objects()) < tracked - frozen + 1_000  # no longer walked
        assert gone() is None  # the waiting cycle was freed, not frozen
        collector.collect()
        # once: nothing more is frozen (frozen objects still go when their last reference does)
        assert gc.get_freeze_count() <= frozen
    finally:
        collector.stop()
        gc.unfreeze()  # the next tests' objects are collected as before
