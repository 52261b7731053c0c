"""Tickets (问题交接单): open, move through the state machine, list, show history."""

from __future__ import annotations

from typing import Any, NoReturn, TypedDict, Unpack

from gridterm.domain.permissions import Activity, require
from gridterm.domain.tickets import Ticket, TicketAction, TicketStatus, Transition
from gridterm.errors import FieldErrors, NotFoundError, ValidationError, each_error
from gridterm.ids import new_id
from gridterm.services.deadlines import TicketLine, by_deadline, ticket_lines
from gridterm.services.session import Session
from gridterm.services.verification import another_must_verify
from gridterm.store.entities import codec
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx


def ticket_row(ticket: Ticket, updated_at: str) -> dict[str, object]:
    """A Ticket as the columns of the ``ticket`` table."""
    return {**codec(Ticket).row(ticket), "updated_at": updated_at}


def transition_row(step: Transition) -> dict[str, object]:
    """A Transition as the columns of ``ticket_transition``."""
    return codec(Transition).row(step)


class StepDetails(TypedDict, total=False):
    """What a worker may give with a ticket step besides its action: a note, the department a
    dispatch names, a photo (a verification's evidence). Each may be left out."""

    note: str
    department: str
    photo: str | None


class Tickets:
    """What a worker does with tickets."""

    def __init__(self, session: Session):
        self.session = session

    def open(
        self,
        *,
        grid_id: str,
        category: str,
        title: str,
        description: str = "",
        urgent: bool = False,
        household_id: str | None = None,
        visit_id: str | None = None,
        location: str = "",
        photos: tuple[str, ...] = (),
    ) -> Ticket:
        """Report a new ticket at grid level."""
        return self.session.store.write(
            lambda tx: self.open_in(
                tx,
                grid_id=grid_id,
                category=category,
                title=title,
                description=description,
                urgent=urgent,
                household_id=household_id,
                visit_id=visit_id,
                location=location,
                photos=photos,
            )
        )

    def report(
        self,
        *,
        category: str,
        title: str,
        description: str = "",
        urgent: bool = False,
        location: str = "",
        photos: tuple[str, ...] = (),
        grid_id: str | None = None,
    ) -> Ticket:
        """Report a ticket for the worker (随手拍): in ``grid_id``, or else in the first grid of
        their area by name. A worker with no grid is told so together with whatever else is
        wrong with the report, as one save's errors. One transaction."""
        fields: dict[str, Any] = {
            "category": category,
            "title": title,
            "description": description,
            "urgent": urgent,
            "location": location,
            "photos": photos,
        }

        def write(tx: Tx) -> Ticket:
            grid = grid_id or next(iter(self.session.visible_grid_ids(tx.reader())), None)
            if grid is None:
                self._refuse_without_grid(fields)
            return self.open_in(tx, grid_id=grid, **fields)

        return self.session.store.write(write)

    def _refuse_without_grid(self, fields: dict[str, Any]) -> NoReturn:
        require(self.session.user, Activity.REPORT_TICKET)
        errors = [ValidationError("grid.out_of_scope", "no grid to report in", field="grid_id")]
        try:  # the report's own checks, so the worker reads every error of this tap at once
            Ticket.report(
                id="",
                transition_id="",
                grid_id="none",
                reported_by=self.session.user.id,
                at=self.session.now(),
                **fields,
            )
        except ValidationError as error:
            errors += [e for e in each_error(error) if isinstance(e, ValidationError)]
        raise errors[0] if len(errors) == 1 else FieldErrors(errors)

    def open_in(self, tx: Tx, **fields: Any) -> Ticket:
        """Report a ticket inside an open transaction (a visit's outcome opens one)."""
        require(self.session.user, Activity.REPORT_TICKET)
        ticket, first = Ticket.report(
            id=new_id(),
            transition_id=new_id(),
            reported_by=self.session.user.id,
            at=self.session.now(),
            **fields,
        )
        self.session.require_grid(tx.reader(), ticket.grid_id)
        tx.insert("ticket", ticket_row(ticket, first.at.isoformat()))
        tx.insert("ticket_transition", transition_row(first))
        return ticket

    def act(
        self, ticket_id: str, action: TicketAction | str, **step: Unpack[StepDetails]
    ) -> Ticket:
        """Apply one action of the state machine; the history gains one entry.

        Only the transition goes to the server: it replays it through the same state machine,
        so the ticket's status there never depends on this terminal's copy.
        """
        return self.session.store.write(lambda tx: self.act_in(tx, ticket_id, action, **step))

    def act_in(
        self,
        tx: Tx,
        ticket_id: str,
        action: TicketAction | str,
        *,
        note: str = "",
        department: str = "",
        photo: str | None = None,
    ) -> Ticket:
        """``act`` inside an open transaction (a hazard's closing settles its ticket)."""
        current = self.load_in(tx, ticket_id)
        new, step = current.apply(
            action,
            transition_id=new_id(),
            by_user=self.session.user.id,
            role=self.session.user.role,
            at=self.session.now(),
            note=note,
            department=department,
            photo=photo,
            another_verifies=another_must_verify(tx.reader(), current.grid_id),
        )
        tx.update(
            "ticket",
            ticket_id,
            {
                "status": new.status,
                "level": new.level,
                "department": new.department,
                "updated_at": step.at.isoformat(),
            },
            outbox=False,
        )
        tx.insert("ticket_transition", transition_row(step))
        # a hazard escalated to this ticket moves with it; imported here because the hazard
        # loop settles tickets through this class in turn
        from gridterm.services import hazard_loop

        hazard_loop.on_ticket_step(tx, self.session, ticket_id, step)
        return new

    def load_in(self, tx: Tx, ticket_id: str) -> Ticket:
        """One ticket of the user's area, read inside ``tx``."""
        row = tx.one("SELECT * FROM ticket WHERE id = ?", (ticket_id,))
        if row is None:
            raise NotFoundError("ticket.not_found", f"no ticket {ticket_id}", id=ticket_id)
        self.session.require_grid(tx.reader(), row["grid_id"])
        return codec(Ticket).read(row)

    def get(self, ticket_id: str) -> Ticket:
        """One ticket in the user's area."""

        def read(r: Reader) -> Ticket:
            row = r.one("SELECT * FROM ticket WHERE id = ?", (ticket_id,))
            if row is None:
                raise NotFoundError("ticket.not_found", f"no ticket {ticket_id}", id=ticket_id)
            self.session.require_grid(r, row["grid_id"])
            return codec(Ticket).read(row)

        return self.session.store.read(read)

    def history(self, ticket_id: str) -> list[Transition]:
        """Every transition of a ticket, oldest first."""
        self.get(ticket_id)
        return [
            codec(Transition).read(r)
            for r in self.session.store.query(
                "SELECT * FROM ticket_transition WHERE ticket_id = ? ORDER BY at, id", (ticket_id,)
            )
        ]

    def in_my_area(self, status: TicketStatus | None = None) -> list[Ticket]:
        """Tickets in the user's grids (optionally of one status), urgent and oldest first."""
        return self.session.store.read(lambda r: self._in_area(r, status))

    def lines(self, status: TicketStatus | None = None) -> list[TicketLine]:
        """``in_my_area`` with each ticket's deadline, soonest (most overdue) first."""
        return self.session.store.read(
            lambda r: by_deadline(ticket_lines(r, self._in_area(r, status)))
        )

    def line(self, ticket: Ticket) -> TicketLine:
        """One ticket with its deadline (the ticket's page shows its time limit)."""
        return self.session.store.read(lambda r: ticket_lines(r, [ticket]))[0]

    def _in_area(self, r: Reader, status: TicketStatus | None) -> list[Ticket]:
        grids = self.session.visible_grid_ids(r)
        if not grids:
            return []
        marks = ",".join("?" * len(grids))
        sql = f"SELECT * FROM ticket WHERE grid_id IN ({marks})"
        params: list[object] = list(grids)
        if status is not None:
            sql += " AND status = ?"
            params.append(TicketStatus(status).value)
        sql += " ORDER BY urgent DESC, reported_at"
        return [codec(Ticket).read(row) for row in r.iter(sql, tuple(params))]
