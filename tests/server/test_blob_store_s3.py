"""Photos in an S3-compatible object store (``blob_store = "s3://…"``), against a real S3 API
server on 127.0.0.1 (moto's standalone server): the storage keeps guarantee 5 (chunks that
resume at their byte, a digest that is checked, ranges), and an upload begun on one server
instance finishes on another with no shared disk — what several instances behind a load
balancer need (docs/scaling.md)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer

from sync.server.blobs.s3 import S3BlobStorage
from sync.server.blobs.storage import OffsetMismatch
from sync.server.db.engine import make_engine
from sync.server.db.migrate import upgrade
from tests.server.helpers import build_district
from tests.server.serving import ROOT, free_port, serving

DEVICE = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
OTHER = "0190a1b2-c3d4-7e5f-8a9b-ffffffffffff"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "gridterm-test",
    "AWS_SECRET_ACCESS_KEY": "gridterm-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch) -> str:
    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    name = f"gridterm-{os.urandom(4).hex()}"
    boto3.client("s3", endpoint_url=s3_endpoint).create_bucket(Bucket=name)
    return name


@pytest.fixture
def storage(s3_endpoint, bucket) -> S3BlobStorage:
    return S3BlobStorage.from_url(f"s3://{bucket}/street-1", s3_endpoint)


def test_chunks_resume_at_their_byte_and_the_digest_is_checked(storage):
    data = os.urandom(300_000)
    sha = hashlib.sha256(data).hexdigest()
    assert storage.received(sha, DEVICE) == 0 and not storage.has(sha)
    assert storage.append(sha, DEVICE, 0, data[:100_000]) == 100_000
    with pytest.raises(OffsetMismatch) as wrong:
        storage.append(sha, DEVICE, 50_000, data[50_000:150_000])
    assert wrong.value.offset == 100_000
    assert storage.append(sha, DEVICE, 100_000, data[100_000:]) == 300_000
    assert storage.finish(sha, DEVICE) is True
    assert storage.has(sha) and storage.size(sha) == 300_000
    assert storage.received(sha, DEVICE) == 0
    assert b"".join(storage.read(sha)) == data
    assert b"".join(storage.read(sha, 10, 20)) == data[10:20]
    assert b"".join(storage.read(sha, 299_990)) == data[299_990:]


def test_a_partial_whose_digest_is_wrong_is_discarded(storage):
    sha = hashlib.sha256(b"what was announced").hexdigest()
    storage.append(sha, DEVICE, 0, b"something else")
    assert storage.finish(sha, DEVICE) is False
    assert not storage.has(sha) and storage.received(sha, DEVICE) == 0


def test_each_uploading_device_fills_its_own_part(storage):
    data = os.urandom(120_000)
    sha = hashlib.sha256(data).hexdigest()
    assert storage.append(sha, DEVICE, 0, data[:50_000]) == 50_000
    # another device's bytes for the same digest go to its part: the first is untouched
    assert storage.received(sha, OTHER) == 0
    assert storage.append(sha, OTHER, 0, b"\0" * 70_000) == 70_000
    assert storage.received(sha, DEVICE) == 50_000
    with pytest.raises(ValueError):
        storage.received(sha, "../" + DEVICE)
    assert storage.append(sha, DEVICE, 50_000, data[50_000:]) == 120_000
    assert storage.finish(sha, DEVICE) is True
    storage.discard(sha, OTHER)
    assert storage.received(sha, OTHER) == 0 and b"".join(storage.read(sha)) == data


def test_a_finished_file_moves_into_the_store(storage, tmp_path: Path):
    data = os.urandom(70_000)
    sha = hashlib.sha256(data).hexdigest()
    source = tmp_path / "snapshot.zst"
    source.write_bytes(data)
    storage.put_file(source, sha)
    assert not source.exists() and b"".join(storage.read(sha)) == data


def test_an_upload_begun_on_one_instance_finishes_on_another(s3_endpoint, bucket, tmp_path):
    db = tmp_path / "server.db"
    engine = make_engine(str(db))
    upgrade(engine)
    store = ("--blob-store", f"s3://{bucket}/gridterm", "--s3-endpoint-url", s3_endpoint)
    # each instance its own (empty) --blob-dir: nothing is shared but the database and S3
    with (
        serving(db, *store, "--blob-dir", str(tmp_path / "one")) as (first, _),
        serving(db, *store, "--blob-dir", str(tmp_path / "two")) as (second, _),
    ):
        d = build_district(first, engine, households_per_grid=1)
        terminal = d.client("grid_worker")
        data = os.urandom(200_000)
        sha = hashlib.sha256(data).hexdigest()
        auth = terminal.auth
        made = terminal.http.post(
            "/v1/blobs", json={"sha256": sha, "length": len(data)}, headers=auth
        )
        assert made.status_code == 200 and made.json()["offset"] == 0
        chunk = {**auth, "Content-Type": "application/offset+octet-stream"}
        half = terminal.http.patch(
            f"/v1/blobs/{sha}", content=data[:80_000], headers={**chunk, "Upload-Offset": "0"}
        )
        assert half.json()["offset"] == 80_000
        # the connection drops; the retry lands on the other instance
        with httpx.Client(base_url=second, timeout=30) as other:
            head = other.head(f"/v1/blobs/{sha}", headers=auth)
            assert head.headers["Upload-Offset"] == "80000"
            done = other.patch(
                f"/v1/blobs/{sha}",
                content=data[80_000:],
                headers={**chunk, "Upload-Offset": "80000"},
            )
            assert done.json()["complete"] is True
        got = terminal.http.get(f"/v1/blobs/{sha}", headers=auth)
        assert got.status_code == 200 and got.content == data
        part = terminal.http.get(f"/v1/blobs/{sha}", headers={**auth, "Range": "bytes=5-9"})
        assert part.status_code == 206 and part.content == data[5:10]
    assert not any((tmp_path / "one").rglob("*" + sha)) and not any(
        (tmp_path / "two").rglob("*" + sha)
    )
    engine.dispose()


def test_serve_refuses_a_bucket_it_cannot_reach_in_one_line(s3_endpoint, bucket, tmp_path):
    db = tmp_path / "server.db"
    argv = [sys.executable, "-m", "sync.server.cli", "serve", "--db", str(db)]
    argv += ["--port", str(free_port()), "--blob-store", "s3://no-such-bucket-here"]
    argv += ["--s3-endpoint-url", s3_endpoint]
    env = {**os.environ, "PYTHONPATH": str(ROOT), **CREDENTIALS}
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith(
        "gridterm-server: cannot use the blob store s3://no-such-bucket-here"
    )
    assert "Traceback" not in done.stderr
