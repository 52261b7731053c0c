"""A hazard's steps (``hazard_step``), replayed through the core's ``Hazard.apply``.

Like a ticket's transitions: a step is created, never edited; the hazard's status, closed
time, photos and ticket link follow from it here (a version bump), whatever the terminal's
copy of the hazard said. Refusals carry the core's codes: a re-inspection passed before a
rectification (``hazard.not_rectified``), a rectification, re-inspection pass or closing
without a photo, a step the lifecycle does not allow now.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from gridterm.domain.hazards import Hazard, HazardAction, HazardStep
from gridterm.domain.permissions import Activity, may
from gridterm.domain.tickets import TicketStatus
from gridterm.domain.users import Role
from gridterm.domain.validation import timestamp
from gridterm.errors import PermissionDeniedError, TransitionError, ValidationError
from gridterm.store.entities import codec
from sync.server.db import schema
from sync.server.push.handlers.base import Handler, opened_step, rows_named, text_id
from sync.server.push.handlers.tickets import another_must_verify, photo_list
from sync.server.push.merge import bump, status_conflict
from sync.server.push.request import PushedOp
from sync.server.push.work import APPLIED, Outcome, Work

#: Ticket statuses that count as handled by the department (部门处置完毕).
_HANDLED = frozenset({TicketStatus.HANDLED, TicketStatus.VERIFIED, TicketStatus.CLOSED})


def replay(
    work: Work, row: dict[str, Any], action: HazardAction, *, step_id: str, by: dict[str, Any],
    fields: dict[str, Any],
) -> None:  # fmt: skip
    """Apply one step to the server's hazard ``row`` and store it (raising the core's
    refusal before any write)."""
    hazard = codec(Hazard).read(row)
    grid_id = row["grid_id"]
    inspection = work.need("hazard_inspection", row["inspection_id"], "inspection_id")
    ticket_id = text_id(fields.get("ticket_id"), "ticket_id")
    if action is HazardAction.ESCALATE:
        ticket = work.need("ticket", ticket_id, "ticket_id")
        if ticket["grid_id"] != grid_id:
            raise ValidationError("hazard.ticket_other_grid", "the ticket is in another grid")
    if action is HazardAction.TICKET_HANDLED:
        ticket = work.need("ticket", hazard.ticket_id, "ticket_id")
        if TicketStatus(ticket["status"]) not in _HANDLED:
            raise TransitionError("hazard.ticket_not_handled", "its ticket is not handled yet")
    moved, step = hazard.apply(
        action,
        step_id=step_id,
        by_user=by["id"],
        role=Role(by["role"]),
        at=fields.get("at"),
        note=fields.get("note", ""),
        photos=photo_list(fields.get("photos")),
        party=fields.get("party", ""),
        found_by=inspection["inspector_id"],
        another_verifies=another_must_verify(work, grid_id),
        ticket_id=ticket_id,
    )
    _store(work, step, grid_id)
    bump(
        work,
        "hazard",
        row,
        {
            "status": moved.status.value,
            "closed_at": moved.closed_at,
            "photos": list(moved.photos),
            "ticket_id": moved.ticket_id,
        },
        grid_id,
    )


def _store(work: Work, step: HazardStep, grid_id: str) -> None:
    work.insert(
        "hazard_step",
        {**codec(HazardStep).row(step), "grid_id": grid_id},
        work.partition_of(grid_id),
    )


def _apply_step(op: PushedOp, work: Work) -> Outcome:
    f, action, by, row = opened_step(
        op, work, schema.hazard_step, HazardAction, "hazard", exists="this step exists"
    )
    if action is HazardAction.FOUND:
        # the first step, written by the terminal beside the hazard itself
        if not may(Role(by["role"]), Activity.INSPECT):
            raise PermissionDeniedError(
                "permission.role_not_allowed", "only an inspector finds hazards", field="by_user"
            )
        found = codec(Hazard).read(row).found_step(op.entity_id, by["id"])
        at = timestamp(f.get("at", row["found_at"]), "at")
        _store(work, replace(found, at=at, photos=photo_list(f.get("photos"))), row["grid_id"])
        return APPLIED
    try:
        replay(work, row, action, step_id=op.entity_id, by=by, fields=f)
    except TransitionError:
        sent_from = f.get("from_status")
        if sent_from is None or sent_from == row["status"]:
            raise
        # the hazard moved on the server since this terminal saw it: keep both sides
        return status_conflict(work, op, "hazard", row, {"step_id": op.entity_id, **op.fields})
    return APPLIED


STEP = Handler(
    rows_named(None, ("hazard", "hazard_id"), ("user", "by_user"), ("ticket", "ticket_id")),
    _apply_step,
)
