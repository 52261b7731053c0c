"""What the sync indicator and page show: the outbox by state, and its quarantine.

The outbox (docs/sync-contract.md) holds every local write until the server confirms it:
pending → sent → confirmed, or rejected with a reason. Rejected rows are the quarantine,
corrected or resent through ``gridterm.services.quarantine``.
"""

from __future__ import annotations

from dataclasses import dataclass

from gridterm.reports.local import LAST_SYNC_AT
from gridterm.services.session import Session
from gridterm.store.reader import Reader

STATES = ("pending", "sent", "confirmed", "rejected")
#: Bookkeeping the worker never wrote as a record: that an alert was announced or seen
#: (``alert_mark``). It syncs like any row, but "1 record waiting" after one edit must stay 1.
_UNLISTED = "o.entity != 'alert_mark'"


@dataclass(frozen=True, slots=True)
class OutboxSummary:
    """The logged-in worker's own outbox rows per state, the device's unsent rows (every
    worker of a shared terminal), and the last confirmed sync (None: never synced)."""

    pending: int
    sent: int
    confirmed: int
    rejected: int
    last_confirmed_at: str | None
    #: Rows of every worker (and from before rows had authors) not yet confirmed.
    device_unsent: int = 0

    @property
    def unsent(self) -> int:
        """This worker's records the server has not confirmed yet (excluding the quarantine)."""
        return self.pending + self.sent

    @property
    def others_unsent(self) -> int:
        """Unsent records on this terminal that are not this worker's."""
        return max(0, self.device_unsent - self.unsent)


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


class Outbox:
    """The logged-in worker's outbox (待同步) as the sync indicator and the Sync page show it."""

    def __init__(self, session: Session):
        self.session = session

    def summary(self) -> OutboxSummary:
        """Counts per state of this worker's rows and the device's unsent rows (grouped queries
        on the ``outbox_author`` and ``outbox_state`` indexes); the last confirmed sync is the
        last sync that completed (the engine's ``last_sync_at``) or, failing that, the newest
        confirmation."""
        user_id = self.session.user.id

        def read(r: Reader) -> OutboxSummary:
            counts = dict.fromkeys(STATES, 0)
            for row in r.iter(
                f"SELECT state, count(*) AS n FROM outbox o WHERE author = ? AND {_UNLISTED} "
                "GROUP BY state",
                (user_id,),
            ):
                counts[row["state"]] = row["n"]
            device = r.scalar(
                f"SELECT count(*) FROM outbox o WHERE state IN ('pending', 'sent') AND {_UNLISTED}"
            )
            confirmed = r.scalar("SELECT max(state_at) FROM outbox WHERE state = 'confirmed'")
            completed = r.scalar("SELECT value FROM sync_state WHERE key = ?", (LAST_SYNC_AT,))
            last = max((t for t in (confirmed, completed) if t), default=None)
            return OutboxSummary(**counts, last_confirmed_at=last, device_unsent=device or 0)

        return self.session.store.read(read)

    def entries(self, state: str | None = None, limit: int = 500) -> list[OutboxEntry]:
        """This worker's newest outbox rows (of one state), newest first, each named
        (``subject``)."""
        sql = _NAMED + f" WHERE o.author = ? AND {_UNLISTED}"
        params: tuple[object, ...] = (self.session.user.id,)
        if state is not None:
            sql += " AND o.state = ?"
            params = (*params, state)
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

        return self.session.store.read(read)
