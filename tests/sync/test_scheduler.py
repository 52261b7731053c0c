"""When syncs happen: network up, periodically, on demand; backoff with jitter after
failures, Retry-After honoured, never a tight loop; the asyncio runner the UI uses."""

from __future__ import annotations

import asyncio
import itertools
import random

from sync.client.background import BackgroundSync
from sync.client.backoff import Backoff
from sync.client.connectivity import ServerProbe
from sync.client.report import SyncReport
from sync.client.scheduler import SyncScheduler


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _scheduler(results, probe=lambda: True, period=300.0):
    clock = Clock()
    runs: list[float] = []

    def run() -> SyncReport:
        runs.append(clock.now)
        return results.pop(0) if results else SyncReport()

    s = SyncScheduler(
        run,
        probe,
        period_s=period,
        clock=clock,
        backoff=Backoff(base=5.0, cap=600.0, floor=2.0, rng=random.Random(7)),
    )
    return s, clock, runs


def test_first_sync_at_once_then_periodically():
    s, clock, runs = _scheduler([])
    assert s.seconds_until_due() == 0
    assert s.run_if_due() is not None
    assert s.seconds_until_due() == 300
    assert s.run_if_due() is None  # not yet: no run
    clock.now += 300
    assert s.run_if_due() is not None
    assert len(runs) == 2


def test_failures_back_off_exponentially_with_jitter_and_never_spin():
    failures = [SyncReport(error="net.unreachable") for _ in range(8)]
    s, clock, _runs = _scheduler(failures)
    delays = []
    for _ in range(8):
        clock.now += s.seconds_until_due()
        assert s.run_if_due() is not None
        delays.append(s.seconds_until_due())
    assert all(d >= 2.0 for d in delays)  # never a tight loop
    assert delays[0] < delays[3] < delays[6]  # growing
    assert max(delays) <= 600
    # the jitter: the upper half of each step is random, so the steps are not exact doublings
    assert any(abs(b / a - 2) > 0.05 for a, b in itertools.pairwise(delays))


def test_retry_after_is_honoured():
    s, _clock, _ = _scheduler([SyncReport(error="server.busy", retry_after=120)])
    s.run_if_due()
    assert s.seconds_until_due() >= 120


def test_an_unreachable_server_is_probed_not_synced_and_backs_off():
    reachable = [False, False, True]
    s, clock, runs = _scheduler([], probe=lambda: reachable.pop(0))
    assert s.run_if_due() is None and runs == []
    first = s.seconds_until_due()
    clock.now += first
    assert s.run_if_due() is None and runs == []
    assert s.seconds_until_due() > first * 0.9  # backing off even without a sync
    clock.now += s.seconds_until_due()
    assert s.run_if_due() is not None and len(runs) == 1


def test_network_events_and_sync_now():
    s, _clock, runs = _scheduler([])
    s.network_changed(False)
    assert s.seconds_until_due() is None  # no network: wait for the OS to say so
    assert s.run_if_due() is None
    woken = []
    s.set_waker(lambda: woken.append(1))
    s.network_changed(True)
    assert woken and s.seconds_until_due() == 0
    s.run_if_due()
    assert s.seconds_until_due() == 300
    s.request_sync()
    assert s.seconds_until_due() == 0 and len(woken) == 2
    s.run_if_due()
    assert len(runs) == 2


def test_login_problems_wait_for_the_period_not_the_backoff():
    s, _clock, _ = _scheduler([SyncReport(error="auth.wrong_pin")])
    s.run_if_due()
    assert s.seconds_until_due() == 300


def test_probe_against_the_real_server(server, proxy):
    assert ServerProbe(server.url)()
    proxy.go_offline()
    assert not ServerProbe(proxy.url)()


def test_background_runner_syncs_when_the_network_comes_up():
    runs: list[int] = []

    def run() -> SyncReport:
        runs.append(1)
        return SyncReport()

    scheduler = SyncScheduler(run, lambda: True, period_s=3600)
    scheduler.network_changed(False)
    reports: list[SyncReport] = []

    async def main() -> None:
        background = BackgroundSync(scheduler, on_report=reports.append)
        background.start()
        await asyncio.sleep(0.2)
        assert runs == []  # offline: nothing tried
        scheduler.network_changed(True)  # as Qt's reachabilityChanged would, from any thread
        for _ in range(100):
            if reports:
                break
            await asyncio.sleep(0.02)
        await background.stop()

    asyncio.run(main())
    assert runs == [1] and len(reports) == 1


def test_qt_reachability_names_map_to_up_and_down():
    s, _clock, _runs = _scheduler([])
    s.reachability_changed("Reachability.Disconnected")
    assert s.seconds_until_due() is None
    s.reachability_changed("Local")
    assert s.seconds_until_due() is None
    s.reachability_changed("Online")
    assert s.seconds_until_due() == 0
    s.reachability_changed("Unknown")
    assert s.seconds_until_due() == 0
