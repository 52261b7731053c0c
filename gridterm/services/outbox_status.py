"""What the sync indicator and page show: the outbox by state, and its quarantine.

The outbox (sync-protocol.md) holds every local write until the server confirms it:
pending → sent → confirmed, or rejected with a reason. Rejected rows are the quarantine,
corrected or resent through ``gridterm.services.quarantine``.
"""

from __future__ import annotations

from dataclasses import dataclass

from gridterm.services.session import Session
from gridterm.store.reader import Reader

STATES = ("pending", "sent", "confirmed", "rejected")


@dataclass(frozen=True, slots=True)
class OutboxSummary:
    """Counts per state and the time of the last confirmed record (None: never synced)."""

    pending: int
    sent: int
    confirmed: int
    rejected: int
    last_confirmed_at: str | None

    @property
    def unsent(self) -> int:
        """Records the server has not confirmed yet (excluding the quarantine)."""
        return self.pending + self.sent


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One queued write: what it is, its state and, when rejected, why."""

    seq: int
    op_id: str
    entity: str
    entity_id: str
    op: str
    state: str
    created_at: str
    state_at: str | None
    reason: str | None


def summary(session: Session) -> OutboxSummary:
    """Counts per state (one grouped query on the ``outbox_state`` index)."""

    def read(r: Reader) -> OutboxSummary:
        counts = dict.fromkeys(STATES, 0)
        for row in r.iter("SELECT state, count(*) AS n FROM outbox GROUP BY state"):
            counts[row["state"]] = row["n"]
        last = r.scalar("SELECT max(state_at) FROM outbox WHERE state = 'confirmed'")
        return OutboxSummary(**counts, last_confirmed_at=last)

    return session.store.read(read)


def entries(session: Session, state: str | None = None, limit: int = 500) -> list[OutboxEntry]:
    """The newest outbox rows (of one state), newest first."""
    sql = "SELECT * FROM outbox"
    params: tuple[object, ...] = ()
    if state is not None:
        sql += " WHERE state = ?"
        params = (state,)
    sql += " ORDER BY seq DESC LIMIT ?"

    def read(r: Reader) -> list[OutboxEntry]:
        return [
            OutboxEntry(
                row["seq"],
                row["op_id"],
                row["entity"],
                row["entity_id"],
                row["op"],
                row["state"],
                row["created_at"],
                row["state_at"],
                row["reason"],
            )
            for row in r.iter(sql, (*params, limit))
        ]

    return session.store.read(read)
