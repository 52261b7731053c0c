"""The network at its worst, through the fault-injecting proxy: after each scenario the
server holds exactly the records recorded (none missing, none twice) and the terminal shows
every one confirmed (docs/sync-contract.md, guarantees 1–3)."""

from __future__ import annotations

import time
from dataclasses import replace

from tests.sync.conftest import FAST, assert_exactly_once, make_terminal, record_visits


def _terminal(tmp_path, district, proxy, **kw):
    t = make_terminal(tmp_path, district, "w1", proxy.url, **kw)
    first = t.sync()
    assert first.ok, first
    return t


def test_connection_cut_mid_request(tmp_path, server, district, proxy):
    t = _terminal(tmp_path, district, proxy)
    try:
        ids = record_visits(t, district.households["g1"], 300)
        proxy.cut_request_after(3000)  # past /v1/me, inside the first push body
        report = t.sync()
        assert proxy.cuts == 1
        assert report.ok, report
        assert report.retries >= 1
        assert report.resent_bytes > 0
        assert_exactly_once(server, t, ids)
    finally:
        t.close()


def test_connection_cut_mid_response(tmp_path, server, district, proxy):
    t = _terminal(tmp_path, district, proxy)
    try:
        ids = record_visits(t, district.households["g1"], 300)
        # the sync's first answer is /v1/me; cut the next one, the push's (compact, small):
        # the server committed, its answer is lost
        before = proxy.bytes_down
        t.login.me()
        proxy.cut_response_after(proxy.bytes_down - before + 20)
        report = t.sync()
        assert proxy.cuts == 1
        assert report.ok, report
        # the batch went again and the server recognised every op it had committed
        assert report.duplicates >= 1
        assert_exactly_once(server, t, ids)
    finally:
        t.close()


def test_an_answer_cut_inside_its_headers_is_retried(tmp_path, server, district, proxy):
    """Cut in the status line or headers, an answer can reach the HTTP library as a "200"
    with no body: that is a broken connection, not an answer."""
    t = _terminal(tmp_path, district, proxy)
    try:
        ids = record_visits(t, district.households["g1"], 30)
        proxy.cut_response_after(60)  # inside the headers of the sync's first answer
        report = t.sync()
        assert proxy.cuts == 1
        assert report.ok, report
        assert report.retries >= 1
        assert_exactly_once(server, t, ids)
    finally:
        t.close()


def test_long_delays_and_a_timeout(tmp_path, server, district, proxy):
    t = _terminal(tmp_path, district, proxy, read_timeout=2.0)
    try:
        ids = record_visits(t, district.households["g1"], 200)
        # /v1/me answers at once; the push answer comes too late (timeout), its retry slowly
        proxy.delay_answers(0, 1)
        proxy.delay_answers(4.0, 1)
        proxy.delay_answers(1.5, 1)
        report = t.sync()
        assert report.ok, report
        assert report.retries >= 1 and report.duplicates >= 1
        assert_exactly_once(server, t, ids)
    finally:
        t.close()


def test_503_with_retry_after_is_honoured(tmp_path, server, district, proxy):
    t = _terminal(tmp_path, district, proxy)
    try:
        ids = record_visits(t, district.households["g1"], 100)
        proxy.answer_503(times=2, retry_after=1, path="POST /v1/sync/push")
        started = time.monotonic()
        report = t.sync()
        assert proxy.answered_503 == 2
        assert report.ok, report
        assert report.retries == 2
        assert time.monotonic() - started >= 2.0  # waited at least what the server asked
        assert_exactly_once(server, t, ids)
    finally:
        t.close()


def test_offline_then_back(tmp_path, server, district, proxy):
    t = _terminal(tmp_path, district, proxy, settings=replace(FAST, attempts=2))
    try:
        ids = record_visits(t, district.households["g1"], 50)
        proxy.go_offline()
        offline = t.sync()
        assert not offline.ok and offline.error == "net.unreachable"
        assert t.outbox_states() == {"pending": 50}  # nothing shown as synced
        proxy.go_offline(False)
        report = t.sync()
        assert report.ok, report
        assert_exactly_once(server, t, ids)
    finally:
        t.close()
