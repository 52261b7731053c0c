"""Running a hazard inspection (隐患排查) of one stall or shop, item by item.

Each answer is written (``Inspections.answer``) as soon as it is given, so a paused or
crashed inspection resumes where it was; what is being typed — a failure's note and the
hazard's severity, deadline and responsible party, which the core takes only at completion —
is kept in a draft (gridterm.store.drafts) like the visit form's. The inspection keeps the
checklist version it started with. Finishing asks for the operator's signature on screen (or
why the operator cannot sign) and then completes the inspection, which turns every failure
into a hazard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gridterm.domain.hazards import Hazard, validate_responsible
from gridterm.domain.inspections import (
    ChecklistItem,
    ChecklistTemplate,
    HazardInspection,
    ItemOutcome,
    ItemResult,
    Severity,
    check_completion,
    deadline_from,
)
from gridterm.domain.territory import Premises
from gridterm.domain.validation import FieldChecks
from gridterm.errors import GridTermError, ValidationError
from ui.context import AppContext
from ui.formatting import time_text
from ui.labels import ITEM_RESULTS, SEVERITIES, error_message, label
from ui.ops import CoreOp
from ui.quiet import QuietTimer
from ui.screens.base import Navigator, Screen
from ui.widgets.dates import date_edit
from ui.widgets.form import Choice, Form, toggle
from ui.widgets.photos import PhotoStrip
from ui.widgets.signature import SignaturePad
from ui.widgets.touch import button, card, kinetic, make_big
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace

DRAFT_KIND = "inspection"
#: Typing pauses this long before the draft is written.
DRAFT_DELAY_MS = 400


@dataclass(frozen=True, slots=True)
class InspectionRun:
    """What the screen needs: the premises, the inspection and its checklist version, the
    answers saved so far and the draft of what was being typed."""

    premises: Premises
    inspection: HazardInspection | None
    template: ChecklistTemplate | None
    answers: dict[str, ItemOutcome] = field(default_factory=dict)
    draft: dict[str, Any] | None = None
    resumed: bool = False
    #: Checklists to choose from when none was started and there is more than one.
    templates: list[ChecklistTemplate] = field(default_factory=list)


def read_run(
    ws: Workspace, premises_id: str, inspection_id: str | None, template_code: str | None = None
) -> InspectionRun:
    """Resume the premises' inspection in progress, or start one (blocking)."""
    premises = ws.premises.get(premises_id)
    opened = ws.inspections.open(
        premises_id, inspection_id=inspection_id, template_code=template_code
    )
    if opened.inspection is None:
        return InspectionRun(premises, None, None, templates=opened.templates)
    drafts = [d for d in ws.drafts.load(DRAFT_KIND) if d["id"] == opened.inspection.id]
    return InspectionRun(
        premises,
        opened.inspection,
        opened.template,
        opened.answers,
        drafts[0] if drafts else None,
        opened.resumed,
    )


