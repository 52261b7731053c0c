"""Pruning the outbox: confirmed rows older than a retention are deleted after a sync.

Every local write appends an outbox row, so a terminal used daily gathers tens of thousands
of confirmed rows a year. Only ``confirmed`` rows are ever pruned — pending, sent and
rejected ones (the quarantine) are work the server has not accepted — and of those the newest
``keep_recent`` always stay (the Sync page lists the newest 500 rows,
``gridterm.services.outbox_status.Outbox.entries``), as do rows a conflict still names. Runs on the
store's writer thread in one short transaction; the ``outbox_state (state, seq)`` index
bounds it to the confirmed rows below the kept tail.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gridterm.store.tx import Tx

#: Confirmed rows younger than this stay (the Sync page's recent activity).
RETENTION_DAYS = 30
#: The newest confirmed rows that always stay, whatever their age.
KEEP_RECENT = 500


def prune(
    tx: Tx,
    *,
    retention_days: int = RETENTION_DAYS,
    keep_recent: int = KEEP_RECENT,
    now: datetime | None = None,
) -> int:
    """Delete confirmed outbox rows confirmed more than ``retention_days`` ago, except the
    newest ``keep_recent`` confirmed rows and rows a conflict names; returns how many."""
    if retention_days < 0 or keep_recent < 0:
        raise ValueError("retention_days and keep_recent must not be negative")
    cutoff = ((now or datetime.now(UTC)) - timedelta(days=retention_days)).isoformat(
        timespec="milliseconds"
    )
    # the seq below which rows may go: the keep_recent-th newest confirmed row's
    row = tx.one(
        "SELECT seq FROM outbox WHERE state = 'confirmed' ORDER BY seq DESC LIMIT 1 OFFSET ?",
        (keep_recent,),
    )
    if row is None:
        return 0  # no more confirmed rows than the kept tail
    return tx.execute(
        "DELETE FROM outbox WHERE state = 'confirmed' AND seq <= ? AND state_at < ?"
        " AND op_id NOT IN (SELECT op_id FROM sync_conflict WHERE op_id IS NOT NULL)",
        (row["seq"], cutoff),
    ).rowcount
