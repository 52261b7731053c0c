"""Tickets (问题交接单): created, edited field by field, moved only by the core's state machine.

A status change travels as a ``ticket_transition`` create; the server replays it through
``Ticket.apply`` with the acting user's role. The ticket's status, level and department in a
``ticket`` update are ignored: they follow from the transitions.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from gridterm.domain.tickets import Level, Ticket, TicketAction, TicketStatus
from gridterm.domain.users import Role
from gridterm.domain.validation import enum_value, sha256_hex, timestamp
from gridterm.errors import TransitionError, ValidationError
from gridterm.store.entities import codec
from sync.protocol import OpKind
from sync.server.admin import office_settings
from sync.server.db import schema
from sync.server.push.handlers.base import Handler, only, outside, text_id, want
from sync.server.push.merge import bump, merge, status_conflict
from sync.server.push.request import PushedOp
from sync.server.push.wire import decode
from sync.server.push.work import APPLIED, Outcome, Work

_EDITABLE = ("category", "title", "description", "urgent", "location", "photos", "household_id")
#: Sent by the terminal with every ticket write, but owned by the server's state machine.
_DERIVED = ("status", "level", "department", "updated_at", "version", "reported_by", "reported_at")


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


def _ticket_wants(op: PushedOp) -> list[tuple[str, str]]:
    f = op.fields
    return want(
        ("ticket", op.entity_id),
        ("household", f.get("household_id")),
        ("user", f.get("reported_by")),
    )


def _apply_ticket(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE, OpKind.UPDATE)
    f = decode(schema.ticket, op.fields)
    if op.op is OpKind.CREATE:
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
        work.insert(
            "ticket",
            {
                "id": t.id,
                "grid_id": t.grid_id,
                "category": t.category,
                "title": t.title,
                "description": t.description,
                "urgent": t.urgent,
                "status": t.status.value,
                "level": t.level.value,
                "reported_by": t.reported_by,
                "reported_at": t.reported_at,
                "household_id": t.household_id,
                "visit_id": t.visit_id,
                "location": t.location,
                "photos": list(t.photos),
                "updated_at": t.reported_at,
                "version": 1,
            },
            work.partition_of(t.grid_id),
        )
        return APPLIED
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
    current = ticket_from_row(row)
    merged = {
        "grid_id": current.grid_id,
        "category": current.category,
        "title": current.title,
        "description": current.description,
        "urgent": current.urgent,
        "reported_by": current.reported_by,
        "reported_at": current.reported_at,
        "household_id": current.household_id,
        "visit_id": current.visit_id,
        "location": current.location,
        "photos": list(current.photos),
        **changes,
    }
    t = validated_ticket(op.entity_id, merged)
    values = {k: getattr(t, k) for k in changes}
    values = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
    return merge(
        work,
        entity="ticket",
        row=row,
        changes=values,
        base_version=op.base_version,
        op_id=op.op_id,
        grid_id=row["grid_id"],
    )


def another_must_verify(work: Work, grid_id: str) -> bool:
    """The verify-by-another-person setting last published for the street office of
    ``grid_id`` (the rule the terminal applies with the copy it pulled)."""
    g, c = schema.grid, schema.community
    office = work.conn.execute(
        select(c.c.street_office_id).join(g, g.c.community_id == c.c.id).where(g.c.id == grid_id)
    ).scalar()
    return office is not None and office_settings.current(work.conn, office).verify_by_other


def _transition_wants(op: PushedOp) -> list[tuple[str, str]]:
    f = op.fields
    return want(
        ("ticket", f.get("ticket_id")),
        ("user", f.get("by_user")),
    )


def _apply_transition(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE)
    f = decode(schema.ticket_transition, op.fields)
    action = enum_value(TicketAction, f.get("action"), "action")
    if work.exists("ticket_transition", op.entity_id):
        raise ValidationError("ticket_transition.exists", "this transition exists", field="id")
    by = work.get("user", f.get("by_user"))
    if by is None:
        raise ValidationError("ticket.unknown_user", "by_user names no user", field="by_user")
    row = work.need("ticket", f.get("ticket_id"), "ticket_id")
    grid_id = row["grid_id"]
    if not work.principal.in_scope(grid_id):
        raise outside("the ticket")
    if action is TicketAction.REPORT:
        # the first history entry, written by the terminal beside the ticket itself
        first = validated_ticket(row["id"], {**row, "urgent": bool(row["urgent"]), "photos": []})
        step_values: dict[str, Any] = {
            "action": action.value,
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
        return APPLIED
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
        "ticket_transition",
        {
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
        },
        work.partition_of(grid_id),
    )
    bump(
        work,
        "ticket",
        row,
        {
            "status": new.status.value,
            "level": new.level.value,
            "department": new.department,
            "updated_at": step.at,
        },
        grid_id,
    )
    return APPLIED


TICKET = Handler(_ticket_wants, _apply_ticket)
TRANSITION = Handler(_transition_wants, _apply_transition)
