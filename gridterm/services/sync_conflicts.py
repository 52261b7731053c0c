"""Fields changed both here and on the server (冲突): every refused value, resolved by a person.

A conflict is one refused value of one field (``sync.client.conflicts``), the same record on
the terminal and on the server, which sends every change of it to the grid's terminals. The
worker (or a supervisor, ``conflict_queue``) sees all open conflicts of a field side by side
and settles them with one choice — a refused value ("mine"), the server's, or (text fields) a
new one. The value is written into the local record and a ``conflict_resolution`` op naming
every conflict seen goes to the server in the same transaction; only that op settles them
there (an ordinary edit never does). Nothing is deleted: each conflict keeps its values plus
the resolution (who, what, when).

A ticket's status is never chosen: it follows the server's state machine. A status conflict is
resolved only by accepting the server's status; to act on the ticket again the worker records
a new transition from where it now stands. Pure: no network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from gridterm.domain.permissions import require_for_entity
from gridterm.domain.residents import validate_resident_fields
from gridterm.domain.territory import validate_household_changes
from gridterm.domain.tickets import TicketStatus
from gridterm.domain.validation import optional_text, required_text
from gridterm.errors import NotFoundError, ValidationError
from gridterm.ids import new_id
from gridterm.services.session import Session
from gridterm.store import entities
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx, utc_now

#: Fields a worker may type a new value into (the others are flags, lists or codes).
TEXT_FIELDS = frozenset({"phone", "notes", "title", "description", "location", "name"})
#: Ticket fields a worker may choose a value of (status follows the state machine).
_TICKET_FIELDS = frozenset({"title", "description", "location", "category", "urgent"})
#: Settled conflicts shown at most (the list is collapsed; older ones stay in the database).
SETTLED_LIMIT = 50


class Resolution(StrEnum):
    """How the worker settles a conflict."""

    MINE = "mine"
    SERVER = "server"
    VALUE = "value"


#: The choice as the server records it (``sync.protocol.ConflictChoice``): "mine" is the
#: refused value, the terminal's.
_WIRE_CHOICE = {Resolution.MINE: "terminal", Resolution.SERVER: "server", Resolution.VALUE: "value"}


@dataclass(frozen=True, slots=True)
class SyncConflict:
    """One field of one record with two values; ``building``/``unit``/``room`` name a
    household (or a resident's household), ``title`` a ticket."""

    id: str
    entity: str
    entity_id: str
    field: str
    local_value: Any
    server_value: Any
    source: str
    detected_at: str
    status: str = "open"
    building: str | None = None
    unit: str | None = None
    room: str | None = None
    title: str | None = None
    resolution: str | None = None
    resolved_value: Any = None
    resolved_by: str | None = None
    resolved_at: str | None = None
    grid_id: str | None = None
    #: who wrote the refused value, and when the server refused it (known once pulled)
    by_user: str | None = None
    written_at: str | None = None

    @property
    def editable(self) -> bool:
        """Whether the worker may type a value of their own (a text field)."""
        return self.field in TEXT_FIELDS and self.entity in ("household", "resident", "ticket")

    @property
    def status_of_ticket(self) -> bool:
        """A ticket's (or a hazard's) status: moved only by its steps, so settled only by
        accepting the server's state machine."""
        return self.entity in ("ticket", "hazard") and self.field == "status"


_SELECT = """
SELECT c.*, b.number AS building, u.number AS unit, h.room AS room, t.title AS title
FROM sync_conflict c
LEFT JOIN resident r ON c.entity = 'resident' AND r.id = c.entity_id
LEFT JOIN household h ON h.id = CASE c.entity WHEN 'household' THEN c.entity_id
                                              WHEN 'resident' THEN r.household_id END
LEFT JOIN building b ON b.id = h.building_id
LEFT JOIN unit u ON u.id = h.unit_id
LEFT JOIN ticket t ON c.entity = 'ticket' AND t.id = c.entity_id
"""


def _conflict(row: dict[str, Any]) -> SyncConflict:
    return SyncConflict(
        id=row["id"],
        entity=row["entity"],
        entity_id=row["entity_id"],
        field=row["field"],
        local_value=json.loads(row["local_value"] or "null"),
        server_value=json.loads(row["server_value"] or "null"),
        source=row["source"],
        detected_at=row["detected_at"],
        status=row["status"],
        building=row["building"],
        unit=row["unit"],
        room=row["room"],
        title=row["title"],
        resolution=row["resolution"],
        resolved_value=json.loads(row["resolved_value"]) if row["resolved_value"] else None,
        resolved_by=row["resolved_by"],
        resolved_at=row["resolved_at"],
        grid_id=row["grid_id"],
        by_user=row["by_user"],
        written_at=row["written_at"],
    )


def read_open(r: Reader) -> list[SyncConflict]:
    """``SyncConflicts.open`` within a read already under way (the supervisors' queue)."""
    return [
        _conflict(row)
        for row in r.iter(_SELECT + " WHERE c.status = 'open' ORDER BY c.detected_at DESC, c.id")
    ]


def _chosen(conflict: SyncConflict, choice: Resolution, value: Any) -> Any:
    """The value the worker chose, before the core validates it for the record."""
    if conflict.status_of_ticket:
        if choice is not Resolution.SERVER:
            raise ValidationError(
                "conflict.status_by_transition",
                "a ticket's status follows the state machine: accept the server's status",
                field="status",
            )
        return conflict.server_value
    if choice is Resolution.SERVER:
        return conflict.server_value
    if choice is Resolution.MINE:
        return conflict.local_value
    if not conflict.editable:
        raise ValidationError(
            "conflict.not_text", "only a text field takes a typed value", field=conflict.field
        )
    if conflict.field in ("title", "name"):
        return required_text(value, conflict.field, max_len=200)
    return optional_text(value, conflict.field, max_len=2000)


def _write_edit(
    session: Session, tx: Tx, conflict: SyncConflict, chosen: Any
) -> tuple[str, int | None]:
    """The chosen value, validated like any edit, written into the local record (no outbox
    row of its own: the resolution op carries it); returns the record's grid and version."""
    name = conflict.field
    require_for_entity(session.user, conflict.entity)
    match conflict.entity:
        case "household":
            found = tx.one(
                "SELECT grid_id, version FROM household WHERE id = ?", (conflict.entity_id,)
            )
            record = _require_record(session, tx, found, conflict)
            values = validate_household_changes({name: chosen})
            stored = {k: json.dumps(v) if k == "key_reasons" else v for k, v in values.items()}
            tx.update("household", conflict.entity_id, stored, outbox=False)
        case "resident":
            found = tx.one(
                "SELECT h.grid_id, r.version FROM resident r"
                " JOIN household h ON h.id = r.household_id WHERE r.id = ?",
                (conflict.entity_id,),
            )
            record = _require_record(session, tx, found, conflict)
            values = validate_resident_fields({name: chosen}, partial=True, today=session.today())
            tx.update("resident", conflict.entity_id, values, outbox=False)
        case "ticket":
            found = tx.one(
                "SELECT grid_id, version FROM ticket WHERE id = ?", (conflict.entity_id,)
            )
            record = _require_record(session, tx, found, conflict)
            value = _ticket_value(name, chosen)
            if name != "status":  # the status stays the server's state machine's
                tx.update("ticket", conflict.entity_id, {name: value}, outbox=False)
        case _:
            raise ValidationError(
                "conflict.unsupported", f"a {conflict.entity} conflict is settled on the server"
            )
    return record["grid_id"], record["version"]


def _ticket_value(name: str, chosen: Any) -> Any:
    if name == "status":
        return TicketStatus(chosen).value
    if name not in _TICKET_FIELDS:
        raise ValidationError("conflict.unsupported", f"cannot choose a ticket's {name}")
    if name == "urgent":
        return bool(chosen)
    if name in ("title", "category"):
        return required_text(chosen, name, max_len=200)
    return optional_text(chosen, name, max_len=2000)


def _require_record(
    session: Session, tx: Tx, row: dict[str, Any] | None, conflict: SyncConflict
) -> dict[str, Any]:
    if row is None:
        raise NotFoundError(
            f"{conflict.entity}.not_found", "the record is gone", id=conflict.entity_id
        )
    session.require_grid(tx.reader(), row["grid_id"])
    return row


def current_value(r: Reader, c: SyncConflict) -> Any:
    """The value the record holds now on this terminal (an edit made since the conflict opened
    never settles it: the queue shows this beside the refused values)."""
    if c.entity not in entities.MERGED or not c.field.isidentifier():
        return None
    columns = {row["name"] for row in r.iter(f"PRAGMA table_info({c.entity})")}
    if c.field not in columns:
        return None
    row = r.one(f"SELECT {c.field} AS v FROM {c.entity} WHERE id = ?", (c.entity_id,))
    if row is None:
        return None
    value = row["v"]
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class SyncConflicts:
    """The worker's sync conflicts (冲突): listed on the Sync page, settled one field at a time."""

    def __init__(self, session: Session):
        self.session = session

    def open(self) -> list[SyncConflict]:
        """Conflicts not yet resolved or dismissed, newest first."""
        return self.session.store.read(read_open)

    def settled(self, limit: int = SETTLED_LIMIT) -> list[SyncConflict]:
        """Resolved or dismissed conflicts, most recently settled first."""

        def read(r: Reader) -> list[SyncConflict]:
            return [
                _conflict(row)
                for row in r.iter(
                    _SELECT + " WHERE c.status != 'open'"
                    " ORDER BY coalesce(c.resolved_at, c.dismissed_at) DESC, c.id LIMIT ?",
                    (limit,),
                )
            ]

        return self.session.store.read(read)

    def resolve(
        self,
        conflict_id: str,
        choice: Resolution | str,
        value: Any = None,
        *,
        now: bool = False,
    ) -> SyncConflict:
        """Settle the open conflicts of one field with the worker's choice, in one transaction.

        The worker sees every open conflict of the record's field together and chooses once:
        ``mine`` takes the refused value of ``conflict_id``, ``server`` the server's, ``value`` a
        typed one. The value is written into the local record, and one ``conflict_resolution``
        op queued that names every conflict settled and the value (``base_version``: the record's
        version, which the sync engine keeps equal to the server's) — only such an op settles a
        conflict on the server. Bad input (a typed value for a non-text field, a value the core
        refuses, a ticket status chosen other than the server's) raises a ``ValidationError``
        and changes nothing. ``now``: ``server`` takes the value the record holds now here (the
        supervisors' queue, where a later edit may have superseded the server's value of the time).
        """
        choice, session = Resolution(choice), self.session

        def write(tx: Tx) -> SyncConflict:
            row = tx.one(_SELECT + " WHERE c.id = ?", (conflict_id,))
            if row is None or row["status"] != "open":
                raise NotFoundError("conflict.not_open", "no such open conflict", id=conflict_id)
            conflict = _conflict(row)
            if now and choice is Resolution.SERVER and not conflict.status_of_ticket:
                conflict = replace(conflict, server_value=current_value(tx.reader(), conflict))
            chosen = _chosen(conflict, choice, value)
            grid_id, version = _write_edit(session, tx, conflict, chosen)
            seen = [
                r[0]
                for r in tx.execute(
                    "SELECT id FROM sync_conflict WHERE entity = ? AND entity_id = ? AND field = ?"
                    " AND status = 'open' ORDER BY id",
                    (conflict.entity, conflict.entity_id, conflict.field),
                )
            ]
            wire = _WIRE_CHOICE[choice]
            op_id = tx.queue(
                "conflict_resolution",
                new_id(),
                {
                    "entity": conflict.entity,
                    "entity_id": conflict.entity_id,
                    "field": conflict.field,
                    "grid_id": grid_id,
                    "conflict_ids": seen,
                    "choice": wire,
                    "value": chosen,
                },
                version,
            )
            marks = ",".join("?" * len(seen))
            tx.execute(
                "UPDATE sync_conflict SET status = 'resolved', resolution = ?, resolved_value = ?,"
                f" resolved_by = ?, resolved_at = ?, resolve_op_id = ? WHERE id IN ({marks})",
                (
                    wire,
                    json.dumps(chosen, ensure_ascii=False),
                    session.user.id,
                    utc_now(),
                    op_id,
                    *seen,
                ),
            )
            tx.touched("conflict", conflict_id)
            return _conflict(tx.written(_SELECT + " WHERE c.id = ?", (conflict_id,)))

        return session.store.write(write)