class ItemCard(QFrame):
    """One checklist item: pass / fail / N/A, and on a failure the evidence and the hazard."""

    result_chosen = Signal(object)  # the card
    evidence_changed = Signal(object)  # a photo was added, or the note finished
    edited = Signal()  # anything typed (for the draft)

    def __init__(
        self,
        ctx: AppContext,
        ws: Workspace,
        number: int,
        item: ChecklistItem,
        today: date,
        operator: str,
    ):
        super().__init__()
        self.setObjectName("card")
        self.item = item
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(10)
        heading = text_label(f"{number}. {item.text}", "section")
        heading.setProperty("data", True)  # the checklist's own text
        column.addWidget(heading)
        self.result = Choice(
            [(r.value, label(ITEM_RESULTS, r)) for r in ItemResult], f"result_{item.code}"
        )
        for b in self.result.buttons.values():
            make_big(b)
            b.setMinimumWidth(150)
        self.result.group.buttonClicked.connect(lambda _: self._chosen())
        column.addWidget(self.result)

        self.failure = QWidget()
        self.form = Form()
        self.failure.setLayout(self.form)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.photos = PhotoStrip(ctx, ws)
        self.photos.changed.connect(lambda: self.evidence_changed.emit(self))
        self.photos.changed.connect(self.edited)
        self.photos.failed.connect(self.form.add_error)
        # A photo is evidence as much as a note: it answers "needs a photo or a note".
        self.photos.changed.connect(lambda: self.form.field_changed("note"))
        self.form.row(self.tr("Photos"), self.photos, "photos")
        self.note = QLineEdit()
        self.note.setObjectName(f"note_{item.code}")
        self.note.setPlaceholderText(self.tr("What is wrong, e.g. extension leads chained"))
        self.note.textChanged.connect(lambda _: self.edited.emit())
        self.note.editingFinished.connect(lambda: self.evidence_changed.emit(self))
        self.form.row(self.tr("Note"), self.note, "note")
        self.severity = Choice(
            [(s.value, label(SEVERITIES, s)) for s in Severity], f"severity_{item.code}"
        )
        self.severity.set_value(item.default_severity.value)
        self.severity.group.buttonClicked.connect(lambda _: self.edited.emit())
        self.form.row(self.tr("Severity"), self.severity, "severity")
        self.deadline = date_edit(f"deadline_{item.code}")
        self.deadline.setMinimumWidth(240)  # room for the date and a finger-sized arrow
        self.deadline.setMinimumDate(QDate(today.year, today.month, today.day))
        self.set_deadline(deadline_from(today, item))
        self.deadline.dateChanged.connect(lambda _: self.edited.emit())
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline)
        deadline_row.addStretch(1)
        self.form.row(self.tr("Rectify by"), deadline_row, parts={"deadline": self.deadline})
        self.responsible = QLineEdit(operator)
        self.responsible.setObjectName(f"responsible_{item.code}")
        self.responsible.setPlaceholderText(self.tr("Who must rectify it"))
        self.responsible.textChanged.connect(lambda _: self.edited.emit())
        self.form.row(self.tr("Responsible"), self.responsible, "responsible")
        column.addWidget(self.failure)
        self.failure.hide()
        # The card's own error (the result, an answer that could not be saved) is the form's:
        # what a failure's fields lack shows beside them.
        self.error = self.form.error
        self.error.setObjectName("itemError")
        column.addWidget(self.error)

    def _chosen(self) -> None:
        self.failure.setVisible(self.value() == ItemResult.FAIL.value)
        self.clear_error()
        self.result_chosen.emit(self)

    def value(self) -> str | None:
        """pass, fail, na, or None while unanswered."""
        return self.result.value()

    def set_deadline(self, day: date) -> None:
        """Show a rectification deadline."""
        self.deadline.setDate(QDate(day.year, day.month, day.day))

    def deadline_day(self) -> date:
        """The rectification deadline chosen."""
        d = self.deadline.date()
        return date(d.year(), d.month(), d.day())

    def outcome(self) -> ItemOutcome | None:
        """The answer as the core validates it (ValidationError: a failure lacks evidence)."""
        result = self.value()
        if result is None:
            return None
        if result != ItemResult.FAIL.value:
            return ItemOutcome.create(self.item.code, result)
        return ItemOutcome.create(
            self.item.code, result, self.note.text(), tuple(self.photos.digests)
        )

    def hazard_fields(self) -> dict[str, str]:
        """What ``Inspections.complete`` takes for this failure."""
        return {
            "severity": self.severity.value() or self.item.default_severity.value,
            "deadline": self.deadline_day().isoformat(),
            "responsible": self.responsible.text().strip(),
        }

    def payload(self) -> dict[str, Any]:
        """The card as a draft."""
        return {
            "result": self.value(),
            "note": self.note.text(),
            "photos": list(self.photos.digests),
            **self.hazard_fields(),
        }

    def restore(self, p: dict[str, Any]) -> None:
        """Fill the card from a draft or a saved answer."""
        self.result.set_value(p.get("result"))
        self.note.setText(p.get("note", ""))
        self.photos.set_digests(list(p.get("photos", [])))
        if p.get("severity"):
            self.severity.set_value(p["severity"])
        if p.get("deadline"):
            self.set_deadline(date.fromisoformat(p["deadline"]))
        if "responsible" in p:
            self.responsible.setText(p["responsible"])
        self.failure.setVisible(self.value() == ItemResult.FAIL.value)

    def show_error(self, error: BaseException) -> None:
        """Say what is wrong with this item, beside the field concerned."""
        self.form.show_error(error)

    def clear_error(self) -> None:
        """Hide this item's errors."""
        self.form.clear_error()


