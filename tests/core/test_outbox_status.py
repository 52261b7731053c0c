"""The sync indicator's numbers: outbox counts per state and the newest entries."""

from __future__ import annotations

from gridterm.services.outbox_status import Outbox
from gridterm.services.tickets import Tickets


def test_counts_and_entries(territory) -> None:
    session = territory.session()
    Tickets(session).open(grid_id="g1", category="物业管理", title="漏水")
    summary = Outbox(session).summary()
    assert (summary.pending, summary.rejected, summary.last_confirmed_at) == (2, 0, None)
    entries = Outbox(session).entries()
    assert {e.entity for e in entries} == {"ticket", "ticket_transition"}
    assert {e.subject for e in entries} == {"漏水"}  # each row names its record
    op_id = entries[0].op_id
    territory.store.write(
        lambda tx: tx.execute(
            "UPDATE outbox SET state = 'rejected', reason = 'bad' WHERE op_id = ?", (op_id,)
        )
    )
    assert Outbox(session).summary().rejected == 1
    assert Outbox(session).entries("rejected")[0].reason == "bad"
    assert Outbox(session).summary().unsent == 1


def test_a_shared_terminal_counts_each_workers_own(territory) -> None:
    first = territory.session("w1")
    Tickets(first).open(grid_id="g1", category="物业管理", title="漏水")
    second = territory.session("w2")  # the next worker logs in on the same terminal
    mine = Outbox(second).summary()
    assert (mine.unsent, mine.device_unsent, mine.others_unsent) == (0, 2, 2)
    assert Outbox(second).entries() == []
    Tickets(second).open(grid_id="g2", category="物业管理", title="路灯")
    mine = Outbox(second).summary()
    assert (mine.unsent, mine.device_unsent, mine.others_unsent) == (2, 4, 2)
    assert {e.subject for e in Outbox(second).entries()} == {"路灯"}
    assert Outbox(territory.session("w1")).summary().unsent == 2


def test_the_last_confirmed_sync_is_the_last_completed_sync(territory) -> None:
    session = territory.session()
    assert Outbox(session).summary().last_confirmed_at is None
    territory.store.write(
        lambda tx: tx.execute(
            "INSERT INTO sync_state (key, value) VALUES ('last_sync_at', ?)",
            ("2026-11-20T08:00:00.000+00:00",),
        )
    )  # a sync that completed with nothing to send still counts
    assert Outbox(session).summary().last_confirmed_at == "2026-11-20T08:00:00.000+00:00"


def test_alert_marks_sync_but_are_not_the_workers_records(territory) -> None:
    from gridterm.domain.alerts import MarkState
    from gridterm.services.alerts import Alerts

    Tickets(territory.session("p1")).open(
        grid_id="g1", category="市政设施", title="井盖破损", urgent=True
    )
    session = territory.session("w1")  # then w1 logs in on the same terminal
    alerts = Alerts(session)
    assert alerts.mark(alerts.to_notify(), MarkState.NOTIFIED) == 1
    queued = territory.store.query("SELECT count(*) AS n FROM outbox WHERE author = 'user-w1'")
    assert queued[0]["n"] == 1  # the mark goes to the worker's other terminals
    mine = Outbox(session).summary()
    assert (mine.unsent, mine.device_unsent) == (0, 2)  # p1's ticket and its step only
    assert Outbox(session).entries() == []
