"""The network at its worst, through the fault-injecting proxy: after each scenario the
server holds exactly the records recorded (none missing, none twice) and the terminal shows
every one confirmed (docs/sync-contract.md, guarantees 1–3)."""

from __future__ import annotations

import time
from dataclasses import replace

from tests.sync.conftest import FAST, assert_exactly_once, record_visits


def _synced_through_the_cut(t, proxy):
    """A sync of ``t`` that met the one cut set up on the proxy and still succeeded."""
    report = t.sync()
    assert proxy.cuts == 1
    assert report.ok, report
    return report


def test_connection_cut_mid_request(server, district, proxy, new_terminal):
    t = new_terminal(district, "w1", proxy.url)
    ids = record_visits(t, district.households["g1"], 300)
    proxy.cut_request_after(3000)  # past /v1/me, inside the first push body
    report = _synced_through_the_cut(t, proxy)
    assert report.retries >= 1
    assert report.resent_bytes > 0
    assert_exactly_once(server, t, ids)


def test_connection_cut_mid_response(server, district, proxy, new_terminal):
    t = new_terminal(district, "w1", proxy.url)
    ids = record_visits(t, district.households["g1"], 300)
    # the sync's first answer is /v1/me; cut the next one, the push's (compact, small):
    # the server committed, its answer is lost
    before = proxy.bytes_down
    t.login.me()
    proxy.cut_response_after(proxy.bytes_down - before + 20)
    report = _synced_through_the_cut(t, proxy)
    # the batch went again and the server recognised every op it had committed
    assert report.duplicates >= 1
    assert_exactly_once(server, t, ids)


def test_an_answer_cut_inside_its_headers_is_retried(server, district, proxy, new_terminal):
    """Cut in the status line or headers, an answer can reach the HTTP library as a "200"
    with no body: that is a broken connection, not an answer."""
    t = new_terminal(district, "w1", proxy.url)
    ids = record_visits(t, district.households["g1"], 30)
    proxy.cut_response_after(60)  # inside the headers of the sync's first answer
    report = _synced_through_the_cut(t, proxy)
    assert report.retries >= 1
    assert_exactly_once(server, t, ids)


def test_long_delays_and_a_timeout(server, district, proxy, new_terminal):
    t = new_terminal(district, "w1", proxy.url, read_timeout=2.0)
    ids = record_visits(t, district.households["g1"], 200)
    # /v1/me answers at once; the push answer comes too late (timeout), its retry slowly
    proxy.delay_answers(0, 1)
    proxy.delay_answers(4.0, 1)
    proxy.delay_answers(1.5, 1)
    report = t.sync()
    assert report.ok, report
    assert report.retries >= 1 and report.duplicates >= 1
    assert_exactly_once(server, t, ids)


def test_503_with_retry_after_is_honoured(server, district, proxy, new_terminal):
    t = new_terminal(district, "w1", proxy.url)
    ids = record_visits(t, district.households["g1"], 100)
    proxy.answer_503(times=2, retry_after=1, path="POST /v1/sync/push")
    started = time.monotonic()
    report = t.sync()
    assert proxy.answered_503 == 2
    assert report.ok, report
    assert report.retries == 2
    assert time.monotonic() - started >= 2.0  # waited at least what the server asked
    assert_exactly_once(server, t, ids)


def test_offline_then_back(server, district, proxy, new_terminal):
    t = new_terminal(district, "w1", proxy.url, settings=replace(FAST, attempts=2))
    ids = record_visits(t, district.households["g1"], 50)
    proxy.go_offline()
    offline = t.sync()
    assert not offline.ok and offline.error == "net.unreachable"
    assert t.outbox_states() == {"pending": 50}  # nothing shown as synced
    proxy.go_offline(False)
    report = t.sync()
    assert report.ok, report
    assert_exactly_once(server, t, ids)
