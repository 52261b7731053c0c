"""Closing the app while a sync is in flight: the GUI thread never waits for it. The sync is
cancelled politely, a thread of its own waits (bounded) for the engine's thread, and only then
does the store close — cleanly. Nothing is lost or stored twice: the next sync finishes."""

from __future__ import annotations

import asyncio
import itertools
import os
import time

import pytest

from gridterm.store import Store
from tests.sync.conftest import assert_exactly_once, make_terminal, open_terminal, record_visits
from tests.sync.district import PIN

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
qasync = pytest.importorskip("qasync")
QtCore = pytest.importorskip("PySide6.QtCore")


def test_closing_during_a_sync_does_not_block_and_closes_the_store_cleanly(
    qapp, tmp_path, server, district, proxy
):
    from ui.sync_runner import SyncRunner

    t = make_terminal(tmp_path, district, "w1", proxy.url)
    assert t.sync().ok
    ids = record_visits(t, district.households["g1"], 1500)
    t.login.transport.close()
    proxy.throttle(1_000_000)  # a slow link: the sync is still running when we close
    store: Store = t.store
    runner = SyncRunner(store, district.worker("w1"), PIN)
    loop = qasync.QEventLoop(qapp)
    ticks: list[float] = []
    took: list[float] = []
    halting = []

    async def main() -> None:
        timer = QtCore.QTimer()
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        timer.start(10)
        runner.start()
        runner.scheduler.reachability_changed("Online")
        runner.sync_now()
        while not runner.engine.running:
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.3)  # well into the push
        start = time.monotonic()
        halting.append(runner.halt(then=store.close))  # what closing the window does
        took.append(time.monotonic() - start)
        while not runner.finished:
            await asyncio.sleep(0.02)
        timer.stop()

    try:
        loop.run_until_complete(main())
    finally:
        loop.close()
        proxy.throttle(None)
    assert took[0] < 0.05, took  # the GUI thread did not wait for the network
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 0.25, max(gaps)  # and kept turning while the sync wound down
    halting[0].join(30)
    assert not halting[0].is_alive()
    assert store._closed and not runner.engine.running  # closed after the sync, not under it

    # reopen as the next start would: every visit reaches the server exactly once
    again = open_terminal(t.path, district, "w1", proxy.url)
    try:
        assert again.sync().ok
        assert_exactly_once(server, again, ids)
    finally:
        again.close()
