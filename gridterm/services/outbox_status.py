"""What the sync indicator and page show: the outbox by state, and its quarantine.

The outbox (docs/sync-contract.md) holds every local write until the server confirms it:
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
    #: What the record is in the worker's words: the household's address (a visit's too),
    #: the resident's name and address, the ticket's title, the premises' name; empty when
    #: the record is gone or has no such name (a check-in).
    subject: str = ""


#: Each entity's name for the outbox list, joined on the outbox row (deleted records: NULL).
_NAMED = """
SELECT o.*, CASE o.entity
    WHEN 'household' THEN h.address
    WHEN 'resident' THEN r.name || ' · ' || rh.address
    WHEN 'visit' THEN vh.address
    WHEN 'ticket' THEN t.title
    WHEN 'ticket_transition' THEN tt.title
    WHEN 'premises' THEN p.name
    WHEN 'hazard_inspection' THEN ip.name
    WHEN 'hazard' THEN hp.name
    WHEN 'checklist_answer' THEN ap.name
    END AS subject
FROM outbox o
LEFT JOIN household h ON o.entity = 'household' AND h.id = o.entity_id
LEFT JOIN resident r ON o.entity = 'resident' AND r.id = o.entity_id
LEFT JOIN household rh ON rh.id = r.household_id
LEFT JOIN visit v ON o.entity = 'visit' AND v.id = o.entity_id
LEFT JOIN household vh ON vh.id = v.household_id
LEFT JOIN ticket t ON o.entity = 'ticket' AND t.id = o.entity_id
LEFT JOIN ticket_transition tr ON o.entity = 'ticket_transition' AND tr.id = o.entity_id
LEFT JOIN ticket tt ON tt.id = tr.ticket_id
LEFT JOIN premises p ON o.entity = 'premises' AND p.id = o.entity_id
LEFT JOIN hazard_inspection i ON o.entity = 'hazard_inspection' AND i.id = o.entity_id
LEFT JOIN premises ip ON ip.id = i.premises_id
LEFT JOIN hazard hz ON o.entity = 'hazard' AND hz.id = o.entity_id
LEFT JOIN premises hp ON hp.id = hz.premises_id
LEFT JOIN hazard_inspection ai ON o.entity = 'checklist_answer'
    AND ai.id = substr(o.entity_id, 1, instr(o.entity_id, '/') - 1)
LEFT JOIN premises ap ON ap.id = ai.premises_id
"""


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
    """The newest outbox rows (of one state), newest first, each named (``subject``)."""
    sql = _NAMED
    params: tuple[object, ...] = ()
    if state is not None:
        sql += " WHERE o.state = ?"
        params = (state,)
    sql += " ORDER BY o.seq DESC LIMIT ?"

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
                row["subject"] or "",
            )
            for row in r.iter(sql, (*params, limit))
        ]

    return session.store.read(read)
