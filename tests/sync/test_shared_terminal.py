"""Two workers of different areas sharing one terminal: each pulls their own area with a
cursor of their own, the other's data stays, and work in the other's grids waits for the
other's sync instead of going to quarantine."""

from __future__ import annotations

from gridterm.store.keys import FAST_KDF
from sync.client.auth import Login, load_device
from sync.client.engine import SyncEngine
from sync.client.transport import Transport
from tests.sync.conftest import FAST, assert_exactly_once, make_terminal, record_visits
from tests.sync.district import PIN


def test_two_workers_of_different_areas_share_a_terminal(tmp_path, server, district, proxy):
    w1 = make_terminal(tmp_path, district, "w1", proxy.url)  # holds g1 and g2
    try:
        assert w1.sync().ok
        w1.store.add_local_user(district.worker("w2"), PIN, FAST_KDF)  # w2 holds g1 only
        transport = Transport(proxy.url)
        device = load_device(w1.store)
        w2_login = Login(w1.store, transport, device, district.worker("w2"), PIN)
        w2 = SyncEngine(w1.store, w2_login, FAST)

        in_g2 = record_visits(w1, district.households["g2"], 4)  # w1's work, unsent
        in_g1 = record_visits(w1, district.households["g1"], 3)
        report = w2.run()  # w2 syncs first on the shared terminal
        assert report.error is None and report.rejected == 0, report
        assert report.held_back == 4  # g2's visits wait for w1
        g2 = district.grids["g2"]
        assert w1.store.query("SELECT count(*) n FROM household WHERE grid_id = ?", (g2,)) == [
            {"n": 4}
        ]  # w1's grid stays on the terminal
        assert w1.outbox_states() == {"pending": 4, "confirmed": 3}

        report = w1.sync()
        assert report.ok, report
        assert_exactly_once(server, w1, in_g1 + in_g2)
        transport.close()
    finally:
        w1.close()
