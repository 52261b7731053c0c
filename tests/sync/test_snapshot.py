"""A first sync takes the area as one compressed snapshot, resumed after a cut."""

from __future__ import annotations

from tests.sync import district as districts
from tests.sync.conftest import make_terminal


def test_first_sync_downloads_the_snapshot_and_resumes_after_a_cut(tmp_path, server, proxy):
    d = districts.build(server.engine, households_per_grid=400)
    t = make_terminal(tmp_path, d, "w1", proxy.url)
    try:
        # past /v1/me and the snapshot's description, into the file itself
        proxy.cut_response_after(15_000)
        report = t.sync()
        assert report.ok, report
        assert proxy.cuts == 1
        assert report.snapshot_bytes > 15_000
        assert report.snapshot_resumed_at is not None and report.snapshot_resumed_at > 0
        assert t.store.query("SELECT count(*) AS n FROM household") == [{"n": 800}]
        assert t.store.query("SELECT count(*) AS n FROM user_grid")[0]["n"] >= 3
        assert not list(t.path.parent.glob("*.snapshot-*"))  # the part file is gone
        # the records' indexes, dropped for the load, are all back
        indexes = t.store.query("SELECT name FROM sqlite_master WHERE type = 'index'")
        assert {"household_grid", "resident_household", "visit_household"} <= {
            r["name"] for r in indexes
        }
        # afterwards the pull goes on from the snapshot's cursor: nothing comes twice
        again = t.sync()
        assert again.ok and again.pulled == 0 and again.snapshot_bytes == 0
    finally:
        t.close()
