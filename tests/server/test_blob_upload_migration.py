"""Server migration 0014 moves the uploads in progress off ``blob`` into ``blob_upload`` (each
with its device and length) and keeps every held blob, on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from sync.server.db import schema
from tests.server.migrating import old_database, upgraded

HELD, GOING, ORPHAN = "a" * 64, "b" * 64, "c" * 64


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_uploads_in_progress_move_to_their_device(backend, tmp_path) -> None:
    with old_database(backend, tmp_path) as engine:
        with upgraded(engine, "0013") as conn:
            for sha, complete, device in ((HELD, 1, "d1"), (GOING, 0, "d2"), (ORPHAN, 0, None)):
                conn.execute(
                    text(
                        "INSERT INTO blob (sha256, length, complete, created_at, device_id)"
                        " VALUES (:sha, 10, :complete, 5, :device)"
                    ),
                    {"sha": sha, "complete": complete, "device": device},
                )
        with upgraded(engine):
            pass
        b, u = schema.blob, schema.blob_upload
        with engine.connect() as conn:
            held = conn.execute(select(b.c.sha256, b.c.complete, b.c.device_id)).all()
            uploads = conn.execute(
                select(u.c.sha256, u.c.device_id, u.c.length, u.c.created_at)
            ).all()
    assert held == [(HELD, 1, "d1")]
    # an upload of no known device (before migration 0003) cannot be resumed by anyone
    assert uploads == [(GOING, "d2", 10, 5)]
