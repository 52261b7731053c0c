"""Two server instances behind HAProxy on one PostgreSQL: exactly once still holds.

A city runs several instances per database (docs/scaling.md). These tests run real
``gridterm-server serve`` processes behind Debian's HAProxy on 127.0.0.1 (tests/sync/cluster.py):
a terminal's sync spread over both, its retries landing on the other instance when one dies,
one batch pushed to both at once, pulls that stay commit-safe while both write, and a photo
upload that resumes on the other instance.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import func, select

from gridterm.ids import new_id
from sync.server.db import schema
from tests.postgres import throwaway_database
from tests.server import helpers as api
from tests.sync import district as districts
from tests.sync.cluster import Cluster, haproxy_binary
from tests.sync.conftest import assert_exactly_once, make_terminal, record_visits

pytestmark = pytest.mark.skipif(
    haproxy_binary() is None and not os.environ.get("CI"),
    reason="haproxy is not installed (./dev setup installs it)",
)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    with throwaway_database() as db_url:
        c = Cluster(tmp_path_factory.mktemp("cluster"), db_url, count=2)
        c.start()
        yield c
        c.stop()


def _applied(cluster: Cluster, op_ids: list[str]) -> int:
    t = schema.applied_op
    with cluster.engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(t).where(t.c.op_id.in_(op_ids))
            ).scalar_one()
        )


def test_a_sync_spread_over_both_instances_lands_exactly_once(tmp_path, cluster) -> None:
    district = districts.build(cluster.engine)
    before = cluster.requests_per_instance()
    terminal = make_terminal(tmp_path, district, "w1", cluster.url)
    try:
        terminal.sync()  # the first sync brings the worker's area
        ids = record_visits(terminal, district.households["g1"], 2500)
        report = terminal.sync()
        assert report.pushed == 2500
        assert_exactly_once(cluster.instances[0], terminal, ids)
    finally:
        terminal.close()
    served = [a - b for a, b in zip(cluster.requests_per_instance(), before, strict=True)]
    assert all(n >= 2 for n in served), served  # both instances took part in one sync


def _client(district: districts.District, url: str) -> api.Client:
    """A terminal enrolled through ``url`` with w1 logged in, speaking the protocol by hand."""
    client = api.Client(url)
    assert client.enroll(district.code()).status_code == 200
    assert client.login(district.worker("w1"), districts.PIN).status_code == 200
    return client


def test_one_batch_pushed_to_both_instances_at_once_is_applied_once(cluster) -> None:
    district = districts.build(cluster.engine)
    client = _client(district, cluster.instances[0].url)
    household = district.households["g1"][0]
    user = district.user_ids["w1"]
    ops = [
        api.op("visit", fields["id"], fields, seq=i + 1)
        for i, fields in enumerate(api.visit_fields(household, user) for _ in range(300))
    ]
    batch_id = new_id()
    body_client = [client, api.Client(cluster.instances[1].url)]
    body_client[1].device_id, body_client[1].token = client.device_id, client.token
    answers: list[httpx.Response] = []
    start = threading.Barrier(2)

    def push(c: api.Client) -> None:
        start.wait()
        answers.append(c.push(ops, batch_id=batch_id))

    threads = [threading.Thread(target=push, args=(c,)) for c in body_client]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(r.status_code for r in answers)
    # Both answer the batch as a whole (one of them may be told to retry while the other
    # holds it); what the database holds is one copy of each op.
    assert statuses[0] == 200, [r.text[:200] for r in answers]
    assert all(s in (200, 409, 503) for s in statuses), statuses
    ids = [o["entity_id"] for o in ops]
    v = schema.visit
    with cluster.engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(v).where(v.c.id.in_(ids)))
        assert stored.scalar_one() == 300
    assert _applied(cluster, [o["op_id"] for o in ops]) == 300
    # and a retry of the same batch on either instance is answered as a duplicate
    for c in body_client:
        again = c.push(ops, batch_id=batch_id)
        assert again.status_code == 200
        assert _applied(cluster, [o["op_id"] for o in ops]) == 300
    for c in body_client:
        c.close()


def test_retries_land_on_the_other_instance_when_one_dies(tmp_path, cluster) -> None:
    district = districts.build(cluster.engine)
    terminal = make_terminal(tmp_path, district, "w1", cluster.url)
    victim = cluster.instances[1]
    try:
        terminal.sync()
        ids = record_visits(terminal, district.households["g1"], 4000)
        served = cluster.requests_per_instance()[1]

        def kill_once_it_serves_this_sync() -> None:
            cluster.wait_until(lambda: cluster.requests_per_instance()[1] > served + 1)
            victim.kill()  # SIGKILL in the middle of the sync, whatever it was doing

        killer = threading.Thread(target=kill_once_it_serves_this_sync)
        killer.start()
        first = terminal.sync()
        killer.join()
        assert victim.proc is not None and victim.proc.poll() is not None
        if first.error or terminal.outbox_states() != {"confirmed": len(ids)}:
            terminal.sync()  # what the run gave up on goes with the next one, as in the field
        assert_exactly_once(cluster.instances[0], terminal, ids)
    finally:
        terminal.close()
        victim.start()
        cluster.wait_until(lambda: cluster.up() == 2)


def test_pulls_stay_commit_safe_while_both_instances_write(tmp_path, cluster) -> None:
    district = districts.build(cluster.engine)
    writers = [
        make_terminal(tmp_path, district, who, inst.url, name=f"{who}-writer")
        for who, inst in zip(("w1", "w2"), cluster.instances, strict=True)
    ]
    reader = make_terminal(tmp_path, district, "w1", cluster.url, name="reader")
    try:
        recorded: list[str] = []
        for t in [*writers, reader]:
            t.sync()
        for w in writers:
            recorded += record_visits(w, district.households["g1"], 600)

        def write(t) -> None:
            t.sync()

        threads = [threading.Thread(target=write, args=(w,)) for w in writers]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            reader.sync()  # pulls while the others' batches commit on both instances
        # A pull hands out only what no open transaction can still precede; it may come a
        # sync later (on a shared PostgreSQL any database's writer holds that horizon back),
        # but it must come, and once.
        deadline = time.monotonic() + 30
        held: list[str] = []
        while time.monotonic() < deadline:
            reader.sync()
            held = [r["id"] for r in reader.store.query("SELECT id FROM visit")]
            if set(recorded) <= set(held):
                break
        assert set(recorded) <= set(held)  # nothing skipped by a cursor handed out too early
        assert len(held) == len(set(held))
    finally:
        for t in [*writers, reader]:
            t.close()


def test_a_photo_upload_resumes_on_the_other_instance(cluster) -> None:
    district = districts.build(cluster.engine)
    first = _client(district, cluster.instances[0].url)
    second = api.Client(cluster.instances[1].url)
    second.token = first.token
    data = os.urandom(400_000)
    sha = hashlib.sha256(data).hexdigest()
    r = first.http.post("/v1/blobs", json={"sha256": sha, "length": len(data)}, headers=first.auth)
    assert r.status_code == 200

    def patch(c: api.Client, offset: int, chunk: bytes) -> httpx.Response:
        headers = {
            **c.auth,
            "Upload-Offset": str(offset),
            "Content-Type": "application/offset+octet-stream",
        }
        return c.http.patch(f"/v1/blobs/{sha}", content=chunk, headers=headers)

    assert patch(first, 0, data[:150_000]).json()["offset"] == 150_000
    # the first instance is gone from the terminal's view: the other one knows the offset
    head = second.http.head(f"/v1/blobs/{sha}", headers=second.auth)
    assert head.headers["Upload-Offset"] == "150000"
    assert patch(second, 150_000, data[150_000:]).json()["complete"] is True
    assert first.http.get(f"/v1/blobs/{sha}", headers=first.auth).content == data
    first.close()
    second.close()
