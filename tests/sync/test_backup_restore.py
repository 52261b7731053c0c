"""The backup and restore of docs/operations.md, run as written (deploy/backup.sh and
deploy/restore.sh: pg_dump/pg_restore and the blob folder), on throwaway PostgreSQL databases:
every record and blob comes back, and a terminal syncs on against the restored server."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from gridterm.services.attachments import add_attachment
from gridterm.services.visits import Visits
from sync.server.db import schema
from tests.postgres import throwaway_database
from tests.sync import district as districts
from tests.sync.conftest import make_terminal, open_terminal, record_visits, server_ids
from tests.sync.server_process import ServerProcess

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _every_row(server: ServerProcess) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order (the instance id aside: a restore
    changes it on purpose)."""
    rows = {}
    with server.engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            query = select(table).order_by(*table.primary_key.columns)
            if table is schema.meta:
                query = query.where(table.c.key != "instance")
            rows[table.name] = [tuple(r) for r in conn.execute(query)]
    return rows


def _blobs(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _instance(server: ServerProcess) -> str:
    with server.engine.connect() as conn:
        t = schema.meta
        return conn.execute(select(t.c.value).where(t.c.key == "instance")).scalar_one()


def test_backup_and_restore_round_trip(tmp_path):
    with throwaway_database() as source_db, throwaway_database() as target_db:
        source = ServerProcess(tmp_path / "source", db_url=source_db)
        source.start()
        district = districts.build(source.engine)
        t = make_terminal(tmp_path, district, "w1", source.url)
        households = district.households["g1"]
        assert t.sync().ok
        ids = record_visits(t, households, 30)
        photo = add_attachment(t.session(), b"\xff\xd8 not really a jpeg " * 500, "image/jpeg")
        ids.append(
            Visits(t.session()).record(
                household_id=households[0], visited_at="2026-11-21T10:00:00+08:00",
                visit_type="routine", outcome="nothing_raised", photos=[photo.sha256],
            ).id
        )  # fmt: skip
        report = t.sync()
        assert report.ok and report.photos == 1, report
        backup = tmp_path / "backup"
        subprocess.run(
            [ROOT / "deploy" / "backup.sh", source_db, source.blob_dir, backup], check=True
        )
        before, blobs_before = _every_row(source), _blobs(source.blob_dir)
        old_instance = _instance(source)
        source.stop()  # the server is lost

        restored_blobs = tmp_path / "restored" / "blobs"
        subprocess.run(
            [ROOT / "deploy" / "restore.sh", backup, target_db, restored_blobs], check=True
        )
        target = ServerProcess(tmp_path / "restored", db_url=target_db, blob_dir=restored_blobs)
        try:
            target.start()
            assert _every_row(target) == before
            assert sum(len(rows) for rows in before.values()) > 100
            assert _blobs(restored_blobs) == blobs_before
            assert f"{photo.sha256[:2]}/{photo.sha256}" in blobs_before
            assert _instance(target) != old_instance  # terminals start their pulls again

            t.close()
            t = open_terminal(t.path, district, "w1", target.url)
            more = record_visits(t, households, 5)
            report = t.sync()
            assert report.ok, report
            # each visit once on the restored server, nothing left to send on the terminal
            assert sorted(server_ids(target, "visit", ids + more)) == sorted(ids + more)
            assert set(t.outbox_states()) == {"confirmed"}
            served = (restored_blobs / photo.sha256[:2] / photo.sha256).read_bytes()
            assert hashlib.sha256(served).hexdigest() == photo.sha256
        finally:
            t.close()
            target.stop()
