"""The sync indicator's numbers: outbox counts per state, entries, resending the quarantine."""

from __future__ import annotations

import pytest

from gridterm.errors import NotFoundError
from gridterm.services import outbox_status
from gridterm.services.tickets import Tickets


def test_counts_entries_and_resend(territory) -> None:
    session = territory.session()
    Tickets(session).open(grid_id="g1", category="物业管理", title="漏水")
    summary = outbox_status.summary(session)
    assert (summary.pending, summary.rejected, summary.last_confirmed_at) == (2, 0, None)
    entries = outbox_status.entries(session)
    assert {e.entity for e in entries} == {"ticket", "ticket_transition"}
    op_id = entries[0].op_id
    territory.store.write(
        lambda tx: tx.execute(
            "UPDATE outbox SET state = 'rejected', reason = 'bad' WHERE op_id = ?", (op_id,)
        )
    )
    assert outbox_status.summary(session).rejected == 1
    assert outbox_status.entries(session, "rejected")[0].reason == "bad"
    outbox_status.resend(session, op_id)
    assert outbox_status.summary(session).pending == 2
    with pytest.raises(NotFoundError):
        outbox_status.resend(session, op_id)


def test_no_conflicts_until_the_sync_engine_keeps_them(territory) -> None:
    assert outbox_status.conflicts(territory.session()) == []
