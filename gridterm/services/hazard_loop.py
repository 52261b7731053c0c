"""A hazard's steps through its closed loop (巡查上报 → 部门处置 → 网格核查), one transaction
each, and the ticket it was escalated to moving with it.

Every step is a ``hazard_step`` row (synced like ``ticket_transition``): the hazard's status,
closed time, photos and ticket link follow from the steps and are written beside them without
an outbox row of their own; the server replays each step through the same ``Hazard.apply``.
Closing a hazard settles its ticket (handled, verified with the closing photo, closed), and a
ticket marked handled moves its hazard on to re-inspection, in the transaction of the step
that caused it.
"""

from __future__ import annotations

from gridterm.domain.hazards import Hazard, HazardAction, HazardStatus, HazardStep
from gridterm.domain.tickets import TicketAction, TicketStatus, Transition
from gridterm.errors import NotFoundError
from gridterm.ids import new_id
from gridterm.services.session import Session
from gridterm.services.tickets import Tickets
from gridterm.services.verification import another_must_verify
from gridterm.store.entities import codec
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx

#: The ticket steps that settle a ticket from each status when its hazard is closed.
_SETTLE: dict[TicketStatus, tuple[TicketAction, ...]] = {
    TicketStatus.REPORTED: (
        TicketAction.ACCEPT,
        TicketAction.MARK_HANDLED,
        TicketAction.VERIFY,
        TicketAction.CLOSE,
    ),
    TicketStatus.ACCEPTED: (TicketAction.MARK_HANDLED, TicketAction.VERIFY, TicketAction.CLOSE),
    TicketStatus.DISPATCHED: (
        TicketAction.MARK_HANDLED,
        TicketAction.VERIFY,
        TicketAction.CLOSE,
    ),
    TicketStatus.HANDLED: (TicketAction.VERIFY, TicketAction.CLOSE),
    TicketStatus.VERIFIED: (TicketAction.CLOSE,),
    TicketStatus.CLOSED: (),
}
#: The note of the ticket steps a hazard's closing takes (the worker reads it in the history).
SETTLED_NOTE = "隐患已核查销号"


def load(r: Reader, session: Session, hazard_id: str) -> Hazard:
    """One hazard of the user's area."""
    row = r.one("SELECT * FROM hazard WHERE id = ?", (hazard_id,))
    if row is None:
        raise NotFoundError("hazard.not_found", "no such hazard", id=hazard_id)
    session.require_grid(r, row["grid_id"])
    return codec(Hazard).read(row)


def take_step(
    tx: Tx,
    session: Session,
    hazard_id: str,
    action: HazardAction,
    *,
    note: str = "",
    photos: tuple[str, ...] = (),
    party: str = "",
    ticket_id: str | None = None,
) -> Hazard:
    """Apply one step inside ``tx``: the hazard moves, the step is stored, linked records
    follow. Raises the core's refusal before anything is written."""
    r = tx.reader()
    current = load(r, session, hazard_id)
    inspector = r.scalar(
        "SELECT inspector_id FROM hazard_inspection WHERE id = ?", (current.inspection_id,)
    )
    moved, step = current.apply(
        action,
        step_id=new_id(),
        by_user=session.user.id,
        role=session.user.role,
        at=session.now(),
        note=note,
        photos=photos,
        party=party,
        found_by=inspector or "",
        another_verifies=another_must_verify(r, current.grid_id),
        ticket_id=ticket_id,
    )
    write_step(tx, current, moved, step)
    if moved.status is HazardStatus.CLOSED and moved.ticket_id is not None:
        _settle_ticket(tx, session, moved.ticket_id, step)
    return moved


def write_step(tx: Tx, current: Hazard, moved: Hazard, step: HazardStep) -> None:
    """Store a step and what it changed of the hazard (the step alone goes to the server)."""
    changes: dict[str, object] = {
        "status": moved.status.value,
        "closed_at": moved.closed_at,
        "ticket_id": moved.ticket_id,
    }
    if moved.photos != current.photos:
        changes["photos"] = list(moved.photos)
    tx.update("hazard", current.id, changes, outbox=False)
    tx.insert("hazard_step", codec(HazardStep).row(step))


def _settle_ticket(tx: Tx, session: Session, ticket_id: str, closing: HazardStep) -> None:
    """The hazard is verified closed: its ticket is handled, verified with the closing photo
    and closed (销号) through the ticket's own state machine."""
    tickets = Tickets(session)
    status = tickets.load_in(tx, ticket_id).status
    for action in _SETTLE[status]:
        tickets.act_in(
            tx,
            ticket_id,
            action,
            note=SETTLED_NOTE,
            photo=closing.photos[0] if action is TicketAction.VERIFY else None,
        )


def on_ticket_step(tx: Tx, session: Session, ticket_id: str, step: Transition) -> None:
    """A ticket step taken on this terminal: a ticket marked handled (部门处置完毕) moves the
    hazard escalated to it on to re-inspection (待复查), the department as the party."""
    if step.action is not TicketAction.MARK_HANDLED:
        return
    r = tx.reader()
    row = r.one(
        "SELECT * FROM hazard WHERE ticket_id = ? AND status IN (?, ?)",
        (ticket_id, HazardStatus.OPEN.value, HazardStatus.RECTIFYING.value),
    )
    if row is None:
        return
    current = codec(Hazard).read(row)
    department = r.scalar("SELECT department FROM ticket WHERE id = ?", (ticket_id,))
    moved, hazard_step = current.apply(
        HazardAction.TICKET_HANDLED,
        step_id=new_id(),
        by_user=session.user.id,
        role=session.user.role,
        at=step.at,
        note=step.note,
        photos=(step.photo,) if step.photo else (),
        party=department or "",
    )
    write_step(tx, current, moved, hazard_step)


def history(r: Reader, session: Session, hazard_id: str) -> list[HazardStep]:
    """Every step of a hazard, oldest first, from whichever terminal it was taken on."""
    load(r, session, hazard_id)
    return [
        codec(HazardStep).read(row)
        for row in r.iter(
            "SELECT * FROM hazard_step WHERE hazard_id = ? ORDER BY at, id", (hazard_id,)
        )
    ]


def after_photos(steps: list[HazardStep]) -> tuple[str, ...]:
    """The photos taken since the hazard was found (rectification, re-inspection, closing)."""
    seen: dict[str, None] = {}
    for step in steps:
        if step.action is not HazardAction.FOUND:
            seen.update(dict.fromkeys(step.photos))
    return tuple(seen)
