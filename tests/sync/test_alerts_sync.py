"""Alerts across two terminals of one worker (real server): an urgent ticket in the grid
alerts once; the mark of one terminal reaches the other; both marking at once is one mark."""

from __future__ import annotations

from gridterm.domain.alerts import AlertKind, MarkState
from gridterm.services.alerts import Alerts
from gridterm.services.tickets import Tickets
from tests.sync.conftest import count_rows, make_terminal


def _urgent(terminal, district, title: str) -> str:
    return (
        Tickets(terminal.session())
        .open(grid_id=district.grids["g1"], category="市政设施", title=title, urgent=True)
        .id
    )


def test_one_worker_two_terminals_alerted_once(tmp_path, server, district):
    a = make_terminal(tmp_path, district, "w1", server.url, name="w1-a")
    b = make_terminal(tmp_path, district, "w1", server.url, name="w1-b")
    reporter = make_terminal(tmp_path, district, "w2", server.url)
    try:
        for t in (a, b, reporter):
            t.sync()
        first = _urgent(reporter, district, "井盖破损")
        reporter.sync()
        a.sync()
        b.sync()
        on_a, on_b = Alerts(a.session()), Alerts(b.session())
        notify = on_a.to_notify()
        assert [(n.kind, n.subject_id) for n in notify] == [(AlertKind.URGENT_TICKET, first)]
        assert on_a.mark(notify, MarkState.NOTIFIED) == 1
        a.sync()
        b.sync()
        assert on_b.to_notify() == []  # A told the worker already
        assert [(line.alert.subject_id, line.seen) for line in on_b.current()] == [(first, False)]
        on_b.mark([line.alert for line in on_b.current()], MarkState.SEEN)
        b.sync()
        a.sync()
        assert [line.seen for line in on_a.current()] == [True]  # seen on B

        # both terminals notify at once, before either has synced: one mark on the server
        second = _urgent(reporter, district, "路灯倒伏")
        reporter.sync()
        a.sync()
        b.sync()
        both = [Alerts(t.session()).to_notify() for t in (a, b)]
        assert [[n.subject_id for n in found] for found in both] == [[second], [second]]
        Alerts(a.session()).mark(both[0], MarkState.NOTIFIED)
        Alerts(b.session()).mark(both[1], MarkState.NOTIFIED)
        a.sync()
        b.sync()
        assert b.outbox_states() == {"confirmed": b.outbox_states().get("confirmed", 0)}
        worker = district.user_ids["w1"]
        assert count_rows(server, "alert_mark", user_id=worker) == 3
        assert count_rows(server, "alert_mark", user_id=worker, state="notified") == 2
        # the reporter never pulls w1's marks
        assert reporter.store.query("SELECT count(*) AS n FROM alert_mark")[0]["n"] == 0
    finally:
        for t in (a, b, reporter):
            t.close()
