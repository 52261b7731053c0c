"""The quarantine: records the server refused, with its reason, to correct and send again.

A refused record never holds back the others (docs/sync-contract.md, guarantee 4). It stays here,
with everything it wrote, until a worker corrects it (the fields are changed in the queued
write and in the local record) or resends it as it was, e.g. once a supervisor has fixed
what the server was missing. Pure: no network; the next sync sends it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from gridterm.errors import NotFoundError, ValidationError
from gridterm.services.session import Session
from gridterm.store import entities
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx, encode, utc_now


@dataclass(frozen=True, slots=True)
class QuarantinedRecord:
    """One refused write: what it wrote and why the server said no."""

    seq: int
    op_id: str
    entity: str
    entity_id: str
    op: str
    fields: dict[str, Any]
    reason: str
    message: str
    field: str | None
    rejected_at: str | None


class Quarantine:
    """The records the server refused (隔离区), for the Sync page to correct or resend."""

    def __init__(self, session: Session):
        self.session = session

    def records(self, limit: int = 500) -> list[QuarantinedRecord]:
        """Refused writes, oldest first."""

        def read(r: Reader) -> list[QuarantinedRecord]:
            return [
                QuarantinedRecord(
                    seq=row["seq"],
                    op_id=row["op_id"],
                    entity=row["entity"],
                    entity_id=row["entity_id"],
                    op=row["op"],
                    fields=json.loads(row["fields"]),
                    reason=row["reason"] or "rejected",
                    message=row["message"] or "",
                    field=row["field"],
                    rejected_at=row["state_at"],
                )
                for row in r.iter(
                    "SELECT o.seq, o.op_id, o.entity, o.entity_id, o.op, o.fields, o.reason,"
                    " o.state_at, j.message, j.field FROM outbox o"
                    " LEFT JOIN sync_rejection j ON j.op_id = o.op_id"
                    " WHERE o.state = 'rejected' ORDER BY o.seq LIMIT ?",
                    (limit,),
                )
            ]

        return self.session.store.read(read)

    def correct(self, op_id: str, changes: dict[str, Any]) -> None:
        """Change fields of a refused write (and of the record it wrote) and queue it again,
        in one transaction."""
        if not changes:
            raise ValidationError("quarantine.no_changes", "nothing to correct")

        def write(tx: Tx) -> None:
            row = _rejected(tx, op_id)
            columns = {c[1] for c in tx.execute(f"PRAGMA table_info({row['entity']})").fetchall()}
            unknown = sorted(set(changes) - columns)
            if unknown or "id" in changes:
                raise ValidationError(
                    "quarantine.field_unknown",
                    f"cannot correct {unknown or ['id']}",
                    field="fields",
                )
            values = {k: encode(v) for k, v in changes.items()}
            fields = {**json.loads(row["fields"]), **values}
            present = "id" in columns and tx.one(
                f"SELECT 1 AS x FROM {row['entity']} WHERE id = ?", (row["entity_id"],)
            )
            if present and row["op"] != "delete":
                tx.update(row["entity"], row["entity_id"], values, outbox=False)
            tx.execute(
                "UPDATE outbox SET fields = ? WHERE op_id = ?",
                (json.dumps(fields, ensure_ascii=False), op_id),
            )
            _requeue(tx, op_id)

        self.session.store.write(write)

    def resend(self, op_id: str) -> None:
        """Queue a refused write again as it was."""

        def write(tx: Tx) -> None:
            _rejected(tx, op_id)
            _requeue(tx, op_id)

        self.session.store.write(write)

    def shown_in(self, entity: str, entity_id: str) -> tuple[str, str]:
        """Which screen shows a record, to correct it there: ("household", id) or
        ("ticket", id), as the catalog's ``shown_as`` says (a resident opens as its
        household)."""
        shown_as = entities.entity(entity).shown_as
        if shown_as is None:
            raise NotFoundError("record.not_openable", "no screen shows this record", entity=entity)
        screen, column = shown_as
        if column == "id":
            return screen, entity_id
        rows = self.session.store.query(f"SELECT {column} FROM {entity} WHERE id = ?", (entity_id,))
        return screen, rows[0][column]


def _rejected(tx: Tx, op_id: str) -> dict[str, Any]:
    row = tx.one("SELECT * FROM outbox WHERE op_id = ?", (op_id,))
    if row is None or row["state"] != "rejected":
        raise NotFoundError("outbox.not_rejected", "no such refused record", op_id=op_id)
    return row


def _requeue(tx: Tx, op_id: str) -> None:
    # A new batch id (NULL) marks it as never sent in this form: the server sees a correction
    # as the same op, so it must not have been applied before (it was refused).
    tx.execute(
        "UPDATE outbox SET state = 'pending', reason = NULL, batch_id = NULL, state_at = ?"
        " WHERE op_id = ?",
        (utc_now(), op_id),
    )
    tx.execute("DELETE FROM sync_rejection WHERE op_id = ?", (op_id,))
    tx.execute("DELETE FROM sync_retry WHERE op_id = ?", (op_id,))
