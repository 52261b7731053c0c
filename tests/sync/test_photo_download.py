"""Photos taken on another terminal reach this one after the pull, against the real server:
a re-inspection's after-photo, a cut download resumed from its offset, a refused photo not
asked again every sync, the byte budget continued by the next sync, a damaged download
discarded, and what is not fetched (old closed hazards, old signatures, visit photos)."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from gridterm.services.attachments import add_attachment
from gridterm.services.hazards import Hazards
from gridterm.services.visits import Visits
from sync.client.photo_download import PhotoDownloader, missing_key
from sync.client.retry import Retrier
from sync.client.settings import SyncSettings
from sync.client.stage import Stage
from tests.sync.conftest import FAST, Terminal, make_terminal, synced_terminal
from tests.sync.helpers import gridterm
from tests.sync.market import inspect_shop, photo

KB = 1024


def _close_with(t: Terminal, hazard: str, *after: str) -> None:
    """Rectified, re-inspected passed and verified closed, each with the ``after`` photos, on
    ``t``."""
    on = Hazards(t.session())
    on.rectify(hazard, photos=after)
    on.reinspect(hazard, passed=True, photos=after)
    on.verify_close(hazard, photos=after)


def _big_photo(t: Terminal, size: int) -> str:
    data = os.urandom(size)  # not an image: goes as taken, its digest known in advance
    sha = add_attachment(t.session(), data, "image/jpeg").sha256
    assert sha == hashlib.sha256(data).hexdigest()
    return sha


def _hash(t: Terminal, sha: str) -> str:
    return hashlib.sha256(t.store.blobs.get(sha)).hexdigest()


def _downloader(t: Terminal, now: datetime, settings: SyncSettings = FAST) -> PhotoDownloader:
    """The download stage alone, at another time (as the engine builds it)."""
    retrier = Retrier(settings.attempts, settings.max_wait_s, threading.Event(), base_s=0.2)
    stage = Stage(t.store, t.login.transport, t.login, settings, retrier)
    return PhotoDownloader(stage, user_id=t.login.me().id, now=lambda: now)


def test_an_after_photo_taken_on_b_reaches_a_after_its_pull(server, market, new_terminal):
    a = new_terminal(market, "i1", server.url, "a")
    _, hazards, shots, signature = inspect_shop(a, market)
    assert a.sync().ok
    b = new_terminal(market, "i2", server.url, "b")
    # B's first sync brought A's before-photos and signature: B needs them offline
    for sha in (*shots.values(), signature):
        assert _hash(b, sha) == sha
    after = photo(b.session())
    _close_with(b, hazards["wiring"], after)
    assert b.sync().ok
    assert not a.store.blobs.has(after)

    report = a.sync()
    assert report.ok, report
    assert (report.photos_downloaded, report.photo_bytes_downloaded) == (1, 20_000)
    assert _hash(a, after) == after
    assert Hazards(a.session()).before_after(hazards["wiring"]) == (
        (shots["wiring"],),
        (after,),
    )
    assert "photos downloaded 1 (20000 bytes)" in report.summary()
    assert report.as_dict()["photos_downloaded"] == 1
    # nothing left to fetch: the next sync asks for no photo
    again = a.sync()
    assert (again.photos_downloaded, again.photo_bytes_downloaded) == (0, 0)
    assert not list((a.path.parent / "gridterm.db.blobs.partial").iterdir())


def test_a_download_cut_midway_resumes_from_its_offset(server, market, proxy, new_terminal):
    b = new_terminal(market, "i2", server.url, "b")
    _, hazards, _, _ = inspect_shop(b, market)
    size = 3 * 1024 * KB
    after = _big_photo(b, size)
    _close_with(b, hazards["wiring"], after)
    assert b.sync().ok
    a = new_terminal(market, "i1", proxy.url, "a", settings=replace(FAST, photo_download_budget=0))
    assert not a.store.blobs.has(after)

    a.engine.settings = FAST
    down0 = proxy.bytes_down
    proxy.cut_response_after(1024 * KB)  # the photo is the only large answer
    report = a.sync()
    assert report.ok, report
    assert proxy.cuts == 1
    assert report.photos_downloaded == 4  # with the two before-photos and the signature
    assert _hash(a, after) == after
    (resumed,) = report.photos_down_resumed_at
    assert 0 < resumed < size  # from the bytes that came, not from zero
    received = size + 3 * 20_000
    assert report.photo_bytes_downloaded == received  # no byte received twice
    # on the wire, beyond the photos: headers and what the cut lost in flight (bytes the
    # proxy forwarded that the reset dropped), never what had arrived
    lost = proxy.bytes_down - down0 - received
    assert lost < 1024 * KB + 64 * KB


def test_a_photo_the_server_refuses_is_not_asked_again_every_sync(server, market, new_terminal):
    a = new_terminal(market, "i1", server.url, "a")
    _, hazards, shots, _ = inspect_shop(a, market)
    assert a.sync().ok
    # a photo nobody uploaded and no server record names: 404 for this user
    stranger = hashlib.sha256(b"not on the server").hexdigest()
    wiring = hazards["wiring"]
    a.store.write(
        lambda tx: tx.execute(
            "UPDATE hazard SET photos = ? WHERE id = ?",
            (json.dumps([shots["wiring"], stranger]), wiring),
        )
    )
    first = a.sync()
    assert first.ok, first  # a refused photo does not fail the sync
    assert (first.photos_down_missing, first.photos_downloaded) == (1, 0)
    second = a.sync()
    assert second.photos_down_missing == 0  # not asked
    assert second.requests < first.requests  # no GET for the photo
    memo = json.loads(
        a.store.query(
            "SELECT value FROM sync_state WHERE key = ?", (missing_key(a.login.me().id),)
        )[0]["value"]
    )
    assert memo[stranger]["tries"] == 1 and memo[stranger]["why"] == "blob.unknown"

    now = datetime.now(UTC)
    later = _downloader(a, now + timedelta(minutes=16)).download_all()
    assert (later.missing, later.waiting) == (1, 0)  # asked again after the backoff
    soon = _downloader(a, now + timedelta(minutes=32)).download_all()
    assert (soon.missing, soon.waiting) == (0, 1)  # the wait doubled
    # the record naming it changed: asked again at once
    a.store.write(
        lambda tx: tx.execute("UPDATE hazard SET version = version + 1 WHERE id = ?", (wiring,))
    )
    changed = _downloader(a, now + timedelta(minutes=33)).download_all()
    assert (changed.missing, changed.waiting) == (1, 0)


def test_the_byte_budget_stops_early_and_the_next_sync_goes_on(server, market, new_terminal):
    b = new_terminal(market, "i2", server.url, "b")
    _, hazards, shots, signature = inspect_shop(b, market)
    afters = [_big_photo(b, 400 * KB) for _ in range(3)]
    _close_with(b, hazards["wiring"], *afters)
    assert b.sync().ok
    wanted = [*shots.values(), signature, *afters]
    total = 3 * 20_000 + 3 * 400 * KB
    budget = 500 * KB
    settings = replace(FAST, photo_download_budget=budget)
    a = new_terminal(market, "i1", server.url, name="a", settings=settings, synced=False)
    reports = [a.sync()]
    part = a.path.parent / "gridterm.db.blobs.partial"
    (cut,) = list(part.iterdir())  # the budget ended inside a photo
    left_at = a.store.blobs.partial(cut.name).size()  # plaintext bytes: the file is sealed
    assert 0 < left_at < 400 * KB
    assert b"\xff\xd8" not in cut.read_bytes()[:64]  # no JPEG header at rest
    assert reports[0].photos_down_deferred >= 1
    while len(reports) < 5 and not all(a.store.blobs.has(s) for s in wanted):
        reports.append(a.sync())
    assert all(r.ok for r in reports), reports
    assert len(reports) == 3  # 1.2 MB in 500 KB pieces
    assert all(r.photo_bytes_downloaded <= budget for r in reports)
    assert sum(r.photo_bytes_downloaded for r in reports) == total  # nothing fetched twice
    assert reports[1].photos_down_resumed_at[0] == left_at  # went on from the part file
    for sha in wanted:
        assert _hash(a, sha) == sha


def test_a_damaged_download_is_discarded_never_stored(server, market, new_terminal):
    b = new_terminal(market, "i2", server.url, "b")
    _, hazards, _, _ = inspect_shop(b, market)
    after = photo(b.session())
    _close_with(b, hazards["wiring"], after)
    assert b.sync().ok
    a = new_terminal(market, "i1", server.url, "a", settings=replace(FAST, photo_download_budget=0))
    # a part file of the right length but wrong bytes (a disk fault, say)
    with a.store.blobs.partial(after).append() as part:
        part.write(b"\0" * 20_000)
    now = datetime.now(UTC)
    stats = _downloader(a, now).download_all()
    assert stats.corrupt == 1
    assert not a.store.blobs.has(after)
    assert not a.store.blobs.partial(after).exists()
    # remembered with a backoff, then fetched whole
    retry = _downloader(a, now + timedelta(minutes=16)).download_all()
    assert (retry.photos, retry.corrupt) == (1, 0)
    assert _hash(a, after) == after


def test_old_closed_work_and_visit_photos_are_not_fetched(tmp_path, server, market, district):
    b = synced_terminal(tmp_path, market, "i2", server.url, "b")
    c = None
    try:
        _, hazards, shots, signature = inspect_shop(b, market)
        after = photo(b.session())
        _close_with(b, hazards["wiring"], after)
        assert b.sync().ok
        c = synced_terminal(
            tmp_path, market, "i1", server.url, "c", settings=replace(FAST, photo_download_budget=0)
        )
        # 40 days on: the closed hazard and the signature are old; the open hazard is not
        stats = _downloader(c, datetime.now(UTC) + timedelta(days=40)).download_all()
        assert stats.photos == 1
        assert c.store.blobs.has(shots["extinguisher"])
        for old in (shots["wiring"], after, signature):
            assert not c.store.blobs.has(old)
    finally:
        b.close()
        if c is not None:
            c.close()

    w1 = make_terminal(tmp_path, district, "w1", server.url, name="w1")
    w2 = None
    try:
        assert w1.sync().ok
        shot = _big_photo(w1, 20 * KB)
        Visits(w1.session()).record(
            household_id=district.households["g1"][0],
            visited_at="2026-11-20T09:30:00+08:00",
            visit_type="routine",
            outcome="nothing_raised",
            photos=[shot],
        )
        assert w1.sync().ok
        w2 = make_terminal(tmp_path, district, "w2", server.url, name="w2")
        report = w2.sync()
        assert report.ok, report
        named = w2.store.query(
            "SELECT count(*) AS n FROM visit WHERE photos LIKE ?", (f"%{shot}%",)
        )
        assert named == [{"n": 1}]
        assert report.photos_downloaded == 0
        assert not w2.store.blobs.has(shot)
    finally:
        w1.close()
        if w2 is not None:
            w2.close()


def test_the_command_line_reports_downloads_and_takes_a_budget(tmp_path, server, market):
    a = synced_terminal(tmp_path, market, "i1", server.url, "a")
    b = None
    try:
        _, hazards, _, _ = inspect_shop(a, market)
        assert a.sync().ok
        b = synced_terminal(tmp_path, market, "i2", server.url, "b")
        after = photo(b.session())
        _close_with(b, hazards["wiring"], after)
        assert b.sync().ok
    finally:
        a.close()
        if b is not None:
            b.close()
    db, worker = str(a.path), market.worker("i1")
    out = gridterm("sync", "--db", db, "--worker-id", worker, "--photo-download-mb", "0")
    assert out.returncode == 0, out.stderr
    assert "photos downloaded 0 (0 bytes)" in out.stdout
    out = gridterm("sync", "--db", db, "--worker-id", worker, "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert (report["photos_downloaded"], report["photo_bytes_downloaded"]) == (1, 20_000)


def test_part_files_of_photos_no_longer_wanted_are_cleared_after_a_week(
    server, market, new_terminal
):
    a = new_terminal(market, "i1", server.url, "a")
    stale, fresh = (hashlib.sha256(n).hexdigest() for n in (b"stale", b"fresh"))
    for sha in (stale, fresh):
        with a.store.blobs.partial(sha).append() as part:
            part.write(b"x" * 100)
    week_ago = (datetime.now(UTC) - timedelta(days=8)).timestamp()
    os.utime(a.store.blobs.partial(stale).path, (week_ago, week_ago))
    assert a.sync().ok
    assert [p.name for p in a.store.blobs.partials()] == [fresh]
