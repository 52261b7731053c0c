"""Batches, pages and chunks sized to the link: about ``target_s`` per request."""

from __future__ import annotations

from sync.client.backoff import Backoff
from sync.client.sizing import PieceSizer


def test_a_fast_link_grows_the_pieces_at_most_twofold():
    sizer = PieceSizer(250, 1, 1000, target_s=2.0)
    sizer.succeeded(250, 0.05)
    assert sizer.size == 500
    sizer.succeeded(500, 0.05)
    assert sizer.size == 1000
    sizer.succeeded(1000, 0.05)
    assert sizer.size == 1000  # the protocol's limit


def test_a_slow_link_shrinks_them_towards_the_target_duration():
    sizer = PieceSizer(1000, 1, 1000, target_s=2.0)
    sizer.succeeded(1000, 3.0)  # 333 ops/s → 667 in 2 s
    assert sizer.size == 666
    sizer.succeeded(666, 20.0)  # far too slow: at most halve at a time
    assert sizer.size == 333


def test_a_failure_halves_and_a_short_tail_teaches_nothing():
    sizer = PieceSizer(800, 50, 1000, target_s=2.0)
    sizer.failed()
    assert sizer.size == 400
    sizer.succeeded(10, 5.0)  # the last few ops of the outbox: no verdict on the link
    assert sizer.size == 400
    for _ in range(10):
        sizer.failed()
    assert sizer.size == 50


def test_backoff_honours_retry_after_and_a_floor():
    backoff = Backoff(base=0.5, cap=30.0, floor=0.5)
    assert 0.5 <= backoff.next_delay() <= 0.5
    assert backoff.next_delay(retry_after=7) >= 7
    backoff.reset()
    assert backoff.next_delay() <= 0.5
