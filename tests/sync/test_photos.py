"""Photos: after the records, resumed from the server's offset after interruptions, sent once
per content, downscaled (EXIF orientation applied) before upload."""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
import time
from dataclasses import replace

from PIL import Image
from sqlalchemy import select

from gridterm.services.attachments import add_attachment
from gridterm.services.visits import Visits
from sync.server.db import schema
from tests.sync.conftest import FAST, make_terminal, server_ids

MB = 1024 * 1024


def _visit_with(t, household: str, *photos: str) -> str:
    return (
        Visits(t.session())
        .record(
            household_id=household,
            visited_at="2026-11-20T09:30:00+08:00",
            visit_type="routine",
            outcome="nothing_raised",
            photos=list(photos),
        )
        .id
    )


def _server_blob(server, sha: str) -> bytes:
    return (server.blob_dir / sha[:2] / sha).read_bytes()


def test_50mb_photo_interrupted_three_times_resumes_from_its_offsets(
    tmp_path, server, district, proxy
):
    t = make_terminal(tmp_path, district, "w1", proxy.url)
    try:
        assert t.sync().ok
        data = os.urandom(50 * MB)  # not an image: goes as taken
        sha = add_attachment(t.session(), data, "image/jpeg").sha256
        visit = _visit_with(t, district.households["g1"][0], sha)

        cuts = iter((5 * MB, 15 * MB, 12 * MB))
        proxy.cut_request_after(next(cuts))

        def rearm() -> None:
            for n, after in enumerate(cuts, start=1):
                while proxy.cuts < n:
                    time.sleep(0.005)
                proxy.cut_request_after(after)

        threading.Thread(target=rearm, daemon=True).start()
        report = t.sync()
        assert proxy.cuts == 3
        assert report.ok, report
        assert report.photos == 1
        # records first: the visit was confirmed, photo or not
        assert server_ids(server, "visit", [visit]) == [visit]
        # three resumptions, each from where the server stood, moving forward
        resumed = report.photos_resumed_at
        assert len(resumed) == 3, resumed
        assert all(0 < a < b for a, b in zip(resumed, [*resumed[1:], 50 * MB], strict=True))
        resent = report.photo_bytes_sent - 50 * MB
        assert 0 < resent <= 3 * 4 * MB  # at most the three chunks that were cut, never 50 MB
        assert hashlib.sha256(_server_blob(server, sha)).hexdigest() == sha
        assert t.store.query("SELECT uploaded FROM attachment WHERE sha256 = ?", (sha,)) == [
            {"uploaded": 1}
        ]
    finally:
        t.close()


def _photo(width: int, height: int, orientation: int) -> bytes:
    """Left half red, right half blue, stored sideways with an EXIF orientation tag."""
    image = Image.new("RGB", (width, height), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()


def test_photos_are_downscaled_upright_and_records_name_the_upload(
    tmp_path, server, district, proxy
):
    t = make_terminal(
        tmp_path, district, "w1", proxy.url, settings=replace(FAST, photo_max_side=1024)
    )
    try:
        assert t.sync().ok
        original = _photo(3000, 2000, orientation=6)  # shown turned 90° clockwise
        sha = add_attachment(t.session(), original, "image/jpeg").sha256
        visit = _visit_with(t, district.households["g1"][0], sha)
        report = t.sync()
        assert report.ok, report
        with server.engine.connect() as conn:
            photos = conn.execute(
                select(schema.visit.c.photos).where(schema.visit.c.id == visit)
            ).scalar_one()
        (uploaded,) = json.loads(photos)
        assert uploaded != sha  # the record names the smaller photo
        local = t.store.query("SELECT photos FROM visit WHERE id = ?", (visit,))[0]["photos"]
        assert uploaded in local
        image = Image.open(io.BytesIO(_server_blob(server, uploaded)))
        assert image.size == (683, 1024)  # upright (portrait), longest side 1024
        top, bottom = image.getpixel((340, 100)), image.getpixel((340, 900))
        assert top[0] > 200 and top[2] < 60  # the red half is on top once turned
        assert bottom[2] > 200 and bottom[0] < 60
        assert len(_server_blob(server, uploaded)) < len(original)
        assert t.store.blobs.has(sha)  # the original stays on the terminal
        assert not (server.blob_dir / sha[:2] / sha).exists()  # and is never sent
    finally:
        t.close()


def test_a_photo_the_server_has_is_not_sent_again(tmp_path, server, district, proxy):
    data = os.urandom(300_000)
    a = make_terminal(tmp_path, district, "w1", proxy.url, name="a")
    b = make_terminal(tmp_path, district, "w2", proxy.url, name="b")
    try:
        for t in (a, b):
            assert t.sync().ok
            sha = add_attachment(t.session(), data, "image/jpeg").sha256
            _visit_with(t, district.households["g1"][1], sha)
        first = a.sync()
        assert (first.photos, first.photos_deduplicated) == (1, 0)
        before = proxy.bytes_up
        second = b.sync()
        assert (second.photos, second.photos_deduplicated) == (1, 1)
        assert second.photo_bytes_sent == 0
        assert proxy.bytes_up - before < 100_000  # the visit and the POST, not the photo
    finally:
        a.close()
        b.close()


def test_records_made_during_a_long_upload_go_before_it_ends(tmp_path, server, district, proxy):
    t = make_terminal(tmp_path, district, "w1", proxy.url)
    try:
        assert t.sync().ok
        sha = add_attachment(t.session(), os.urandom(3 * MB), "image/jpeg").sha256
        _visit_with(t, district.households["g1"][0], sha)
        proxy.throttle(4_000_000)  # ~6 s for the photo
        later: dict[str, str] = {}

        def record_meanwhile() -> None:
            time.sleep(1.5)
            later["visit"] = _visit_with(t, district.households["g1"][1])

        threading.Thread(target=record_meanwhile).start()
        report = t.sync()
        assert report.ok, report
        with server.engine.connect() as conn:
            a = schema.applied_op
            pushed_at = conn.execute(
                select(a.c.at).where(a.c.entity_id == later["visit"])
            ).scalar_one()
            b = schema.blob
            done_at = conn.execute(select(b.c.completed_at).where(b.c.sha256 == sha)).scalar_one()
        assert pushed_at < done_at
    finally:
        t.close()
