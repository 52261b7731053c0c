"""Applying the server's per-op answer to a push, all in one local transaction.

applied / duplicate / conflict → confirmed (the server committed the op); rejected → the
quarantine with the server's reason, unless the server marked it retriable (a referenced
record still on its way): then it stays pending for a few syncs before being quarantined too.
A conflict keeps both values in ``sync_conflict`` and the record takes the server's value,
unless a newer local edit of that field is still waiting to be sent. What a whole push
settled is added up in ``PushStats``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gridterm.store.tx import Tx, utc_now
from sync.client import conflicts, shadow
from sync.client.outbox import OutboxOp, seqs_json
from sync.client.report import SyncReport
from sync.client.tables import SHARED, STEP_OF, columns
from sync.protocol import OpResult, OpStatus, PushResponse

_DONE = (OpStatus.APPLIED, OpStatus.DUPLICATE, OpStatus.CONFLICT)


@dataclass
class AckCounts:
    """What one answer settled."""

    confirmed: int = 0
    rejected: int = 0
    conflicts: int = 0
    deferred: int = 0
    duplicates: int = 0
    #: Ops the server asked to send again later (not again in this sync).
    deferred_ids: list[str] = field(default_factory=list)

    def add(self, other: AckCounts) -> None:
        """Sum another answer's counts into this one."""
        self.confirmed += other.confirmed
        self.rejected += other.rejected
        self.conflicts += other.conflicts
        self.deferred += other.deferred
        self.duplicates += other.duplicates
        self.deferred_ids += other.deferred_ids


@dataclass
class PushStats:
    """What a push did."""

    sent: int = 0
    batches: int = 0
    body_bytes: int = 0
    resent_bytes: int = 0
    #: Ops in another local worker's grids, left for that worker's sync.
    held_back: int = 0
    acks: AckCounts = field(default_factory=AckCounts)

    def add_to(self, report: SyncReport) -> None:
        """Add the figures to the run's report."""
        report.pushed += self.sent
        report.confirmed += self.acks.confirmed
        report.rejected += self.acks.rejected
        report.deferred += self.acks.deferred
        report.duplicates += self.acks.duplicates
        report.held_back += self.held_back
        report.conflicts += self.acks.conflicts
        report.resent_bytes += self.resent_bytes
        report.payload_bytes += self.body_bytes


def quarantine(
    tx: Tx,
    op_id: str,
    reason: str,
    message: str = "",
    field: str | None = None,
    server: Mapping[str, Any] | None = None,
) -> None:
    """Move one op to the quarantine with the reason it was refused."""
    now = utc_now()
    tx.execute(
        "UPDATE outbox SET state = 'rejected', reason = ?, state_at = ? WHERE op_id = ?",
        (reason, now, op_id),
    )
    tx.execute(
        "INSERT INTO sync_rejection (op_id, reason, message, field, server, at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(op_id) DO UPDATE SET reason = excluded.reason,"
        " message = excluded.message, field = excluded.field, server = excluded.server,"
        " at = excluded.at",
        (
            op_id,
            reason,
            message,
            field,
            json.dumps(server, ensure_ascii=False) if server is not None else None,
            now,
        ),
    )
    tx.execute("DELETE FROM sync_retry WHERE op_id = ?", (op_id,))


def apply(
    tx: Tx, batch: Sequence[OutboxOp], answer: PushResponse, retriable_syncs: int
) -> AckCounts:
    """Settle every op of ``batch`` (the ops sent, in ``seq`` order) the answer names."""
    counts = AckCounts()
    now = utc_now()
    confirmed: list[OutboxOp] = []
    settled: list[tuple[OutboxOp, OpResult]] = []
    if answer.others_applied:
        # a compact answer: every op it does not name was applied as sent (the usual answer
        # names none: every op is confirmed, and only shared records have more to do)
        named = {result.op_id for result in answer.results}
        confirmed = [op for op in batch if op.op_id not in named] if named else list(batch)
        settled = [
            (op, OpResult(op_id=op.op_id, seq=op.seq, status=OpStatus.APPLIED))
            for op in confirmed
            if op.entity in SHARED
        ]
    ops = {op.op_id: op for op in batch} if answer.results else {}
    for result in answer.results:
        op = ops.get(result.op_id)
        if op is None:
            continue
        if result.status in _DONE:
            counts.duplicates += result.status is OpStatus.DUPLICATE
            confirmed.append(op)
            settled.append((op, result))
        elif result.retriable:
            if _defer(tx, op, result, retriable_syncs, now):
                counts.deferred += 1
                counts.deferred_ids.append(op.op_id)
            else:
                counts.rejected += 1
        else:
            quarantine(
                tx, op.op_id, result.reason or "rejected", result.message or "", result.field
            )
            counts.rejected += 1
    _confirm(tx, confirmed, now)
    counts.confirmed = len(confirmed)
    if answer.others_applied:
        settled.sort(key=lambda pair: pair[0].seq)  # in the order the ops were written
    if tx.one("SELECT 1 AS x FROM sync_retry LIMIT 1"):
        tx.conn.executemany(
            "DELETE FROM sync_retry WHERE op_id = ?", [(op.op_id,) for op in confirmed]
        )
    foreseen = conflicts.seen_at_pull(tx) if settled else set()
    for op, result in settled:
        if op.entity in SHARED and op.op in ("create", "update"):
            _remember(tx, op, result)
        if op.op_id in foreseen:
            conflicts.withdraw(tx, op.op_id, result.conflict_fields)
        if result.status is OpStatus.CONFLICT or (
            result.status is OpStatus.DUPLICATE and result.original_status is OpStatus.CONFLICT
        ):
            counts.conflicts += _conflict(tx, op, result)
    return counts


