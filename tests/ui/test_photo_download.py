"""A photo taken on another terminal: a placeholder on the hazard detail until the download
stage stores it, then the photo itself, without leaving the screen."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from sync.client.photo_download import store_received, wanted
from tests.ui.conftest import log_in
from tests.ui.inspections import hazard_on, open_hazard, png, with_stalls


@pytest.fixture
def db_path(db_path: Path) -> Path:
    """The UI test database with the market inspector i1, a checklist and two stalls."""
    return with_stalls(db_path)


def _thumbs(strip) -> list[QLabel]:
    return [
        w for w in strip.findChildren(QLabel) if w.objectName() in ("photoThumb", "photoMissing")
    ]


def test_the_hazard_detail_shows_the_after_photo_once_downloaded(qtbot, window) -> None:
    log_in(qtbot, window, "i1")
    hazard_id = hazard_on(window)
    store = window.workspace.store
    data = png("#33aa33")
    after = hashlib.sha256(data).hexdigest()
    # pulled from the server: a re-inspection on another terminal named its after-photo in
    # its step, and the server added it to the hazard's photos
    (row,) = store.query("SELECT photos FROM hazard WHERE id = ?", (hazard_id,))
    photos = [*json.loads(row["photos"]), after]
    step = {"id": "step-elsewhere", "hazard_id": hazard_id, "action": "reinspect_fail",
            "from_status": "open", "to_status": "rectifying", "by_user": "someone",
            "at": "2026-11-20T02:00:00+00:00", "note": "仍在串接", "photos": [after]}  # fmt: skip

    def pulled(tx) -> None:
        tx.update("hazard", hazard_id, {"photos": photos}, outbox=False)
        tx.insert("hazard_step", step, outbox=False)

    store.write(pulled)

    detail = open_hazard(qtbot, window, hazard_id)
    assert detail.after.digests == [after]
    qtbot.waitUntil(lambda: detail.after.findChild(QLabel, "photoMissing") is not None)
    assert detail.after.findChild(QLabel, "photoMissing").text() == "照片未下载"
    assert detail.before.findChild(QLabel, "photoMissing") is None

    # the download stage receives it and stores it: the screen reloads on its own
    (item,) = [
        w for w in store.read(lambda r: wanted(r, datetime.now(UTC), 30)) if w.sha256 == after
    ]
    part = store.blobs.partial(after)
    with part.append() as received:
        received.write(data)
    store_received(store, item, part)
    assert store.blobs.get(after) == data

    def shown() -> bool:
        thumbs = _thumbs(detail.after)
        return (
            len(thumbs) == 1
            and thumbs[0].objectName() == "photoThumb"
            and thumbs[0].pixmap() is not None
            and not thumbs[0].pixmap().isNull()
        )

    qtbot.waitUntil(shown, timeout=5000)
    assert detail.after.findChild(QLabel, "photoMissing") is None
