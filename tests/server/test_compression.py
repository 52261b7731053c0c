"""Guarantee 9: pull answers travel gzipped when the terminal accepts it; the resumable
downloads (snapshots, blobs) are never re-encoded, so their ranges and offsets stay exact."""

from __future__ import annotations

import hashlib
import json

import pytest

from gridterm.ids import new_id
from sync.server.api.compress import accepts_gzip
from tests.server.helpers import build_district, op, visit_fields


@pytest.fixture
def district(server):
    return build_district(server.url, server.engine, households_per_grid=20)


def _pull(c, encoding: str, cursor: str | None = None, limit: int = 1000):
    params: dict = {"limit": limit}
    if cursor:
        params["cursor"] = cursor
    return c.http.get(
        "/v1/sync/pull", params=params, headers={**c.auth, "Accept-Encoding": encoding}
    )


def test_a_pull_comes_back_gzipped_and_decodes_to_the_same_page(server, district):
    c = district.client("community_supervisor")
    worker = district.user_id("community_supervisor")
    ops = []
    for household in district.households["g1"]:
        vid = new_id()
        ops.append(op("visit", vid, visit_fields(household, worker, id=vid, notes="门口堆物" * 5)))
    assert c.push(ops).status_code == 200

    plain = _pull(c, "identity")
    packed = _pull(c, "gzip, deflate")  # what `requests` sends
    assert plain.status_code == packed.status_code == 200
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in packed.headers["vary"].lower()
    # httpx decodes it transparently, like `requests` on the terminal
    assert packed.json() == plain.json()
    assert json.loads(packed.content) == plain.json()
    assert packed.num_bytes_downloaded < plain.num_bytes_downloaded / 3


def test_small_pages_and_refusals_of_gzip_go_as_they_are(server, district):
    c = district.client("grid_worker")
    _, cursor = c.pull_all()
    empty = _pull(c, "gzip", cursor)
    assert empty.status_code == 200 and empty.json()["changes"] == []
    assert "content-encoding" not in empty.headers  # under the minimum size
    refused = _pull(c, "gzip;q=0, identity")
    assert refused.status_code == 200 and "content-encoding" not in refused.headers
    assert refused.json()["changes"]


def test_accept_encoding_parsing():
    assert accepts_gzip("gzip")
    assert accepts_gzip("gzip, deflate")
    assert accepts_gzip("br;q=1.0, GZIP;q=0.5")
    assert accepts_gzip("*")
    assert accepts_gzip("x-gzip")
    assert not accepts_gzip(None)
    assert not accepts_gzip("")
    assert not accepts_gzip("identity")
    assert not accepts_gzip("deflate, br")
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip("*, gzip;q=0")
    assert not accepts_gzip("*;q=0")
    assert not accepts_gzip("gzip;q=nonsense")


def test_snapshot_ranges_stay_byte_exact_with_gzip_accepted(server, district):
    c = district.client("community_supervisor")
    info = c.http.post("/v1/sync/snapshot", headers=c.auth).json()
    gz = {**c.auth, "Accept-Encoding": "gzip, deflate"}
    whole = c.http.get(info["url"], headers=gz)
    assert whole.status_code == 200 and "content-encoding" not in whole.headers
    assert whole.num_bytes_downloaded == info["length"] == len(whole.content)
    assert hashlib.sha256(whole.content).hexdigest() == info["sha256"]
    half = info["length"] // 2
    rest = c.http.get(info["url"], headers={**gz, "Range": f"bytes={half}-"})
    assert rest.status_code == 206 and "content-encoding" not in rest.headers
    assert rest.headers["Content-Length"] == str(info["length"] - half)
    assert rest.content == whole.content[half:]


def test_blob_offsets_and_ranges_stay_byte_exact_with_gzip_accepted(server, district):
    c = district.client("grid_worker")
    gz = {**c.auth, "Accept-Encoding": "gzip, deflate"}
    data = b"a very compressible photo " * 4000  # a middleware would gzip this
    sha = hashlib.sha256(data).hexdigest()
    r = c.http.post("/v1/blobs", json={"sha256": sha, "length": len(data)}, headers=gz)
    assert r.status_code == 200 and r.json()["offset"] == 0
    cut = 40_000
    patch = {**gz, "Content-Type": "application/offset+octet-stream"}
    first = c.http.patch(
        f"/v1/blobs/{sha}", content=data[:cut], headers={**patch, "Upload-Offset": "0"}
    )
    assert first.status_code == 200 and first.json()["offset"] == cut
    head = c.http.head(f"/v1/blobs/{sha}", headers=gz)
    assert head.headers["Upload-Offset"] == str(cut)
    assert head.headers["Upload-Length"] == str(len(data))
    assert "content-encoding" not in head.headers
    done = c.http.patch(
        f"/v1/blobs/{sha}", content=data[cut:], headers={**patch, "Upload-Offset": str(cut)}
    )
    assert done.json()["complete"] is True
    got = c.http.get(f"/v1/blobs/{sha}", headers=gz)
    assert "content-encoding" not in got.headers
    assert got.content == data and got.num_bytes_downloaded == len(data)
    part = c.http.get(f"/v1/blobs/{sha}", headers={**gz, "Range": "bytes=1000-1999"})
    assert part.status_code == 206 and "content-encoding" not in part.headers
    assert part.content == data[1000:2000]
