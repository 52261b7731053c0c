"""The sync indicator's numbers: outbox counts per state and the newest entries."""

from __future__ import annotations

from gridterm.services import outbox_status
from gridterm.services.tickets import Tickets


def test_counts_and_entries(territory) -> None:
    session = territory.session()
    Tickets(session).open(grid_id="g1", category="物业管理", title="漏水")
    summary = outbox_status.summary(session)
    assert (summary.pending, summary.rejected, summary.last_confirmed_at) == (2, 0, None)
    entries = outbox_status.entries(session)
    assert {e.entity for e in entries} == {"ticket", "ticket_transition"}
    assert {e.subject for e in entries} == {"漏水"}  # each row names its record
    op_id = entries[0].op_id
    territory.store.write(
        lambda tx: tx.execute(
            "UPDATE outbox SET state = 'rejected', reason = 'bad' WHERE op_id = ?", (op_id,)
        )
    )
    assert outbox_status.summary(session).rejected == 1
    assert outbox_status.entries(session, "rejected")[0].reason == "bad"
    assert outbox_status.summary(session).unsent == 1


def test_a_shared_terminal_counts_each_workers_own(territory) -> None:
    first = territory.session("w1")
    Tickets(first).open(grid_id="g1", category="物业管理", title="漏水")
    second = territory.session("w2")  # the next worker logs in on the same terminal
    mine = outbox_status.summary(second)
    assert (mine.unsent, mine.device_unsent, mine.others_unsent) == (0, 2, 2)
    assert outbox_status.entries(second) == []
    Tickets(second).open(grid_id="g2", category="物业管理", title="路灯")
    mine = outbox_status.summary(second)
    assert (mine.unsent, mine.device_unsent, mine.others_unsent) == (2, 4, 2)
    assert {e.subject for e in outbox_status.entries(second)} == {"路灯"}
    assert outbox_status.summary(territory.session("w1")).unsent == 2


def test_the_last_confirmed_sync_is_the_last_completed_sync(territory) -> None:
    session = territory.session()
    assert outbox_status.summary(session).last_confirmed_at is None
    territory.store.write(
        lambda tx: tx.execute(
            "INSERT INTO sync_state (key, value) VALUES ('last_sync_at', ?)",
            ("2026-11-20T08:00:00.000+00:00",),
        )
    )  # a sync that completed with nothing to send still counts
    assert outbox_status.summary(session).last_confirmed_at == "2026-11-20T08:00:00.000+00:00"


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
    mine = outbox_status.summary(session)
    assert (mine.unsent, mine.device_unsent) == (0, 2)  # p1's ticket and its step only
    assert outbox_status.entries(session) == []
