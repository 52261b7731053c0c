"""A first sync takes the area as one compressed snapshot, resumed after a cut."""

from __future__ import annotations

from gridterm.search.query import search
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


def test_a_snapshot_first_sync_leaves_every_household_findable_and_every_index_made(
    tmp_path, server, proxy
):
    d = districts.build(server.engine, households_per_grid=30)
    t = make_terminal(tmp_path, d, "w1", proxy.url)
    fresh = t.store.query(_INDEXES)
    try:  # the engine keeps the search keys, whoever syncs (the app, `gridterm sync`)
        assert t.sync().ok
        assert t.store.query(_INDEXES) == fresh  # the records' and the search keys' alike
        homes = t.store.query("SELECT id, address FROM household ORDER BY id")
        assert len(homes) == 60
        for home in homes[::7]:
            hits = t.store.read(lambda r, a=home["address"]: search(r, a))
            assert home["id"] in {h.household_id for h in hits}, home
    finally:
        t.close()


_INDEXES = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
