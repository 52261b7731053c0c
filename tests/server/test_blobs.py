"""Guarantee 5: photos are SHA-256 addressed, uploaded in chunks that resume at the byte where
they stopped, verified, and never sent twice."""

from __future__ import annotations

import hashlib
import os

import pytest

from tests.server.helpers import build_district


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