def _confirm(tx: Tx, confirmed: Sequence[OutboxOp], now: str) -> None:
    """Mark the rows confirmed in one statement: by their range of seqs when they are all of
    it (a batch read in one piece, every op applied: SQLite walks the range instead of
    parsing the seqs and looking each one up), else their seqs as one JSON parameter."""
    if not confirmed:
        return
    seqs = [op.seq for op in confirmed]
    low, high = min(seqs), max(seqs)
    if high - low + 1 == len(seqs) == len(set(seqs)):  # n distinct seqs in a range of n
        tx.conn.execute(
            "UPDATE outbox SET state = 'confirmed', reason = NULL, state_at = ?"
            " WHERE seq BETWEEN ? AND ?",
            (now, low, high),
        )
        return
    tx.conn.execute(
        "UPDATE outbox SET state = 'confirmed', reason = NULL, state_at = ?"
        " WHERE seq IN (SELECT value FROM json_each(?))",
        (now, seqs_json(confirmed)),
    )


def _defer(tx: Tx, op: OutboxOp, result: OpResult, limit: int, now: str) -> bool:
    """Back to pending for a later sync; False when it has waited long enough (quarantined)."""
    row = tx.one("SELECT attempts FROM sync_retry WHERE op_id = ?", (op.op_id,))
    attempts = (row["attempts"] if row else 0) + 1
    if attempts >= limit:
        quarantine(tx, op.op_id, result.reason or "ref.missing", result.message or "", result.field)
        return False
    tx.execute(
        "INSERT INTO sync_retry (op_id, attempts, reason, message, at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(op_id) DO UPDATE SET attempts = excluded.attempts,"
        " reason = excluded.reason, message = excluded.message, at = excluded.at",
        (op.op_id, attempts, result.reason or "", result.message or "", now),
    )
    tx.execute("UPDATE outbox SET state = 'pending', state_at = ? WHERE op_id = ?", (now, op.op_id))
    return True


def _remember(tx: Tx, op: OutboxOp, result: OpResult) -> None:
    """The server now holds what this op wrote (except fields it kept as conflicts)."""
    known = shadow.load(tx, op.entity, [op.entity_id]).get(op.entity_id, {})
    written = {k: v for k, v in op.values().items() if k not in result.conflict_fields}
    known.update(written)
    known.update(result.server or {})
    shadow.save(tx, op.entity, op.entity_id, known)


def _conflict(tx: Tx, op: OutboxOp, result: OpResult) -> int:
    values = op.values()
    server = result.server or {}
    local: dict[str, Any]
    if op.entity in STEP_OF:  # a step the server's status no longer allows
        entity, column = STEP_OF[op.entity]
        entity_id = str(values.get(column, ""))
        local = {"status": {k: values.get(k) for k in ("action", "to_status", "note")}}
    elif op.entity == "conflict_resolution":
        # a chosen value someone else's newer one kept out: a conflict of its own
        entity, entity_id = str(values.get("entity")), str(values.get("entity_id"))
        local = {str(values.get("field")): values.get("value")}
    else:
        entity, entity_id = op.entity, op.entity_id
        local = values
    names = result.conflict_fields or ["*"]
    for name in names:
        conflicts.record(
            tx,
            entity=entity,
            entity_id=entity_id,
            field=name,
            local_value=local.get(name) if name != "*" else values,
            server_value=server.get(name),
            op_id=op.op_id,
            base_version=op.base_version,
            source="push",
        )
    _take_server_values(tx, entity, entity_id, server, op.seq)
    return len(names)


def _take_server_values(
    tx: Tx, entity: str, entity_id: str, server: Mapping[str, Any], after_seq: int
) -> None:
    """The record shows what the server holds, except fields a newer unsent edit rewrites."""
    local_columns = columns(tx.conn, entity)
    if "id" not in local_columns:
        return  # a table without a single id is never merged field by field
    current = tx.one(f"SELECT * FROM {entity} WHERE id = ?", (entity_id,))
    if current is None:
        return
    newer: set[str] = set()
    for (fields,) in tx.execute(
        "SELECT fields FROM outbox WHERE entity = ? AND entity_id = ? AND seq > ?"
        " AND state IN ('pending', 'sent')",
        (entity, entity_id, after_seq),
    ):
        newer.update(json.loads(fields))
    values = {
        k: v
        for k, v in server.items()
        if k in local_columns and k not in newer and k != "id" and current.get(k) != v
    }
    if "version" in values and (current.get("version") or 0) > (values["version"] or 0):
        values.pop("version")
    if values:
        tx.update(entity, entity_id, values, outbox=False)
