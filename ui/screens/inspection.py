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

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget

from gridterm.domain.hazards import Hazard, validate_responsible
from gridterm.domain.inspections import (
    ChecklistTemplate,
    ItemOutcome,
    ItemResult,
    check_completion,
)
from gridterm.domain.validation import FieldChecks
from gridterm.errors import ValidationError
from ui.context import AppContext
from ui.formatting import time_text
from ui.ops import CoreOp
from ui.quiet import QuietTimer
from ui.screens.base import Navigator, Screen
from ui.screens.inspection_card import ItemCard
from ui.screens.inspection_pages import ChecklistPage, SignPage
from ui.screens.inspection_run import (
    DRAFT_KIND,
    InspectionRun,
    card_states,
    read_run,
)
from ui.widgets.form_draft import DRAFT_DELAY_MS, write_draft
from ui.workspace import Workspace


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
        self.checklist_page = checklist = ChecklistPage()
        checklist.picked.connect(self._pick)
        checklist.pause.clicked.connect(self.nav.back)
        checklist.finish.clicked.connect(self._finish)
        self.pages.addWidget(checklist)
        self.sign_page = sign = SignPage()
        sign.changed.connect(self.changed)
        sign.back_to_list.clicked.connect(lambda: self.pages.setCurrentWidget(checklist))
        sign.complete.clicked.connect(self._complete)
        self.pages.addWidget(sign)
        # the pages' parts that tests and the screenshot tour reach for
        self.heading, self.picker = checklist.heading, checklist.picker
        self.progress, self.resumed = checklist.progress, checklist.resumed
        self.item_scroll, self.error = checklist.item_scroll, checklist.error
        self.pause, self.finish = checklist.pause, checklist.finish
        self.summary, self.signature = sign.summary, sign.signature
        self.absent, self.absent_reason = sign.absent, sign.absent_reason
        self.sign_error, self.complete = sign.sign_error, sign.complete

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
        self.checklist_page.show_error(error)
        self.finish.setEnabled(False)

    def _loaded(self, run: InspectionRun) -> None:
        self.run = run
        if run.inspection is None:
            self.checklist_page.show_picker(run.templates)
            self.nav.retitle()
            return
        self.picker.hide()
        self.inspection_id = run.inspection.id
        assert run.template is not None
        self.checklist_page.show_heading(run.premises, run.template)
        if run.resumed:
            self.checklist_page.show_resumed(time_text(run.inspection.started_at))
        self._add_cards(run.template, run.premises.operator)
        self.saved = dict(run.answers)
        self._restoring = True
        try:
            self._restore(run)
        finally:
            self._restoring = False
        # Anything the draft holds that never reached the answers (a crash) is written now.
        for c in self.cards.values():
            self._queue_answer(c)
        self._update_progress()
        self.nav.retitle()
        self.loaded.emit()

    def _add_cards(self, template: ChecklistTemplate, operator: str) -> None:
        """A card per checklist item, in the checklist's order."""
        today = self.ws.session.today()
        items = self.checklist_page.items
        for number, item in enumerate(template.items, 1):
            c = ItemCard(self.ctx, self.ws, number, item, today, operator)
            c.result_chosen.connect(self._result_chosen)
            c.evidence_changed.connect(self._evidence_changed)
            c.edited.connect(self.changed)
            self.cards[item.code] = c
            items.addWidget(c)
        items.addStretch(1)

    def _restore(self, run: InspectionRun) -> None:
        """Show a resumed inspection as it was left."""
        for code, state in card_states(run).items():
            self.cards[code].restore(state)
        self.sign_page.restore((run.draft or {}).get("payload", {}))

    def _pick(self, code: str) -> None:
        self.run = None
        self.picker.hide()
        self.reload(code)

    # -- answers ---------------------------------------------------------------------------

    def _result_chosen(self, c: ItemCard) -> None:
        # What "finish" said under the list is out of date once the worker answers: it went on
        # reading "6 items not checked yet" beside "answered 7/8". Finish says it again if so.
        self.error.hide()
        self._queue_answer(c)
        self._update_progress()
        self.save_draft()  # a tap is kept at once, not after a typing pause

    def _evidence_changed(self, c: ItemCard) -> None:
        if c.value() == ItemResult.FAIL.value:
            self._queue_answer(c)

    def _queue_answer(self, c: ItemCard) -> None:
        """Write the card's answer when it is a valid one that the database lacks."""
        outcome = self._unsaved(c)
        if outcome is not None:
            self._queue[c.item.code] = outcome
            self._save_next()

    def _unsaved(self, c: ItemCard) -> ItemOutcome | None:
        """The card's answer when it is a valid one that the database lacks."""
        try:
            outcome = c.outcome()
        except ValidationError:
            return None  # a failure without evidence yet: kept in the draft until it has some
        return None if self.saved.get(c.item.code) == outcome else outcome

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
        self.checklist_page.show_progress(done, len(self.cards))

    # -- drafts ----------------------------------------------------------------------------

    def payload(self) -> dict[str, Any]:
        """What was entered, as a draft."""
        return {
            "premises": self.run.premises.name if self.run else "",
            "items": {code: c.payload() for code, c in self.cards.items() if c.value() is not None},
            **self.sign_page.payload(),
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
        # the photos removed from the cards go once the draft no longer names them (one a
        # saved answer still names stays, and goes after that answer is written again)
        let_go = [c.photos.letting_go() for c in self.cards.values()]
        write_draft(
            self.ws.drafts,
            (self.inspection_id, DRAFT_KIND, self.payload(), self.premises_id),
            self.ctx.ops,
            self.draft_saved.emit if parent_alive else None,
            self,
            lambda: [release() for release in let_go],
        )

    def leaving(self) -> None:
        """Pause: keep the draft and write the answers still waiting (the inspection stays
        in progress, to resume from the premises or the list of inspections)."""
        if self.inspection_id is None or not self.cards or self._completing:
            return  # completing discards the draft: writing one now would bring it back
        self.save_draft(parent_alive=False)
        waiting, self._queue = dict(self._queue), {}
        for c in self.cards.values():
            outcome = self._unsaved(c)
            if outcome is not None:
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
            self.checklist_page.point_at(*wrong[0], card_error=False)
            raise wrong[0][1]
        try:
            check_completion(self.run.template, outcomes)
        except ValidationError as error:
            first = self.cards[str(error.params.get("first"))]
            self.checklist_page.point_at(first, error, card_error=False)
            raise
        return outcomes

    def _finish(self) -> None:
        if self.run is None or self.run.inspection is None:
            return
        self.error.hide()
        try:
            outcomes = self.check()
        except ValidationError:
            return
        failed = sum(1 for o in outcomes.values() if o.result is ItemResult.FAIL)
        self.sign_page.show_summary(failed)
        self.pages.setCurrentWidget(self.sign_page)

    def _complete(self) -> None:
        assert self.inspection_id is not None
        self.sign_error.hide()
        try:
            outcomes = self.check()
            png, reason = self.sign_page.signed()
        except ValidationError as error:
            self.sign_page.show_error(error)
            return
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

        CoreOp(self, work).success(self._completed).failure(self.sign_page.show_error).finally_(
            settled
        ).run(self.ctx.ops)

    def _completed(self, hazards: list[Hazard]) -> None:
        self.inspection_id = None  # nothing left to write when the screen closes
        self.completed.emit(hazards)
        self.nav.back()
