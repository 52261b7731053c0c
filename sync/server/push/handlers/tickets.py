"""Tickets (问题交接单): created, edited field by field, moved only by the core's state machine.

A status change travels as a ``ticket_transition`` create; the server replays it through
``Ticket.apply`` with the acting user's role. The ticket's status, level and department in a
``ticket`` update are ignored: they follow from the transitions.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from gridterm.domain.tickets import Level, Ticket, TicketAction, TicketStatus, Transition
from gridterm.domain.users import Role
from gridterm.domain.validation import sha256_hex, timestamp
from gridterm.errors import TransitionError, ValidationError
from gridterm.store.entities import codec
from sync.protocol import OpKind
from sync.server.admin import office_settings
from sync.server.db import schema
from sync.server.push.handlers.base import Handler, only, opened_step, outside, rows_named, text_id
from sync.server.push.merge import bump, merge_op, status_conflict
from sync.server.push.request import PushedOp
from sync.server.push.wire import decode
from sync.server.push.work import APPLIED, Outcome, Work

_EDITABLE = ("category", "title", "description", "urgent", "location", "photos", "household_id")
#: Sent by the terminal with every ticket write, but owned by the server's state machine.
_DERIVED = ("status", "level", "department", "updated_at", "version", "reported_by", "reported_at")
#: What a ticket is reported with (``validated_ticket``).
_REPORTED = ("grid_id", "reported_by", "reported_at", "visit_id", *_EDITABLE)


def ticket_from_row(row: dict[str, Any]) -> Ticket:
    """The core's Ticket for a stored row (the terminal and the server share the columns)."""
    return codec(Ticket).read(row)


def photo_list(value: object) -> tuple[str, ...]:
    """A record's photos as sent (a list of SHA-256), each checked."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValidationError("field.not_list", "photos must be a list", field="photos")
    return tuple(sha256_hex(p, "photos") for p in value)


def validated_ticket(ticket_id: str, v: dict[str, Any]) -> Ticket:
    """Validate ticket values with the core's ``Ticket.report``."""
    reported_by = v.get("reported_by")
    ticket, _ = Ticket.report(
        id=ticket_id,
        transition_id=ticket_id,
        grid_id=v.get("grid_id"),
        category=v.get("category"),
        title=v.get("title"),
        description=v.get("description"),
        urgent=v.get("urgent", False),
        reported_by=reported_by if isinstance(reported_by, str) else "",
        at=v.get("reported_at"),
        household_id=text_id(v.get("household_id"), "household_id"),
        visit_id=text_id(v.get("visit_id"), "visit_id"),
        location=v.get("location"),
        photos=photo_list(v.get("photos")),
    )
    return ticket


def _apply_ticket(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE, OpKind.UPDATE)
    f = decode(schema.ticket, op.fields)
    if op.op is OpKind.CREATE:
        _create_ticket(op, work, f)
        return APPLIED
    return _edit_ticket(op, work, f)


def _create_ticket(op: PushedOp, work: Work, f: dict[str, Any]) -> None:
    """A new ticket, checked by the core, reported by a known user in the worker's area
    (its household, if any, in the ticket's grid)."""
    t = validated_ticket(op.entity_id, f)
    if work.get("user", t.reported_by) is None:
        raise ValidationError(
            "ticket.unknown_user", "reported_by names no user", field="reported_by"
        )
    if work.get("ticket", op.entity_id) is not None:
        raise ValidationError("ticket.exists", "a ticket with this id exists", field="id")
    if not work.principal.in_scope(t.grid_id):
        raise outside("the grid")
    if t.household_id is not None:
        household = work.need("household", t.household_id, "household_id")
        if household["grid_id"] != t.grid_id:
            raise ValidationError(
                "ticket.household_other_grid",
                "the household is not in the ticket's grid",
                field="household_id",
            )
    work.insert("ticket", _new_ticket_row(t), work.partition_of(t.grid_id))


def _new_ticket_row(t: Ticket) -> dict[str, Any]:
    derived = {"status": t.status.value, "level": t.level.value, "updated_at": t.reported_at}
    return {"id": t.id, **_reported_values(t), **derived, "version": 1}


def _edit_ticket(op: PushedOp, work: Work, f: dict[str, Any]) -> Outcome:
    """An edit of a ticket's editable fields, checked by the core as the whole ticket they
    make and merged field by field; what the state machine owns is ignored."""
    row = work.need("ticket", op.entity_id, "id")
    if not work.principal.in_scope(row["grid_id"]):
        raise outside("the ticket")
    if "grid_id" in f and f["grid_id"] != row["grid_id"]:
        raise ValidationError("ticket.grid_not_editable", "a ticket stays in its grid")
    unknown = set(f) - set(_EDITABLE) - set(_DERIVED) - {"id", "grid_id", "visit_id"}
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationError("ticket.field_not_editable", f"cannot edit {name}", field=name)
    changes = {k: v for k, v in f.items() if k in _EDITABLE}
    if not changes:
        return APPLIED
    t = validated_ticket(op.entity_id, _reported_values(ticket_from_row(row)) | changes)
    values = {k: getattr(t, k) for k in changes}
    values = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
    return merge_op(work, op, row, values)


