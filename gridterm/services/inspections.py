"""Hazard inspections (隐患排查) and the hazards they find, through the closed loop
巡查上报 → 部门处置 → 网格核查 (report → the department rectifies → the inspector verifies).

Before/after photos: the failed checklist answer keeps the photos taken when the hazard was
found (an answer never changes after completion); every re-inspection appends its photos to
the hazard's ``photos``. So "before" is the answer's photos and "after" is what the hazard
gained since, with no extra table and everything syncing through the existing handlers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from gridterm.domain.attachments import AttachmentKind
from gridterm.domain.hazards import (
    Hazard,
    HazardAction,
    HazardStatus,
    HazardStep,
    validate_responsible,
)
from gridterm.domain.inspections import (
    ChecklistItem,
    ChecklistTemplate,
    HazardInspection,
    InspectionStatus,
    ItemOutcome,
    ItemResult,
    Severity,
    check_completion,
    check_signed,
    deadline_from,
    ensure_in_progress,
)
from gridterm.domain.permissions import Activity, require
from gridterm.domain.tickets import TicketAction
from gridterm.domain.validation import day, enum_value, optional_text, sha256_hex
from gridterm.errors import NotFoundError, TransitionError, ValidationError
from gridterm.ids import new_id
from gridterm.services import hazard_loop
from gridterm.services.attachments import keep_file, record_attachment
from gridterm.services.session import Session
from gridterm.services.tickets import Tickets
from gridterm.store import entities
from gridterm.store.drafts import Drafts
from gridterm.store.entities import codec
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx

_ANSWER = entities.entity("checklist_answer")


def answer_key(inspection_id: str, item_code: str) -> str:
    """The outbox ``entity_id`` of a checklist answer, whose table has a two-column key."""
    return _ANSWER.key_of({"inspection_id": inspection_id, "item_code": item_code})


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


def template_row(row: dict[str, Any]) -> ChecklistTemplate:
    """A checklist_template row as a ChecklistTemplate."""
    return ChecklistTemplate.parse(
        row["id"],
        {
            "code": row["code"],
            "version": row["version"],
            "title": row["title"],
            "items": json.loads(row["items"]),
        },
    )


@dataclass(frozen=True, slots=True)
class Opened:
    """An inspection to carry on (``Inspections.open``): it, its checklist version and the
    answers saved so far; or, none started, the checklists to choose from."""

    inspection: HazardInspection | None
    template: ChecklistTemplate | None
    answers: dict[str, ItemOutcome] = field(default_factory=dict)
    resumed: bool = False
    templates: list[ChecklistTemplate] = field(default_factory=list)


class Inspections:
    """What a market inspector (市场巡查员) does with inspections and hazards."""

    def __init__(self, session: Session):
        self.session = session

    # -- templates ---------------------------------------------------------------------------

    def templates(self) -> list[ChecklistTemplate]:
        """The newest version of every checklist template, by title."""
        return self.session.store.read(self._newest_templates)

    def template_of(self, inspection_id: str) -> ChecklistTemplate:
        """The template version an inspection started with (it keeps it for its whole life)."""

        def read(r: Reader) -> ChecklistTemplate:
            inspection = self._inspection(r, inspection_id)
            return self._template(r, inspection.template_code, inspection.template_version)

        return self.session.store.read(read)

    # -- running an inspection ---------------------------------------------------------------

    def start(self, premises_id: str, template_code: str) -> HazardInspection:
        """Begin inspecting premises with the newest version of the template."""
        require(self.session.user, Activity.INSPECT)
        return self.session.store.write(lambda tx: self._start_in(tx, premises_id, template_code))

    def open(
        self,
        premises_id: str,
        *,
        inspection_id: str | None = None,
        template_code: str | None = None,
    ) -> Opened:
        """Carry on inspecting premises, in one transaction: the inspection named (never a
        completed one), else my inspection of them still in progress (the latest), else a new
        one with the checklist chosen — or the only one; with several and none chosen nothing
        starts and the checklists to choose from come back."""

        def write(tx: Tx) -> Opened:
            r = tx.reader()
            resumed = True
            if inspection_id is not None:
                inspection: HazardInspection | None = self._inspection(r, inspection_id)
                assert inspection is not None
                ensure_in_progress(inspection)  # a completed inspection is never edited
            else:
                inspection = self._running(r, premises_id)
            if inspection is None:
                require(self.session.user, Activity.INSPECT)
                templates = self._newest_templates(r)
                if not templates:
                    raise ValidationError("inspection.no_template", "no checklist on this terminal")
                if template_code is None and len(templates) > 1:
                    return Opened(None, None, templates=templates)
                inspection = self._start_in(tx, premises_id, template_code or templates[0].code)
                resumed = False
            template = self._template(r, inspection.template_code, inspection.template_version)
            return Opened(inspection, template, self._answers(r, inspection.id), resumed)

        return self.session.store.write(write)

    def _start_in(self, tx: Tx, premises_id: str, template_code: str) -> HazardInspection:
        r = tx.reader()
        premises = r.one("SELECT id, grid_id FROM premises WHERE id = ?", (premises_id,))
        if premises is None:
            raise NotFoundError("premises.not_found", "no such premises", id=premises_id)
        self.session.require_grid(r, premises["grid_id"])
        newest = r.one(
            "SELECT * FROM checklist_template WHERE code = ? ORDER BY version DESC LIMIT 1",
            (template_code,),
        )
        if newest is None:
            raise NotFoundError(
                "checklist.unknown_template", "no such checklist", template=template_code
            )
        inspection = HazardInspection(
            id=new_id(),
            premises_id=premises_id,
            grid_id=premises["grid_id"],
            inspector_id=self.session.user.id,
            template_code=newest["code"],
            template_version=newest["version"],
            started_at=self.session.now(),
        )
        tx.insert("hazard_inspection", codec(HazardInspection).row(inspection))
        return inspection

    def answer(
        self,
        inspection_id: str,
        item_code: str,
        result: ItemResult | str,
        *,
        note: str = "",
        photos: tuple[str, ...] = (),
    ) -> ItemOutcome:
        """Answer one item pass / fail / na; an answer can change while the inspection runs.

        Each answer is saved at once, so a paused or crashed inspection resumes where it was.
        """
        require(self.session.user, Activity.INSPECT)
        outcome = ItemOutcome.create(item_code, result, note, photos)
        return self.session.store.write(lambda tx: self._answer_in(tx, inspection_id, outcome))

    def save_answers(self, inspection_id: str, answers: Mapping[str, ItemOutcome]) -> None:
        """Write, in one transaction, those of the screen's answers the database lacks (an
        inspection paused with notes still being typed)."""
        require(self.session.user, Activity.INSPECT)
        self.session.store.write(lambda tx: self._save_answers_in(tx, inspection_id, answers))

    def _save_answers_in(
        self, tx: Tx, inspection_id: str, answers: Mapping[str, ItemOutcome]
    ) -> None:
        stored = self._answers(tx.reader(), inspection_id)
        for code, outcome in answers.items():
            if stored.get(code) != outcome:
                self._answer_in(tx, inspection_id, outcome)

    def _answer_in(self, tx: Tx, inspection_id: str, outcome: ItemOutcome) -> ItemOutcome:
        r = tx.reader()
        inspection = self._inspection(r, inspection_id)
        ensure_in_progress(inspection)
        template = self._template(r, inspection.template_code, inspection.template_version)
        template.item(outcome.item_code)
        values = {
            "result": outcome.result.value,
            "note": outcome.note,
            "photos": list(outcome.photos),
        }
        key = answer_key(inspection_id, outcome.item_code)
        if r.one(
            "SELECT 1 FROM checklist_answer WHERE inspection_id = ? AND item_code = ?",
            (inspection_id, outcome.item_code),
        ):
            tx.update("checklist_answer", key, values)
        else:
            columns = {"inspection_id": inspection_id, "item_code": outcome.item_code}
            tx.insert("checklist_answer", {**columns, **values})
        return outcome

    def answers(self, inspection_id: str) -> dict[str, ItemOutcome]:
        """The answers given so far, by item code."""

        def read(r: Reader) -> dict[str, ItemOutcome]:
            self._inspection(r, inspection_id)
            return self._answers(r, inspection_id)

        return self.session.store.read(read)

    def in_progress(self) -> list[HazardInspection]:
        """My inspections still running (paused ones included), oldest first, to resume."""
        return [
            codec(HazardInspection).read(row)
            for row in self.session.store.query(
                "SELECT * FROM hazard_inspection WHERE inspector_id = ? AND status = ? "
                "ORDER BY started_at",
                (self.session.user.id, InspectionStatus.IN_PROGRESS.value),
            )
        ]

    def get(self, inspection_id: str) -> HazardInspection:
        """One inspection of the user's area."""
        return self.session.store.read(lambda r: self._inspection(r, inspection_id))

    def complete(
        self,
        inspection_id: str,
        *,
        hazards: Mapping[str, Mapping[str, Any]] | None = None,
        signature: str | None = None,
        operator_absent: str = "",
    ) -> list[Hazard]:
        """Finish an inspection: every item answered, each failure becomes a hazard.

        ``hazards`` may give, per failed item code, ``severity``, ``deadline``,
        ``responsible`` and ``description``; the item's defaults fill the rest, and the
        operator is responsible unless someone else is named. ``signature`` is the sha256 of
        the operator's on-screen signature image (already saved as an attachment);
        ``operator_absent`` is why nobody signed (经营者不在场), kept on each hazard found so
        whoever follows it up knows the operator was not told on the spot.
        """
        require(self.session.user, Activity.INSPECT)
        shown = None if signature in (None, "") else sha256_hex(signature, "signature")
        absent = optional_text(operator_absent, "operator_absent", max_len=200)
        check_signed(shown, absent)
        given = dict(hazards or {})
        return self.session.store.write(
            lambda tx: self._complete_in(tx, inspection_id, given, shown, absent)
        )

    def finish(
        self,
        inspection_id: str,
        *,
        answers: Mapping[str, ItemOutcome],
        hazards: Mapping[str, Mapping[str, Any]] | None = None,
        signature_png: bytes = b"",
        operator_absent: str = "",
    ) -> list[Hazard]:
        """Finish an inspection as the inspector leaves it, in one transaction: the answers
        the database lacks (the last note typed) written, the operator's signature image
        recorded, the inspection completed (see ``complete``) and its draft discarded — all of
        it or, refused, none of it (only the signature's file may stay, unnamed).

        ``answers`` are the screen's answers by item code; ``signature_png`` the operator's
        on-screen signature, empty when ``operator_absent`` says why nobody signed.
        """
        require(self.session.user, Activity.INSPECT)
        absent = optional_text(operator_absent, "operator_absent", max_len=200)
        check_signed("signed" if signature_png else None, absent)
        given = dict(hazards or {})
        image = None
        if signature_png:  # the file before the row naming it (gridterm/services/attachments)
            image = keep_file(self.session, signature_png, "image/png", AttachmentKind.SIGNATURE)
        drafts = Drafts(self.session.store, self.session.user.id)

        def write(tx: Tx) -> list[Hazard]:
            self._save_answers_in(tx, inspection_id, answers)
            if image is not None:
                record_attachment(tx, image)
            shown = image.sha256 if image is not None else None
            found = self._complete_in(tx, inspection_id, given, shown, absent)
            drafts.discard_in(tx, inspection_id)
            return found

        return self.session.store.write(write)

    def _complete_in(
        self,
        tx: Tx,
        inspection_id: str,
        given: dict[str, Mapping[str, Any]],
        shown: str | None,
        absent: str,
    ) -> list[Hazard]:
        r = tx.reader()
        inspection = self._inspection(r, inspection_id)
        ensure_in_progress(inspection)
        template = self._template(r, inspection.template_code, inspection.template_version)
        answers = self._answers(r, inspection_id)
        check_completion(template, answers)
        failed = [a for a in answers.values() if a.result is ItemResult.FAIL]
        stray = set(given) - {a.item_code for a in failed}
        if stray:
            raise ValidationError(
                "hazard.item_not_failed", f"item {sorted(stray)[0]} did not fail", field="hazards"
            )
        premises = r.one("SELECT operator FROM premises WHERE id = ?", (inspection.premises_id,))
        now = self.session.now()
        # Validate every hazard before writing any, so a bad one leaves nothing behind.
        found = [
            _hazard_found(
                inspection,
                template.item(answer.item_code),
                answer,
                given.get(answer.item_code, {}),
                operator=premises["operator"] if premises else "",
                absent=absent,
                now=now,
            )
            for answer in failed
        ]
        # The completion goes out after the answers it checks and before the hazards.
        tx.update(
            "hazard_inspection",
            inspection_id,
            {
                "status": InspectionStatus.COMPLETED.value,
                "completed_at": now,
                "signature": shown,
                "operator_absent": absent,
            },
        )
        for hazard in found:
            tx.insert("hazard", codec(Hazard).row(hazard, without=("version",)))
            step = hazard.found_step(new_id(), self.session.user.id)
            tx.insert("hazard_step", codec(HazardStep).row(step))
        return found

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
        today = self.session.now().date()

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
        start = date(year, month, 1)
        end = date(year + month // 12, month % 12 + 1, 1)

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
                    (*grids, start.isoformat(), end.isoformat()),
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

    def _inspection(self, r: Reader, inspection_id: str) -> HazardInspection:
        row = r.one("SELECT * FROM hazard_inspection WHERE id = ?", (inspection_id,))
        if row is None:
            raise NotFoundError("inspection.not_found", "no such inspection", id=inspection_id)
        self.session.require_grid(r, row["grid_id"])
        return codec(HazardInspection).read(row)

    def _hazard(self, r: Reader, hazard_id: str) -> Hazard:
        row = r.one("SELECT * FROM hazard WHERE id = ?", (hazard_id,))
        if row is None:
            raise NotFoundError("hazard.not_found", "no such hazard", id=hazard_id)
        self.session.require_grid(r, row["grid_id"])
        return codec(Hazard).read(row)

    @staticmethod
    def _newest_templates(r: Reader) -> list[ChecklistTemplate]:
        found = r.iter(
            "SELECT * FROM checklist_template t WHERE version = "
            "(SELECT max(version) FROM checklist_template n WHERE n.code = t.code) ORDER BY title"
        )
        return [template_row(row) for row in found]

    def _running(self, r: Reader, premises_id: str) -> HazardInspection | None:
        """My latest inspection of the premises still in progress (paused ones included)."""
        found = [
            codec(HazardInspection).read(row)
            for row in r.iter(
                "SELECT * FROM hazard_inspection WHERE inspector_id = ? AND status = ? "
                "AND premises_id = ? ORDER BY started_at",
                (self.session.user.id, InspectionStatus.IN_PROGRESS.value, premises_id),
            )
        ]
        return found[-1] if found else None

    @staticmethod
    def _template(r: Reader, code: str, version: int) -> ChecklistTemplate:
        row = r.one(
            "SELECT * FROM checklist_template WHERE code = ? AND version = ?", (code, version)
        )
        if row is None:
            raise NotFoundError(
                "checklist.unknown_template", f"no template {code} v{version}", template=code
            )
        return template_row(row)

    @staticmethod
    def _answers(r: Reader, inspection_id: str) -> dict[str, ItemOutcome]:
        return {
            row["item_code"]: ItemOutcome(
                row["item_code"],
                ItemResult(row["result"]),
                row["note"],
                tuple(json.loads(row["photos"])),
            )
            for row in r.iter(
                "SELECT * FROM checklist_answer WHERE inspection_id = ?", (inspection_id,)
            )
        }


def _hazard_found(
    inspection: HazardInspection,
    item: ChecklistItem,
    answer: ItemOutcome,
    extra: Mapping[str, Any],
    *,
    operator: str,
    absent: str,
    now: datetime,
) -> Hazard:
    """The hazard a failed item becomes: what the inspector gave (``extra``), else the
    item's defaults; the operator is responsible unless someone else is named."""
    deadline = extra.get("deadline")
    description = extra.get("description") or "\n".join(t for t in (item.text, answer.note) if t)
    return Hazard(
        id=new_id(),
        inspection_id=inspection.id,
        premises_id=inspection.premises_id,
        grid_id=inspection.grid_id,
        item_code=item.code,
        severity=enum_value(Severity, extra.get("severity", item.default_severity), "severity"),
        deadline=day(deadline, "deadline")
        if deadline is not None
        else deadline_from(now.date(), item),
        responsible=validate_responsible(extra.get("responsible") or operator),
        description=optional_text(
            "\n".join(t for t in (description, f"经营者不在场：{absent}" if absent else "") if t),
            "description",
        ),
        status=HazardStatus.OPEN,
        found_at=now,
        photos=answer.photos,
    )
