"""The push pipeline through the fault proxy: two batches in flight, each naming the one it
follows, and still every record applied exactly once and in the order it was recorded
(docs/sync.md, "Push"; docs/sync-contract.md, guarantee 2 and the push)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from typing import Any

import zstandard
from sqlalchemy import select

from sync.client.errors import Refused, SyncError
from sync.client.push import PIPELINE
from sync.server.db import schema
from tests.sync.conftest import FAST, Terminal, assert_exactly_once, make_terminal, record_visits


@dataclass
class _Watch:
    """What the terminal's pushes did: most at once, and the errors they met."""

    active: int = 0
    most: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _watch(t: Terminal) -> _Watch:
    watch, call = _Watch(), t.login.transport.call

    def watched(method: str, path: str, **kw: Any) -> Any:
        if path != "/v1/sync/push":
            return call(method, path, **kw)
        with watch.lock:
            watch.active += 1
            watch.most = max(watch.most, watch.active)
        try:
            return call(method, path, **kw)
        except SyncError as exc:
            with watch.lock:
                watch.errors.append(exc.code)
            raise
        finally:
            with watch.lock:
                watch.active -= 1

    t.login.transport.call = watched  # type: ignore[method-assign]
    return watch


def _in_server_order(server, ids: list[str]) -> list[str]:
    """The visits as the server's change log has them, first applied first."""
    t = schema.change_log
    seen: dict[str, int] = {}
    with server.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            query = select(t.c.entity_id, t.c.seq).where(
                t.c.entity == "visit", t.c.entity_id.in_(ids[i : i + 500])
            )
            for entity_id, seq in conn.execute(query):
                seen.setdefault(entity_id, seq)
    return sorted(seen, key=seen.__getitem__)


def _small_batches(tmp_path, district, proxy, ops: int, **kw: Any) -> Terminal:
    settings = replace(FAST, first_batch_ops=ops, max_batch_ops=ops, **kw)
    t = make_terminal(tmp_path, district, "w1", proxy.url, settings=settings)
    assert t.sync().ok
    return t


def test_two_batches_in_flight_land_once_and_in_order_under_cuts(tmp_path, server, district, proxy):
    t = _small_batches(tmp_path, district, proxy, 25, attempts=20)
    try:
        ids = record_visits(t, district.households["g1"], 400)  # 16 batches
        watch = _watch(t)
        # one cut inside a push for certain (the 16 batches can be through in under 70 ms),
        # then whatever open connection the clock finds
        proxy.cut_request_after(4000)
        proxy.cut_every(0.07)
        reports = [t.sync()]
        while not reports[-1].ok and len(reports) < 10:
            reports.append(t.sync())
        proxy.cut_every(None)
        assert reports[-1].ok, reports[-1]
        assert proxy.cuts >= 1 and watch.most == 2
        assert_exactly_once(server, t, ids)
        assert _in_server_order(server, ids) == ids  # recorded order = applied order
    finally:
        t.close()


def test_a_batch_ahead_of_its_cut_predecessor_is_sent_again_after_it(
    tmp_path, server, district, proxy
):
    # the first batch's retry comes after 4–8 s, longer than the server waits for it (3 s):
    # the second is answered out of order and sent again once the first has landed
    t = _small_batches(tmp_path, district, proxy, 100, retry_base_s=8.0, max_wait_s=10.0)
    try:
        ids = record_visits(t, district.households["g1"], 300)
        watch = _watch(t)
        before = proxy.bytes_up
        t.login.me()
        proxy.cut_request_after(proxy.bytes_up - before + 200)  # /v1/me, then the first batch
        report = t.sync()
        assert proxy.cuts == 1
        assert report.ok, report
        assert "push.out_of_order" in watch.errors and watch.most == 2
        assert report.confirmed == 300 and report.rejected == 0
        assert_exactly_once(server, t, ids)
        assert _in_server_order(server, ids) == ids
    finally:
        t.close()


def test_a_server_from_before_pipelining_gets_one_batch_at_a_time(
    tmp_path, server, district, proxy
):
    # such a server refuses the unknown field as pydantic words it: 422 push.invalid, "after"
    t = _small_batches(tmp_path, district, proxy, 50)
    try:
        ids = record_visits(t, district.households["g1"], 300)
        watch, call = _watch(t), t.login.transport.call
        refused = []

        def older(method: str, path: str, **kw: Any) -> Any:
            body = kw.get("body") or b""
            if path == "/v1/sync/push" and b'"after":' in zstandard.decompress(body):
                refused.append(path)
                raise Refused("push.invalid", "after: Extra inputs", status=422, field="after")
            return call(method, path, **kw)

        t.login.transport.call = older  # type: ignore[method-assign]
        report = t.sync()
        assert report.ok, report
        # refused for the batches already in flight, then never named again
        assert 1 <= len(refused) <= PIPELINE
        assert report.confirmed == 300 and report.rejected == 0
        assert_exactly_once(server, t, ids)
        assert _in_server_order(server, ids) == ids
        assert watch.most <= 2
    finally:
        t.close()
