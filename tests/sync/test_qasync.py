"""The app's way of running the engine: on qasync's loop, the sync in an executor, fed by
reachability events. The Qt event loop keeps turning throughout (the window never freezes)."""

from __future__ import annotations

import asyncio
import itertools
import os
import time

import pytest

from sync.client.background import BackgroundSync
from sync.client.connectivity import ServerProbe
from sync.client.report import SyncReport
from sync.client.scheduler import SyncScheduler
from tests.sync.conftest import assert_exactly_once, make_terminal, record_visits

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
qasync = pytest.importorskip("qasync")
QtCore = pytest.importorskip("PySide6.QtCore")


def test_background_sync_on_qasync_keeps_the_gui_loop_turning(
    qapp, tmp_path, server, district, proxy
):
    t = make_terminal(tmp_path, district, "w1", proxy.url)
    try:
        assert t.sync().ok
        ids = record_visits(t, district.households["g1"], 1500)
        proxy.throttle(800_000)  # a slow link (answers are compact): the sync takes a while
        scheduler = SyncScheduler(t.engine.run, ServerProbe(proxy.url), period_s=3600)
        scheduler.network_changed(False)
        reports: list[SyncReport] = []
        ticks: list[float] = []
        loop = qasync.QEventLoop(qapp)

        async def main() -> None:
            timer = QtCore.QTimer()
            timer.timeout.connect(lambda: ticks.append(time.monotonic()))
            timer.start(10)
            background = BackgroundSync(
                scheduler,
                cancel=t.engine.cancel,
                on_report=reports.append,
                offline_work=t.engine.prepare_photos,
            )
            background.start()
            await asyncio.sleep(0.2)
            assert reports == []  # offline: nothing tried
            scheduler.reachability_changed("Online")  # as QNetworkInformation would say
            while not reports:
                await asyncio.sleep(0.05)
            await background.stop()
            timer.stop()

        try:
            loop.run_until_complete(main())
        finally:
            loop.close()
        assert reports[0].ok, reports[0]
        assert reports[0].seconds > 0.5  # the sync really was long
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        assert max(gaps) < 0.25, max(gaps)  # the GUI thread never waited on the network
        assert_exactly_once(server, t, ids)
    finally:
        t.close()
