"""Guarantee 5: photos are SHA-256 addressed, uploaded in chunks that resume at the byte where
they stopped, verified, and never sent twice."""

from __future__ import annotations

import hashlib
import os

import pytest

from gridterm.ids import new_id
from tests.server.helpers import build_district, op, ticket_fields, visit_fields


@pytest.fixture(scope="module")
def terminal(server):
    d = build_district(server.url, server.engine, households_per_grid=1)
    return d.client("grid_worker")


def _create(c, data: bytes):
    sha = hashlib.sha256(data).hexdigest()
    r = c.http.post("/v1/blobs", json={"sha256": sha, "length": len(data)}, headers=c.auth)
    return sha, r


def _patch(c, sha, offset, chunk):
    return c.http.patch(
        f"/v1/blobs/{sha}",
        content=chunk,
        headers={
            **c.auth,
            "Upload-Offset": str(offset),
            "Content-Type": "application/offset+octet-stream",
        },
    )


def test_chunked_upload_resumes_at_the_offset(terminal):
    c = terminal
    data = os.urandom(300_000)
    sha, r = _create(c, data)
    assert r.status_code == 200 and r.json()["offset"] == 0 and not r.json()["complete"]
    assert _patch(c, sha, 0, data[:100_000]).json()["offset"] == 100_000
    # the connection drops; the terminal asks where to resume
    head = c.http.head(f"/v1/blobs/{sha}", headers=c.auth)
    assert head.headers["Upload-Offset"] == "100000"
    assert head.headers["Upload-Length"] == "300000"
    # a chunk sent at the wrong offset is refused with the right one
    wrong = _patch(c, sha, 50_000, data[50_000:150_000])
    assert wrong.status_code == 409 and wrong.headers["Upload-Offset"] == "100000"
    done = _patch(c, sha, 100_000, data[100_000:])
    assert done.json()["complete"] is True
    got = c.http.get(f"/v1/blobs/{sha}", headers=c.auth)
    assert got.content == data
    part = c.http.get(f"/v1/blobs/{sha}", headers={**c.auth, "Range": "bytes=10-19"})
    assert part.status_code == 206 and part.content == data[10:20]


def test_a_blob_the_server_has_is_not_sent_again(terminal):
    c = terminal
    data = b"photo of a blocked exit" * 100
    sha, _ = _create(c, data)
    _patch(c, sha, 0, data)
    _, again = _create(c, data)
    assert again.json() == {
        "sha256": sha,
        "length": len(data),
        "offset": len(data),
        "complete": True,
    }
    conflict = c.http.post("/v1/blobs", json={"sha256": sha, "length": 5}, headers=c.auth)
    assert conflict.status_code == 409


def test_the_hash_is_verified(terminal):
    c = terminal
    data = os.urandom(1000)
    sha, _ = _create(c, data)
    tampered = bytes([data[0] ^ 1]) + data[1:]
    r = _patch(c, sha, 0, tampered)
    assert r.status_code == 422 and r.json()["error"]["code"] == "blob.hash_mismatch"
    assert c.http.head(f"/v1/blobs/{sha}", headers=c.auth).headers["Upload-Offset"] == "0"
    assert _patch(c, sha, 0, data).json()["complete"] is True


def test_bad_uploads_are_4xx(terminal):
    c = terminal
    data = os.urandom(100)
    sha, _ = _create(c, data)
    assert _patch(c, sha, 0, data + b"extra").status_code == 400
    missing_offset = c.http.patch(f"/v1/blobs/{sha}", content=data, headers=c.auth)
    assert missing_offset.status_code == 400
    assert c.http.head("/v1/blobs/" + "0" * 64, headers=c.auth).status_code == 404
    assert c.http.get("/v1/blobs/" + "0" * 64, headers=c.auth).status_code == 404
    assert (
        c.http.post("/v1/blobs", json={"sha256": "xyz", "length": 1}, headers=c.auth).status_code
        == 422
    )
    assert (
        c.http.post(
            "/v1/blobs", json={"sha256": "a" * 64, "length": -1}, headers=c.auth
        ).status_code
        == 422
    )


def _upload(c, data: bytes) -> str:
    sha, r = _create(c, data)
    assert r.status_code == 200
    assert _patch(c, sha, 0, data).json()["complete"] is True
    return sha


@pytest.fixture(scope="module")
def district(server):
    return build_district(server.url, server.engine, households_per_grid=1)


def test_a_blob_is_downloaded_only_by_its_uploader_and_those_whose_area_names_it(district):
    worker = district.client("grid_worker")  # g1
    neighbour = district.client("worker2")  # g2, same community
    supervisor = district.client("community_supervisor")  # community A: g1, g2
    other_supervisor = district.client("supervisor_b")  # community B only
    data = os.urandom(5_000)
    sha = _upload(worker, data)

    def status(c):
        return c.http.get(f"/v1/blobs/{sha}", headers=c.auth).status_code

    # before any record names it, only the uploading device may read it back
    assert status(worker) == 200
    assert [status(neighbour), status(supervisor), status(other_supervisor)] == [404] * 3
    unknown = neighbour.http.get(f"/v1/blobs/{'0' * 64}", headers=neighbour.auth)
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "blob.unknown"  # the same answer: nothing leaks
    # a device may still learn "already there" for a digest it uploads (dedup)
    again = neighbour.http.post(
        "/v1/blobs", json={"sha256": sha, "length": len(data)}, headers=neighbour.auth
    )
    assert again.json()["complete"] is True
    assert status(neighbour) == 404
    # a visit in g1 names it: the community's supervisor may read it, g2's worker still not
    vid = new_id()
    fields = visit_fields(
        district.households["g1"][0], district.user_id("grid_worker"), id=vid, photos=f'["{sha}"]'
    )
    assert worker.push([op("visit", vid, fields)]).json()["results"][0]["status"] == "applied"
    assert [status(supervisor), status(neighbour), status(other_supervisor)] == [200, 404, 404]
    assert supervisor.http.get(f"/v1/blobs/{sha}", headers=supervisor.auth).content == data
    assert status(district.client("part_time_worker")) == 200  # holds g1 too


def test_a_ticket_photo_is_readable_in_the_area_of_its_ticket(district):
    worker = district.client("grid_worker")  # g1
    data = os.urandom(2_000)
    sha = _upload(worker, data)
    tid = new_id()
    fields = ticket_fields(
        district.grids["g1"], district.user_id("grid_worker"), id=tid, photos=f'["{sha}"]'
    )
    assert worker.push([op("ticket", tid, fields)]).json()["results"][0]["status"] == "applied"
    for who, expected in (("street_staff", 200), ("worker3", 404), ("supervisor_b", 404)):
        c = district.client(who)
        assert c.http.get(f"/v1/blobs/{sha}", headers=c.auth).status_code == expected, who
