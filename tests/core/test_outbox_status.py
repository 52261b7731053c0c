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
