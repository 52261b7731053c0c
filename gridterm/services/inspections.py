"""Hazard inspections (隐患排查): a market inspector carries on or starts an inspection of a
stall or shop, answers its checklist item by item, and finishes it signed (or saying why
nobody signed), each failure becoming a hazard (gridterm/services/hazards.py follows it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gridterm.domain.attachments import AttachmentKind
from gridterm.domain.hazards import Hazard, HazardStep, hazard_found
from gridterm.domain.inspections import (
    ChecklistTemplate,
    HazardInspection,
    InspectionStatus,
    ItemOutcome,
    ItemResult,
    check_completion,
    check_signed,
    ensure_in_progress,
)
from gridterm.domain.permissions import Activity, require
from gridterm.domain.validation import optional_text, sha256_hex
from gridterm.errors import NotFoundError, ValidationError
from gridterm.ids import new_id
from gridterm.services import checklists
from gridterm.services.attachments import keep_file, record_attachment
from gridterm.services.session import Session
from gridterm.store import entities
from gridterm.store.drafts import Drafts
from gridterm.store.entities import codec
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx

_ANSWER = entities.entity("checklist_answer")


def answer_key(inspection_id: str, item_code: str) -> str:
    """The outbox ``entity_id`` of a checklist answer, whose table has a two-column key."""
    return _ANSWER.key_of({"inspection_id": inspection_id, "item_code": item_code})


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
    """What a market inspector (市场巡查员) does to inspect premises."""

    def __init__(self, session: Session):
        self.session = session

    # -- templates ---------------------------------------------------------------------------

    def templates(self) -> list[ChecklistTemplate]:
        """The newest version of every checklist template, by title."""
        return self.session.store.read(checklists.newest_templates)

    def template_of(self, inspection_id: str) -> ChecklistTemplate:
        """The template version an inspection started with (it keeps it for its whole life)."""

        def read(r: Reader) -> ChecklistTemplate:
            inspection = self._inspection(r, inspection_id)
            return checklists.template(r, inspection.template_code, inspection.template_version)

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
                templates = checklists.newest_templates(r)
                if not templates:
                    raise ValidationError("inspection.no_template", "no checklist on this terminal")
                if template_code is None and len(templates) > 1:
                    return Opened(None, None, templates=templates)
                inspection = self._start_in(tx, premises_id, template_code or templates[0].code)
                resumed = False
            template = checklists.template(r, inspection.template_code, inspection.template_version)
            return Opened(inspection, template, checklists.answers(r, inspection.id), resumed)

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
        stored = checklists.answers(tx.reader(), inspection_id)
        for code, outcome in answers.items():
            if stored.get(code) != outcome:
                self._answer_in(tx, inspection_id, outcome)

    def _answer_in(self, tx: Tx, inspection_id: str, outcome: ItemOutcome) -> ItemOutcome:
        r = tx.reader()
        inspection = self._inspection(r, inspection_id)
        ensure_in_progress(inspection)
        template = checklists.template(r, inspection.template_code, inspection.template_version)
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
            return checklists.answers(r, inspection_id)

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
        template = checklists.template(r, inspection.template_code, inspection.template_version)
        answers = checklists.answers(r, inspection_id)
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
            hazard_found(
                new_id(),
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

    # -- helpers -----------------------------------------------------------------------------

    def _inspection(self, r: Reader, inspection_id: str) -> HazardInspection:
        row = r.one("SELECT * FROM hazard_inspection WHERE id = ?", (inspection_id,))
        if row is None:
            raise NotFoundError("inspection.not_found", "no such inspection", id=inspection_id)
        self.session.require_grid(r, row["grid_id"])
        return codec(HazardInspection).read(row)

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
