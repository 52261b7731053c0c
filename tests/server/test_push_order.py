"""Pipelined pushes: a batch naming the one it follows (``after``) is applied only after it,
never before, and exactly once (docs/sync-contract.md: guarantee 2, the push)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from gridterm.ids import new_id
from sync.server.db import schema
from sync.server.push import order
from tests.server.helpers import build_district, op, visit_fields


@pytest.fixture
def district(server):
    return build_district(server.url, server.engine)


@pytest.fixture
def short_wait(monkeypatch):
    # the server runs in this process: a missing predecessor is waited for 0.5 s, not 3
    monkeypatch.setattr(order, "WAIT_S", 0.5)


def _visits(d, n, first_seq):
    out = []
    for i in range(n):
        vid = new_id()
        fields = visit_fields(d.households["g1"][0], d.user_id("grid_worker"), id=vid)
        out.append(op("visit", vid, fields, seq=first_seq + i))
    return out


def _stored(server, ops) -> int:
    t = schema.visit
    with server.engine.connect() as conn:
        ids = [o["entity_id"] for o in ops]
        return conn.execute(select(func.count()).where(t.c.id.in_(ids))).scalar_one()


def _log_seqs(server, ops) -> list[int]:
    t = schema.change_log
    with server.engine.connect() as conn:
        ids = [o["entity_id"] for o in ops]
        return list(conn.scalars(select(t.c.seq).where(t.c.entity_id.in_(ids))))


def test_a_batch_ahead_of_the_one_it_follows_is_answered_later_and_not_applied(
    server, district, short_wait
):
    c = district.client("grid_worker")
    first, second = _visits(district, 3, 1), _visits(district, 3, 4)
    started = time.monotonic()
    early = c.push(second, batch_id="b-2", after="b-1")
    assert early.status_code == 409, early.text
    error = early.json()["error"]
    assert error["code"] == "push.out_of_order" and error["retriable"] is True
    assert time.monotonic() - started >= 0.5  # it waited for its predecessor first
    assert _stored(server, second) == 0
    r1 = c.push(first, batch_id="b-1")
    assert r1.status_code == 200, r1.text
    late = c.push(second, batch_id="b-2", after="b-1")
    assert late.status_code == 200
    assert {r["status"] for r in late.json()["results"]} == {"applied"}
    assert _stored(server, first + second) == 6
    assert max(_log_seqs(server, first)) < min(_log_seqs(server, second))


def test_a_batch_that_overtook_its_predecessor_waits_for_it(server, district, monkeypatch):
    monkeypatch.setattr(order, "WAIT_S", 20.0)
    c = district.client("grid_worker")
    first, second = _visits(district, 200, 1), _visits(district, 200, 201)
    answers = {}

    def send_second() -> None:
        answers["second"] = c.push(second, batch_id="p-2", after="p-1")

    behind = threading.Thread(target=send_second)
    behind.start()
    time.sleep(0.3)  # the second batch is on the server, waiting
    assert "second" not in answers
    other = c.push(first, batch_id="p-1")
    behind.join(30)
    assert other.status_code == 200 and answers["second"].status_code == 200
    assert _stored(server, first + second) == 400
    # applied in the order they were sent: every change of the first before the second's
    assert max(_log_seqs(server, first)) < min(_log_seqs(server, second))


def test_a_pipelined_batch_sent_twice_is_applied_once(server, district, short_wait):
    c = district.client("grid_worker")
    first, second = _visits(district, 2, 1), _visits(district, 2, 3)
    assert c.push(first, batch_id="d-1").status_code == 200
    assert c.push(second, batch_id="d-2", after="d-1").status_code == 200
    again = c.push(second, batch_id="d-2", after="d-1")
    assert {r["status"] for r in again.json()["results"]} == {"duplicate"}
    with server.engine.connect() as conn:
        rows = conn.execute(
            select(func.count()).where(schema.push_batch.c.batch_id.in_(["d-1", "d-2"]))
        ).scalar_one()
    assert rows == 2 and _stored(server, first + second) == 4


def test_another_devices_batch_is_no_predecessor(server, district, short_wait):
    mine, theirs = district.client("grid_worker"), district.client("grid_worker")
    tag = new_id()
    assert theirs.push(_visits(district, 1, 1), batch_id=f"{tag}-1").status_code == 200
    ahead = _visits(district, 1, 1)
    r = mine.push(ahead, batch_id=f"{tag}-2", after=f"{tag}-1")
    assert r.status_code == 409 and r.json()["error"]["code"] == "push.out_of_order"
    assert _stored(server, ahead) == 0
    # the same batch id from two devices: two batches, each applied
    assert mine.push(ahead, batch_id=f"{tag}-1").status_code == 200
    assert _stored(server, ahead) == 1