def _reported_values(current: Ticket) -> dict[str, Any]:
    """What ``validated_ticket`` reads, as the ticket now stands."""
    return {name: getattr(current, name) for name in _REPORTED} | {"photos": list(current.photos)}


def another_must_verify(work: Work, grid_id: str) -> bool:
    """The verify-by-another-person setting last published for the street office of
    ``grid_id`` (the rule the terminal applies with the copy it pulled)."""
    g, c = schema.grid, schema.community
    office = work.conn.execute(
        select(c.c.street_office_id).join(g, g.c.community_id == c.c.id).where(g.c.id == grid_id)
    ).scalar()
    return office is not None and office_settings.current(work.conn, office).verify_by_other


def _apply_transition(op: PushedOp, work: Work) -> Outcome:
    f, action, by, row = opened_step(
        op, work, schema.ticket_transition, TicketAction, "ticket", exists="this transition exists"
    )
    if action is TicketAction.REPORT:
        _first_transition(op, work, f, by, row)
        return APPLIED
    return _replay_transition(op, work, f, action, by, row)


def _first_transition(
    op: PushedOp, work: Work, f: dict[str, Any], by: dict[str, Any], row: dict[str, Any]
) -> None:
    """The first history entry (reported), written by the terminal beside the ticket itself."""
    first = validated_ticket(row["id"], {**row, "urgent": bool(row["urgent"]), "photos": []})
    step_values: dict[str, Any] = {
        "action": TicketAction.REPORT.value,
        "from_status": None,
        "to_status": TicketStatus.REPORTED.value,
        "from_level": None,
        "to_level": Level.GRID.value,
        "by_user": by["id"],
        "at": f.get("at") if isinstance(f.get("at"), str) else first.reported_at,
        "note": "",
        "department": "",
        "photo": None,
    }
    recorded = timestamp(step_values["at"], "at")
    grid_id = row["grid_id"]
    work.insert(
        "ticket_transition",
        {
            "id": op.entity_id,
            "ticket_id": row["id"],
            **step_values,
            "grid_id": grid_id,
            **work.receipt.stamps(recorded),
        },
        work.partition_of(grid_id),
    )


def _replay_transition(
    op: PushedOp,
    work: Work,
    f: dict[str, Any],
    action: TicketAction,
    by: dict[str, Any],
    row: dict[str, Any],
) -> Outcome:
    """A status change replayed through the core's state machine with the acting user's role;
    one the server's status no longer allows, sent from an older status, is a conflict."""
    grid_id = row["grid_id"]
    ticket = ticket_from_row(row)
    try:
        new, step = ticket.apply(
            action,
            transition_id=op.entity_id,
            by_user=by["id"],
            role=Role(by["role"]),
            at=f.get("at"),
            note=f.get("note"),
            department=f.get("department"),
            photo=text_id(f.get("photo"), "photo"),
            # only a verification asks the street office's setting (two reads)
            another_verifies=action is TicketAction.VERIFY and another_must_verify(work, grid_id),
        )
    except TransitionError:
        sent_from = f.get("from_status")
        if sent_from is None or sent_from == ticket.status.value:
            raise
        # the ticket moved on the server since this terminal saw it: keep both sides
        terminal = {"transition_id": op.entity_id, **op.fields}
        return status_conflict(work, op, "ticket", row, terminal, ("status", "level", "version"))
    work.insert(
        "ticket_transition", _transition_row(work, step, grid_id), work.partition_of(grid_id)
    )
    moved = {"status": new.status.value, "level": new.level.value, "department": new.department}
    bump(work, "ticket", row, {**moved, "updated_at": step.at}, grid_id)
    return APPLIED


def _transition_row(work: Work, step: Transition, grid_id: str) -> dict[str, Any]:
    return {
        "id": step.id,
        "ticket_id": step.ticket_id,
        "action": step.action.value,
        "from_status": step.from_status.value if step.from_status else None,
        "to_status": step.to_status.value,
        "from_level": step.from_level.value if step.from_level else None,
        "to_level": step.to_level.value,
        "by_user": step.by_user,
        "at": step.at,
        "note": step.note,
        "department": step.department,
        "photo": step.photo,
        "grid_id": grid_id,
        **work.receipt.stamps(step.at),
    }


TICKET = Handler(
    rows_named("ticket", ("household", "household_id"), ("user", "reported_by")), _apply_ticket
)
TRANSITION = Handler(
    rows_named(None, ("ticket", "ticket_id"), ("user", "by_user")), _apply_transition
)
