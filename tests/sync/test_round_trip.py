"""The plain path: enroll, first sync brings the area, visits go out and are confirmed."""

from __future__ import annotations

from sync.client import state
from tests.sync.conftest import make_terminal, record_visits, server_ids


def test_enroll_pull_push_confirm(tmp_path, server, district):
    t = make_terminal(tmp_path, district, "w1", server.url)
    try:
        first = t.sync()
        assert first.ok, first
        assert t.store.query("SELECT count(*) n FROM household")[0]["n"] == 8
        ids = record_visits(t, district.households["g1"], 5)
        assert t.outbox_states() == {"pending": 5}
        report = t.sync()
        assert report.ok, report
        assert (report.pushed, report.confirmed) == (5, 5)
        assert t.outbox_states() == {"confirmed": 5}
        assert sorted(server_ids(server, "visit", ids)) == sorted(ids)
    finally:
        t.close()


def test_a_cursor_the_server_does_not_know_starts_the_pull_over(tmp_path, server, district):
    t = make_terminal(tmp_path, district, "w1", server.url)
    try:
        assert t.sync().ok
        ids = record_visits(t, district.households["g1"], 3)
        # as after the server's database was restored from elsewhere
        key = state.cursor_key(district.user_ids["w1"])
        state.put(t.store, **{key: "bm90IGEgY3Vyc29y"})
        report = t.sync()
        assert report.ok, report
        assert state.get(t.store, key) != "bm90IGEgY3Vyc29y"  # pulled from the start
        assert sorted(server_ids(server, "visit", ids)) == sorted(ids)
        assert t.store.query("SELECT count(*) n FROM visit")[0]["n"] == 3
    finally:
        t.close()
