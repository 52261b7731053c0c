"""A photo upload in progress belongs to the device that announced it: another enrolled device
that knows or guesses the digest cannot append to it, read its offset or shorten it, and two
devices uploading the same photo each fill their own part, the first complete one winning
(issue 16, threat 3: a malicious terminal)."""

from __future__ import annotations

import hashlib
import os

import httpx
import pytest

from gridterm.services.attachments import add_attachment
from gridterm.services.visits import Visits
from tests.server.helpers import Client, build_district
from tests.sync import district as districts
from tests.sync.conftest import make_terminal


@pytest.fixture(scope="module")
def district(server):
    return build_district(server.url, server.engine, households_per_grid=1)


def _create(c: Client, sha: str, length: int) -> httpx.Response:
    return c.http.post("/v1/blobs", json={"sha256": sha, "length": length}, headers=c.auth)


def _patch(c: Client, sha: str, offset: int, chunk: bytes) -> httpx.Response:
    headers = {
        **c.auth,
        "Upload-Offset": str(offset),
        "Content-Type": "application/offset+octet-stream",
    }
    return c.http.patch(f"/v1/blobs/{sha}", content=chunk, headers=headers)


def _head(c: Client, sha: str) -> httpx.Response:
    return c.http.head(f"/v1/blobs/{sha}", headers=c.auth)


def test_another_device_cannot_touch_an_upload_in_progress(district):
    owner = district.client("grid_worker")
    other = district.client("worker2")
    data = os.urandom(200_000)
    sha = hashlib.sha256(data).hexdigest()
    assert _create(owner, sha, len(data)).status_code == 200
    assert _patch(owner, sha, 0, data[:80_000]).json()["offset"] == 80_000
    # the other device never announced this upload: it has none to ask about or append to
    # (before: HEAD told it 80000, and its junk at 80000 was appended to the owner's bytes)
    peek = _head(other, sha)
    assert peek.status_code == 404 and "Upload-Offset" not in peek.headers
    spoil = _patch(other, sha, 80_000, b"\0" * 60_000)
    assert spoil.status_code == 404 and spoil.json()["error"]["code"] == "blob.unknown"
    # the owner's upload is untouched: it goes on where it stood and verifies
    # (before: 409 at 140000, then 422 blob.hash_mismatch, and the terminal gave the photo up)
    assert _head(owner, sha).headers["Upload-Offset"] == "80000"
    done = _patch(owner, sha, 80_000, data[80_000:])
    assert done.status_code == 200 and done.json()["complete"] is True
    assert owner.http.get(f"/v1/blobs/{sha}", headers=owner.auth).content == data


def test_two_devices_uploading_one_photo_fill_their_own_parts(district):
    owner = district.client("grid_worker")
    other = district.client("worker3")
    data = os.urandom(150_000)
    sha = hashlib.sha256(data).hexdigest()
    # announced first by the other device with a wrong length: the owner's is still accepted
    # (before: 409 blob.length_mismatch, a photo never uploaded)
    assert _create(other, sha, 10).json()["offset"] == 0
    mine = _create(owner, sha, len(data))
    assert mine.status_code == 200 and mine.json()["offset"] == 0
    assert _patch(owner, sha, 0, data[:50_000]).json()["offset"] == 50_000
    # the other device fills its own part with junk: only its own upload fails its hash
    assert _patch(other, sha, 0, b"x" * 10).json()["error"]["code"] == "blob.hash_mismatch"
    assert _create(other, sha, len(data)).json()["offset"] == 0  # its own part, not 50000
    assert _patch(other, sha, 0, b"\0" * 60_000).json()["offset"] == 60_000
    assert _head(owner, sha).headers["Upload-Offset"] == "50000"
    assert _head(other, sha).headers["Upload-Offset"] == "60000"
    junk = _patch(other, sha, 60_000, b"\0" * (len(data) - 60_000))
    assert junk.status_code == 422 and junk.json()["error"]["code"] == "blob.hash_mismatch"
    # the first complete, verified part is the blob; the other device is then told it is there
    assert _patch(owner, sha, 50_000, data[50_000:]).json()["complete"] is True
    assert _head(other, sha).headers["Upload-Offset"] == str(len(data))
    assert _patch(other, sha, 0, data[:1000]).json()["complete"] is True
    assert _create(other, sha, len(data)).json()["complete"] is True
    assert _create(other, sha, 10).status_code == 409  # a held blob's length is a fact
    assert owner.http.get(f"/v1/blobs/{sha}", headers=owner.auth).content == data


def test_the_terminal_finishes_a_photo_another_device_appended_junk_to(tmp_path, sync_server):
    district = districts.build(sync_server.engine, households_per_grid=1)
    t = make_terminal(tmp_path, district, "w1", sync_server.url)
    other = Client(sync_server.url)
    try:
        assert t.sync().ok
        assert other.enroll(district.code()).status_code == 200
        assert other.login(district.worker("w2"), districts.PIN).status_code == 200
        data = os.urandom(300_000)  # not an image: it goes as taken
        sha = add_attachment(t.session(), data, "image/jpeg").sha256
        Visits(t.session()).record(
            household_id=district.households["g1"][0],
            visited_at="2026-11-20T09:30:00+08:00",
            visit_type="routine",
            outcome="nothing_raised",
            photos=[sha],
        )
        # the terminal's upload began in an earlier sync and was cut at 100,000 bytes
        owner = Client(sync_server.url)
        owner.token = t.login.token()
        assert _create(owner, sha, len(data)).status_code == 200
        assert _patch(owner, sha, 0, data[:100_000]).json()["offset"] == 100_000
        _patch(other, sha, 100_000, b"\0" * 60_000)  # the junk a colleague's terminal sends
        report = t.sync()
        # before: the terminal went on from 160,000, the server answered 422 blob.hash_mismatch
        # and the photo was given up for good (photo_upload.state 'failed')
        assert report.ok and report.photos == 1 and report.photos_failed == 0, report
        assert report.photos_resumed_at == [100_000]
        assert t.store.query("SELECT state FROM photo_upload") == [{"state": "done"}]
        assert owner.http.get(f"/v1/blobs/{sha}", headers=owner.auth).content == data
        owner.close()
    finally:
        other.close()
        t.close()
