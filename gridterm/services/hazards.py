"""The hazards inspections find, through the closed loop 巡查上报 → 部门处置 → 网格核查
(report → the department rectifies → the inspector verifies), and their lists and counts.

Before/after photos: the failed checklist answer keeps the photos taken when the hazard was
found (an answer never changes after completion); every re-inspection appends its photos to
the hazard's ``photos``. So "before" is the answer's photos and "after" is what the hazard
gained since, with no extra table and everything syncing through the existing handlers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from gridterm.domain.hazards import Hazard, HazardAction, HazardStatus, HazardStep
from gridterm.domain.permissions import Activity, require
from gridterm.domain.tickets import TicketAction
from gridterm.errors import NotFoundError, TransitionError
from gridterm.reports.period import month_period
from gridterm.services import hazard_loop
from gridterm.services.session import Session
from gridterm.services.tickets import Tickets
from gridterm.store.entities import codec
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx

#: The ticket category of an escalated hazard (安全隐患).
HAZARD_TICKET_CATEGORY = "安全隐患"


@dataclass(frozen=True, slots=True)
class HazardLine:
    """A hazard in a list, flagged when past its rectification deadline."""

    hazard: Hazard
    overdue: bool


@dataclass(frozen=True, slots=True)
class MonthFigures:
    """The figure street offices report: "21 hazards found, all eliminated"."""

    found: int
    eliminated: int


class Hazards:
    """What a market inspector (市场巡查员) does with the hazards found."""

    def __init__(self, session: Session):
        self.session = session

    # -- the hazard's closed loop ------------------------------------------------------------

    def hazard(self, hazard_id: str) -> Hazard:
        """One hazard of the user's area."""
        return self.session.store.read(lambda r: self._hazard(r, hazard_id))

    def start_rectification(self, hazard_id: str) -> Hazard:
        """The responsible party has begun rectifying (整改中)."""
        return self._step(hazard_id, HazardAction.START_RECTIFICATION)

    def rectify(
        self, hazard_id: str, *, photos: tuple[str, ...], party: str = "", note: str = ""
    ) -> Hazard:
        """The rectification is done (整改完成), shown by a photo: recorded by the responsible
        party or department, or by the inspector on its behalf (``party`` names it; the
        hazard's responsible party when empty). The re-inspection comes after it."""
        return self._step(
            hazard_id, HazardAction.RECTIFY, note=note, photos=photos, party=party, default=True
        )

    def reinspect(
        self,
        hazard_id: str,
        *,
        passed: bool,
        note: str = "",
        photos: tuple[str, ...] = (),
    ) -> Hazard:
        """Re-inspect on site (复查): a pass (after a rectification, with an after-photo)
        awaits sign-off, a failure (a note or a photo) goes back to rectifying."""
        action = HazardAction.REINSPECT_PASS if passed else HazardAction.REINSPECT_FAIL
        return self._step(hazard_id, action, note=note, photos=photos)

    def verify_close(
        self, hazard_id: str, *, photos: tuple[str, ...] = (), note: str = ""
    ) -> Hazard:
        """Verified rectified on site, with a photo: the hazard is closed (核查销号), and the
        ticket it was escalated to is settled in the same transaction."""
        return self._step(hazard_id, HazardAction.VERIFY_CLOSE, note=note, photos=photos)

    def before_after(self, hazard_id: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Photos taken when the hazard was found, and those of every later step."""

        def read(r: Reader) -> tuple[tuple[str, ...], tuple[str, ...]]:
            hazard = self._hazard(r, hazard_id)
            answer = r.one(
                "SELECT photos FROM checklist_answer WHERE inspection_id = ? AND item_code = ?",
                (hazard.inspection_id, hazard.item_code),
            )
            before = tuple(json.loads(answer["photos"])) if answer else ()
            after = hazard_loop.after_photos(hazard_loop.history(r, self.session, hazard_id))
            return before, tuple(p for p in after if p not in before)

        return self.session.store.read(read)

    def escalate(
        self, hazard_id: str, *, title: str = "", urgent: bool = False, department: str = ""
    ) -> Hazard:
        """Hand a hazard that failed re-inspection to a ticket; with ``department`` the ticket
        is also accepted and dispatched to it (吹哨).

        Ticket, its steps and the hazard's escalation step are written in one transaction,
        so neither exists without the other; every step goes through its state machine.
        """
        require(self.session.user, Activity.INSPECT)

        def write(tx: Tx) -> Hazard:
            r = tx.reader()
            hazard = self._hazard(r, hazard_id)
            if hazard.status is not HazardStatus.RECTIFYING:
                raise TransitionError(
                    "hazard.not_escalatable",
                    "only a hazard being rectified can be escalated",
                    status=hazard.status.value,
                )
            if hazard.ticket_id is not None:
                raise TransitionError("hazard.already_escalated", "the hazard has a ticket")
            premises = r.one("SELECT name FROM premises WHERE id = ?", (hazard.premises_id,))
            name = premises["name"] if premises else ""
            tickets = Tickets(self.session)
            ticket = tickets.open_in(
                tx,
                grid_id=hazard.grid_id,
                category=HAZARD_TICKET_CATEGORY,
                title=title or f"{name} 隐患整改不到位"[:100],
                description=hazard.description,
                urgent=urgent,
                location=name,
                photos=hazard.photos,
            )
            for action in (TicketAction.ACCEPT, TicketAction.DISPATCH) if department else ():
                tickets.act_in(
                    tx,
                    ticket.id,
                    action,
                    department=department if action is TicketAction.DISPATCH else "",
                )
            return hazard_loop.take_step(
                tx, self.session, hazard_id, HazardAction.ESCALATE, party=department,
                ticket_id=ticket.id,
            )  # fmt: skip

        return self.session.store.write(write)

    def history(self, hazard_id: str) -> list[HazardStep]:
        """Every step of a hazard, oldest first, whichever terminal took it (处置记录)."""
        return self.session.store.read(lambda r: hazard_loop.history(r, self.session, hazard_id))

    # -- lists and counts --------------------------------------------------------------------

    def my_open_hazards(self) -> list[HazardLine]:
        """Hazards not yet closed in my grids, nearest deadline first, overdue flagged."""
        today = self.session.today()

        def read(r: Reader) -> list[HazardLine]:
            grids = self.session.visible_grid_ids(r)
            if not grids:
                return []
            marks = ",".join("?" * len(grids))
            return [
                HazardLine(h, h.is_overdue(today))
                for h in (
                    codec(Hazard).read(row)
                    for row in r.iter(
                        f"SELECT * FROM hazard WHERE grid_id IN ({marks}) AND status != ? "
                        "ORDER BY deadline, found_at",
                        (*grids, HazardStatus.CLOSED.value),
                    )
                )
            ]

        return self.session.store.read(read)

    def month_figures(self, year: int, month: int) -> MonthFigures:
        """Hazards found and hazards eliminated (verified closed) in a month, in my area."""
        # the office's month (its midnights), as stored UTC text: a hazard found at 01:30 on
        # the 1st in the office is the new month's, though it is still the 30th in UTC
        start, end = month_period(year, month).utc_range()

        def read(r: Reader) -> MonthFigures:
            grids = self.session.visible_grid_ids(r)
            if not grids:
                return MonthFigures(0, 0)
            marks = ",".join("?" * len(grids))

            # Times are stored as ISO text in UTC, so a month is a range of text.
            def count(column: str) -> int:
                row = r.one(
                    f"SELECT count(*) AS n FROM hazard WHERE grid_id IN ({marks}) "
                    f"AND {column} >= ? AND {column} < ?",
                    (*grids, start, end),
                )
                return int(row["n"]) if row else 0

            return MonthFigures(found=count("found_at"), eliminated=count("closed_at"))

        return self.session.store.read(read)

    # -- helpers -----------------------------------------------------------------------------

    def _step(
        self,
        hazard_id: str,
        action: HazardAction,
        *,
        note: str = "",
        photos: tuple[str, ...] = (),
        party: str = "",
        default: bool = False,
    ) -> Hazard:
        """One step in one transaction; ``default`` names the responsible party when no
        party is given (a rectification recorded on its behalf)."""

        def write(tx: Tx) -> Hazard:
            who = party
            if default and not who.strip():
                who = self._hazard(tx.reader(), hazard_id).responsible
            return hazard_loop.take_step(
                tx, self.session, hazard_id, action, note=note, photos=photos, party=who
            )

        return self.session.store.write(write)

    def _hazard(self, r: Reader, hazard_id: str) -> Hazard:
        row = r.one("SELECT * FROM hazard WHERE id = ?", (hazard_id,))
        if row is None:
            raise NotFoundError("hazard.not_found", "no such hazard", id=hazard_id)
        self.session.require_grid(r, row["grid_id"])
        return codec(Hazard).read(row)
