"""Household visits (入户走访): record, correct by revision, list a household's history."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from gridterm.domain.permissions import Activity, require
from gridterm.domain.visits import Concern, Visit, VisitOutcome
from gridterm.errors import NotFoundError, ValidationError
from gridterm.ids import new_id
from gridterm.services.session import Session
from gridterm.services.tickets import Tickets
from gridterm.store.entities import codec
from gridterm.store.tx import Tx, utc_now


def visit_row(visit: Visit) -> dict[str, object]:
    """A Visit as the columns of the ``visit`` table."""
    return {**codec(Visit).row(visit), "created_at": utc_now()}


class Visits:
    """Recording household visits."""

    def __init__(self, session: Session):
        self.session = session

    def record(
        self, *, household_id: str, ticket: dict[str, Any] | None = None, **fields: Any
    ) -> Visit:
        """Save a visit; with outcome "ticket", also open the ticket in the same transaction.

        ``ticket`` holds the ticket's category/title/description/urgent; missing ones are
        pre-filled from the concerns raised.
        """
        return self._save(household_id, ticket, None, None, fields)

    def revise(self, visit_id: str, **changes: Any) -> Visit:
        """Correct a visit: a new revision naming the one it replaces (the old one stays).

        A correction keeps the ticket its original opened rather than opening another.
        """
        original = self.get(visit_id)
        fields: dict[str, Any] = {
            "visited_at": original.visited_at,
            "visit_type": original.visit_type,
            "met": original.met,
            "concerns": original.concerns,
            "notes": original.notes,
            "outcome": original.outcome,
            "photos": original.photos,
        }
        fields.update(changes)
        ticket = fields.pop("ticket", None)
        return self._save(original.household_id, ticket, visit_id, original.ticket_id, fields)

    def _save(
        self,
        household_id: str,
        ticket: dict[str, Any] | None,
        revision_of: str | None,
        existing_ticket: str | None,
        fields: dict[str, Any],
    ) -> Visit:
        require(self.session.user, Activity.VISIT)

        def write(tx: Tx) -> Visit:
            household = tx.one("SELECT id, grid_id FROM household WHERE id = ?", (household_id,))
            if household is None:
                raise NotFoundError("household.not_found", "no such household", id=household_id)
            self.session.require_grid(tx.reader(), household["grid_id"])
            if revision_of is not None:
                self._check_revisable(tx, revision_of)
            visit = Visit.create(
                id=new_id(),
                household_id=household_id,
                user_id=self.session.user.id,
                revision_of=revision_of,
                **fields,
            )
            if visit.outcome is not VisitOutcome.TICKET:
                if ticket:
                    raise ValidationError(
                        "visit.ticket_without_outcome",
                        "a ticket needs the outcome 'open a ticket'",
                        field="outcome",
                    )
                ticket_id = None
            elif existing_ticket is not None:
                ticket_id = existing_ticket
            else:
                ticket_id = (
                    Tickets(self.session)
                    .open_in(tx, **ticket_from_visit(visit, household["grid_id"], ticket or {}))
                    .id
                )
            stored = replace(visit, ticket_id=ticket_id)
            tx.insert("visit", visit_row(stored))
            return stored

        return self.session.store.write(write)

    def get(self, visit_id: str) -> Visit:
        """One visit."""
        row = self.session.store.read(
            lambda r: r.one("SELECT * FROM visit WHERE id = ?", (visit_id,))
        )
        if row is None:
            raise NotFoundError("visit.not_found", f"no visit {visit_id}", id=visit_id)
        return codec(Visit).read(row)

    def history(self, household_id: str) -> list[Visit]:
        """A household's current visits, newest first (superseded revisions left out)."""
        return [
            codec(Visit).read(r)
            for r in self.session.store.query(
                "SELECT * FROM visit v WHERE household_id = ? AND NOT EXISTS "
                "(SELECT 1 FROM visit n WHERE n.revision_of = v.id) ORDER BY visited_at DESC",
                (household_id,),
            )
        ]

    @staticmethod
    def _check_revisable(tx: Tx, visit_id: str) -> None:
        if tx.one("SELECT id FROM visit WHERE revision_of = ?", (visit_id,)):
            raise ValidationError(
                "visit.already_revised",
                "this visit was already corrected; correct the newest one",
                field="revision_of",
            )


def ticket_from_visit(visit: Visit, grid_id: str, given: dict[str, Any]) -> dict[str, Any]:
    """A ticket's fields pre-filled from the visit (the first concern's text and category)."""
    first: Concern = visit.concerns[0]
    return {
        "grid_id": grid_id,
        "category": given.get("category") or first.category or "other",
        "title": given.get("title") or first.text[:100],
        "description": given.get("description") or "\n".join(c.text for c in visit.concerns),
        "urgent": bool(given.get("urgent", False)),
        "household_id": visit.household_id,
        "visit_id": visit.id,
        "photos": visit.photos,
    }