class InspectionScreen(Screen):
    """The checklist, then the operator's signature; ``completed`` carries the hazards."""

    loaded = Signal()
    answer_saved = Signal(str)  # item code
    draft_saved = Signal()
    completed = Signal(list)

    def __init__(
        self,
        ctx: AppContext,
        ws: Workspace,
        nav: Navigator,
        *,
        premises_id: str,
        inspection_id: str | None = None,
    ):
        super().__init__(ctx, ws, nav)
        self.setObjectName("inspection")
        self.premises_id = premises_id
        self.inspection_id = inspection_id
        self.run: InspectionRun | None = None
        self.cards: dict[str, ItemCard] = {}
        #: The answers as the database has them (to write only what changed).
        self.saved: dict[str, ItemOutcome] = {}
        self._queue: dict[str, ItemOutcome] = {}
        self._saving = False
        self._completing = False
        self._restoring = False
        self._draft_timer = QuietTimer(self, DRAFT_DELAY_MS, self.save_draft)

        self.pages = QStackedWidget()
        self.body.addWidget(self.pages, 1)

        # Page 1: the checklist.
        checklist = QWidget()
        self.checklist_page = checklist
        page = QVBoxLayout(checklist)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(10)
        header = QHBoxLayout()
        self.heading = text_label("", "muted")
        self.heading.setObjectName("inspectionHeading")
        self.progress = text_label("", "badge", wrap=False)
        self.progress.setObjectName("progress")
        header.addWidget(self.heading, 1)
        header.addWidget(self.progress)
        page.addLayout(header)
        self.resumed = text_label("", "ok")
        self.resumed.setObjectName("resumedNote")
        self.resumed.hide()
        page.addWidget(self.resumed)
        self.picker = QWidget()
        self.picker_row = QVBoxLayout(self.picker)
        self.picker_row.addWidget(text_label(self.tr("Choose the checklist"), "section"))
        self.picker.hide()
        page.addWidget(self.picker)
        self.item_scroll, self.items = self._item_list()
        page.addWidget(self.item_scroll, 1)
        self.error = text_label("", "error")
        self.error.setObjectName("formError")
        self.error.hide()
        page.addWidget(self.error)
        buttons = QHBoxLayout()
        self.pause = button(self.tr("Pause"), object_name="pauseInspection")
        self.pause.clicked.connect(self.nav.back)
        self.finish = button(self.tr("Finish and sign"), "primary", "finishInspection")
        self.finish.setMinimumWidth(240)
        self.finish.clicked.connect(self._finish)
        buttons.addWidget(self.pause)
        buttons.addStretch(1)
        buttons.addWidget(self.finish)
        page.addLayout(buttons)
        self.pages.addWidget(checklist)

        # Page 2: the operator signs (no kinetic scrolling here: a drag must draw).
        sign_card, sign = card()
        self.sign_page = sign_card
        sign.addWidget(text_label(self.tr("Operator's signature"), "section"))
        self.summary = text_label("")
        self.summary.setObjectName("signSummary")
        sign.addWidget(self.summary)
        self.signature = SignaturePad()
        self.signature.changed.connect(self._signature_changed)
        sign.addWidget(self.signature, 1)
        absent_row = QHBoxLayout()
        self.absent = toggle(self.tr("Operator not present"), "operatorAbsent")
        self.absent.clicked.connect(self._absent_toggled)
        self.absent_reason = QLineEdit()
        self.absent_reason.setObjectName("absentReason")
        self.absent_reason.setPlaceholderText(self.tr("Why can nobody sign? (required)"))
        self.absent_reason.hide()
        absent_row.addWidget(self.absent)
        absent_row.addWidget(self.absent_reason, 1)
        sign.addLayout(absent_row)
        sign.addStretch(1)
        self.sign_error = text_label("", "error")
        self.sign_error.setObjectName("signError")
        self.sign_error.hide()
        sign.addWidget(self.sign_error)
        sign_buttons = QHBoxLayout()
        self.back_to_list = button(self.tr("Back to the checklist"), object_name="backToList")
        self.back_to_list.clicked.connect(lambda: self.pages.setCurrentWidget(checklist))
        self.complete = button(self.tr("Complete inspection"), "primary", "completeInspection")
        self.complete.setMinimumWidth(240)
        self.complete.clicked.connect(self._complete)
        sign_buttons.addWidget(self.back_to_list)
        sign_buttons.addStretch(1)
        sign_buttons.addWidget(self.complete)
        sign.addLayout(sign_buttons)
        self.pages.addWidget(sign_card)

    def _item_list(self) -> tuple[QScrollArea, QVBoxLayout]:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        kinetic(scroll)
        holder = QWidget()
        items = QVBoxLayout(holder)
        items.setContentsMargins(0, 0, 0, 0)
        items.setSpacing(12)
        scroll.setWidget(holder)
        return scroll, items

    # -- loading ---------------------------------------------------------------------------

    def title(self) -> str:
        if self.run is None:
            return self.tr("Inspection")
        return self.tr("Inspection: {name}").format(name=self.run.premises.name)

    def reload(self, template_code: str | None = None) -> None:
        if self.run is not None and self.run.inspection is not None:
            return  # never reload over what the inspector is entering
        ws, premises_id, inspection_id = self.ws, self.premises_id, self.inspection_id
        CoreOp(self, lambda: read_run(ws, premises_id, inspection_id, template_code)).success(
            self._loaded
        ).failure(self._load_failed).run(self.ctx.ops)

    def _load_failed(self, error: BaseException) -> None:
        self.error.setText(error_message(error))
        self.error.show()
        self.finish.setEnabled(False)

    def _loaded(self, run: InspectionRun) -> None:
        self.run = run
        if run.inspection is None:
            self._show_picker(run.templates)
            self.nav.retitle()
            return
        self.picker.hide()
        self.inspection_id = run.inspection.id
        assert run.template is not None
        premises = run.premises
        place = " ".join(p for p in (premises.building, premises.floor, premises.number) if p)
        self.heading.setText(
            self.tr("{operator} · {place} · {checklist} (version {version})").format(
                operator=premises.operator or "—",
                place=place or "—",
                checklist=run.template.title,
                version=run.template.version,
            )
        )
        if run.resumed:
            self.resumed.setText(
                self.tr("Continuing the inspection started {time}.").format(
                    time=time_text(run.inspection.started_at)
                )
            )
            self.resumed.show()
        today = self.ws.session.now().date()
        for number, item in enumerate(run.template.items, 1):
            c = ItemCard(self.ctx, self.ws, number, item, today, premises.operator)
            c.result_chosen.connect(self._result_chosen)
            c.evidence_changed.connect(self._evidence_changed)
            c.edited.connect(self.changed)
            self.cards[item.code] = c
            self.items.addWidget(c)
        self.items.addStretch(1)
        self.saved = dict(run.answers)
        drafted = (run.draft or {}).get("payload", {})
        self._restoring = True
        try:
            for code, c in self.cards.items():
                answer = run.answers.get(code)
                state: dict[str, Any] = {}
                if answer is not None:
                    state = {
                        "result": answer.result.value,
                        "note": answer.note,
                        "photos": list(answer.photos),
                    }
                # The draft is written after every change, so it is the newer of the two.
                state.update(drafted.get("items", {}).get(code, {}))
                if state:
                    c.restore(state)
            self.absent.setChecked(bool(drafted.get("absent")))
            self.absent_reason.setText(drafted.get("absent_reason", ""))
            self.absent_reason.setVisible(self.absent.isChecked())
        finally:
            self._restoring = False
        # Anything the draft holds that never reached the answers (a crash) is written now.
        for c in self.cards.values():
            self._queue_answer(c)
        self._update_progress()
        self.nav.retitle()
        self.loaded.emit()

    def _show_picker(self, templates: list[ChecklistTemplate]) -> None:
        for t in templates:
            b = button(t.title, object_name=f"template_{t.code}")
            b.clicked.connect(lambda _=False, code=t.code: self._pick(code))
            self.picker_row.addWidget(b)
        self.picker.show()

    def _pick(self, code: str) -> None:
        self.run = None
        self.picker.hide()
        self.reload(code)

    # -- answers ---------------------------------------------------------------------------

    def _result_chosen(self, c: ItemCard) -> None:
        self._queue_answer(c)
        self._update_progress()
        self.save_draft()  # a tap is kept at once, not after a typing pause

    def _evidence_changed(self, c: ItemCard) -> None:
        if c.value() == ItemResult.FAIL.value:
            self._queue_answer(c)

    def _queue_answer(self, c: ItemCard) -> None:
        """Write the card's answer when it is a valid one that the database lacks."""
        try:
            outcome = c.outcome()
        except ValidationError:
            return  # a failure without evidence yet: kept in the draft until it has some
        if outcome is None or self.saved.get(c.item.code) == outcome:
            return
        self._queue[c.item.code] = outcome
        self._save_next()

    def _save_next(self) -> None:
        # One write at a time, in the order given: two quick taps on the same item must land
        # in that order.
        if self._saving or not self._queue or self.inspection_id is None:
            return
        code = next(iter(self._queue))
        outcome = self._queue.pop(code)
        self._saving = True
        service, inspection_id = self.ws.inspections, self.inspection_id

        def saved(result: ItemOutcome) -> None:
            self.saved[code] = result
            self.answer_saved.emit(code)

        def done() -> None:
            self._saving = False
            self._save_next()

        CoreOp(
            self,
            lambda: service.answer(
                inspection_id, code, outcome.result, note=outcome.note, photos=outcome.photos
            ),
        ).success(saved).failure(self.cards[code].show_error).finally_(done).run(self.ctx.ops)

    def _update_progress(self) -> None:
        done = sum(1 for c in self.cards.values() if c.value() is not None)
        self.progress.setText(
            self.tr("Answered {done}/{total}").format(done=done, total=len(self.cards))
        )

    # -- drafts ----------------------------------------------------------------------------

    def payload(self) -> dict[str, Any]:
        """What was entered, as a draft."""
        return {
            "premises": self.run.premises.name if self.run else "",
            "items": {code: c.payload() for code, c in self.cards.items() if c.value() is not None},
            "absent": self.absent.isChecked(),
            "absent_reason": self.absent_reason.text(),
        }

    def changed(self) -> None:
        """Something was typed or chosen: write the draft shortly."""
        if self._restoring or self._completing or self.inspection_id is None or not self.cards:
            return
        self._draft_timer.poke()

    def save_draft(self, parent_alive: bool = True) -> None:
        """Write the draft now (off the GUI thread)."""
        self._draft_timer.cancel()
        if self.inspection_id is None or not self.cards:
            return
        drafts, draft_id, payload = self.ws.drafts, self.inspection_id, self.payload()
        premises_id = self.premises_id
        op = CoreOp(
            self if parent_alive else None,
            lambda: drafts.save(draft_id, DRAFT_KIND, payload, premises_id),
        ).failure(lambda _: None)
        if parent_alive:
            op.success(lambda _: self.draft_saved.emit())
        op.run(self.ctx.ops)

    def leaving(self) -> None:
        """Pause: keep the draft and write the answers still waiting (the inspection stays
        in progress, to resume from the premises or the list of inspections)."""
        if self.inspection_id is None or not self.cards or self._completing:
            return  # completing discards the draft: writing one now would bring it back
        self.save_draft(parent_alive=False)
        waiting, self._queue = dict(self._queue), {}
        for c in self.cards.values():
            try:
                outcome = c.outcome()
            except ValidationError:
                continue
            if outcome is not None and self.saved.get(c.item.code) != outcome:
                waiting[c.item.code] = outcome
        if waiting:
            service, inspection_id = self.ws.inspections, self.inspection_id
            CoreOp(None, lambda: service.save_answers(inspection_id, waiting)).failure(
                lambda _: None
            ).run(self.ctx.ops)

    # -- finishing -------------------------------------------------------------------------

    def check(self) -> dict[str, ItemOutcome]:
        """Every item answered, every failure with evidence and someone responsible; shows
        what every card lacks beside its fields and raises the first card's error."""
        assert self.run is not None and self.run.template is not None
        outcomes: dict[str, ItemOutcome] = {}
        wrong: list[tuple[ItemCard, ValidationError]] = []
        for code, c in self.cards.items():
            c.clear_error()
            checks = FieldChecks()
            outcome = checks(c.outcome)
            if c.value() == ItemResult.FAIL.value:
                checks(validate_responsible, c.responsible.text())
            try:
                checks.done()
            except ValidationError as error:
                c.show_error(error)  # every card's, each beside its fields
                wrong.append((c, error))
            if outcome is not None:
                outcomes[code] = outcome
        if wrong:
            self._point_at(*wrong[0], card_error=False)
            raise wrong[0][1]
        try:
            check_completion(self.run.template, outcomes)
        except ValidationError as error:
            first = self.cards[str(error.params.get("first"))]
            self._point_at(first, error, card_error=False)
            raise
        return outcomes

    def _point_at(self, c: ItemCard, error: BaseException, card_error: bool = True) -> None:
        self.error.setText(error_message(error))
        self.error.show()
        if card_error:
            c.show_error(error)
        self.item_scroll.ensureWidgetVisible(c)

    def _finish(self) -> None:
        if self.run is None or self.run.inspection is None:
            return
        self.error.hide()
        try:
            outcomes = self.check()
        except ValidationError:
            return
        failed = sum(1 for o in outcomes.values() if o.result is ItemResult.FAIL)
        self.summary.setText(
            self.tr("%n failed item(s) will be reported as hazards.", "", failed)
            if failed
            else self.tr("No hazards found: every item passed or does not apply.")
        )
        self.sign_error.hide()
        self.pages.setCurrentWidget(self.sign_page)

    def _signature_changed(self) -> None:
        if not self.signature.is_empty() and self.absent.isChecked():
            self.absent.setChecked(False)
            self._absent_toggled()

    def _absent_toggled(self) -> None:
        absent = self.absent.isChecked()
        self.absent_reason.setVisible(absent)
        if absent:
            self.signature.clear()
            self.absent_reason.setFocus()
        self.changed()

    def _complete(self) -> None:
        assert self.inspection_id is not None
        self.sign_error.hide()
        try:
            outcomes = self.check()
        except ValidationError as error:
            self._sign_failed(error)
            return
        reason = self.absent_reason.text().strip() if self.absent.isChecked() else ""
        if self.absent.isChecked() and not reason:
            self._sign_failed(ValidationError("field.required", "say why", field="operator_absent"))
            return
        png = b"" if self.absent.isChecked() else self.signature.png_bytes()
        hazards = {
            code: self.cards[code].hazard_fields()
            for code, o in outcomes.items()
            if o.result is ItemResult.FAIL
        }
        self._queue.clear()
        service, inspection_id = self.ws.inspections, self.inspection_id

        def work() -> list[Hazard]:
            return service.finish(
                inspection_id,
                answers=outcomes,
                hazards=hazards,
                signature_png=png,
                operator_absent=reason,
            )

        self._draft_timer.cancel()
        self._completing = True
        self.complete.setEnabled(False)

        def settled() -> None:
            self._completing = False
            self.complete.setEnabled(True)

        CoreOp(self, work).success(self._completed).failure(self._sign_failed).finally_(
            settled
        ).run(self.ctx.ops)

    def _sign_failed(self, error: BaseException) -> None:
        self.sign_error.setText(error_message(error))
        self.sign_error.show()
        if isinstance(error, GridTermError) and error.params.get("field") == "operator_absent":
            self.absent_reason.setFocus()

    def _completed(self, hazards: list[Hazard]) -> None:
        self.inspection_id = None  # nothing left to write when the screen closes
        self.completed.emit(hazards)
        self.nav.back()
