"""Recording a household visit (入户走访), saved as a draft while the worker types.

The draft (gridterm.store.drafts) is written a moment after every change, so a crash or a
flat battery loses nothing: Today offers to continue it, and opening the household's visit
again restores it. Saving the visit discards the draft in the same operation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridterm.domain.office_settings import OfficeSettings, built_in
from gridterm.domain.residents import Resident
from gridterm.domain.territory import Household
from gridterm.domain.visits import VisitOutcome, VisitType
from gridterm.ids import new_id
from ui.context import AppContext
from ui.formatting import time_text
from ui.labels import OUTCOMES, VISIT_TYPES, label
from ui.ops import CoreOp
from ui.quiet import QuietTimer
from ui.screens.base import Navigator, Screen
from ui.screens.visit_concern import ConcernRow
from ui.widgets.form import Choice, toggle
from ui.widgets.form_draft import DRAFT_DELAY_MS, write_draft
from ui.widgets.photos import PhotoStrip
from ui.widgets.toast import show_toast
from ui.widgets.touch import button
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace

DRAFT_KIND = "visit"


@dataclass(frozen=True, slots=True)
class VisitStart:
    """What the form needs to open: the household, its residents and any saved draft."""

    household: Household
    residents: list[Resident]
    draft: dict[str, Any] | None
    # the street office's settings (its ticket categories)
    settings: OfficeSettings = field(default_factory=built_in)


def read_start(ws: Workspace, household_id: str, draft_id: str | None) -> VisitStart:
    """The household and the draft to restore: the one asked for, else this household's
    newest (blocking)."""
    drafts = [d for d in ws.drafts.load(DRAFT_KIND) if d["subject_id"] == household_id]
    chosen = next((d for d in drafts if d["id"] == draft_id), drafts[0] if drafts else None)
    return VisitStart(
        ws.register.household(household_id),
        [r for r in ws.register.residents(household_id) if not r.moved_out],
        chosen,
        ws.office_settings.current(),
    )


class VisitScreen(Screen):
    """The visit form; ``saved`` is emitted with the visit after it is written."""

    saved = Signal(object)
    draft_saved = Signal()
    loaded = Signal()

    # The household and the draft are named at the call: two ids of one type, easily swapped.
    def __init__(
        self,
        ctx: AppContext,
        ws: Workspace,
        nav: Navigator,
        *,
        household_id: str,
        draft_id: str | None = None,
    ):
        super().__init__(ctx, ws, nav)
        self.setObjectName("visit")
        self.household_id = household_id
        self.draft_id = draft_id or new_id()
        self.start: VisitStart | None = None
        self._restoring = False
        self._title_edited = False
        self._draft_timer = QuietTimer(self, DRAFT_DELAY_MS, self.save_draft)

        self.restored = text_label("", "ok")
        self.restored.setObjectName("draftRestored")
        self.restored.hide()
        self.form_scroll, self.form = self.scrolling_rows(self.restored)
        self._add_visit_type()
        self._add_who_was_met()
        self._add_concerns()
        self._add_notes_and_photos()
        self._add_outcome()
        self._add_buttons()

    # -- the form's parts ------------------------------------------------------------------

    def _add_visit_type(self) -> None:
        """The kind of visit, as toggles wrapped at the card's edge (three to a row were wider
        than a portrait screen in large English text)."""
        types = [(t.value, label(VISIT_TYPES, t)) for t in VisitType]
        self.visit_type = Choice(types, "visitType", wrap=True)
        self.visit_type.group.buttonClicked.connect(lambda _: self.changed())
        self.visit_type.setFocusProxy(self.visit_type.buttons[VisitType.ROUTINE.value])
        self.form.row(self.tr("Visit type"), self.visit_type, "visit_type")

    def _add_who_was_met(self) -> None:
        """A toggle per resident (added once they are loaded) and a box for anyone else."""
        self.met_row = QHBoxLayout()
        self.met_row.setSpacing(8)
        self.met_buttons: dict[str, QPushButton] = {}
        self.met_other = QLineEdit()
        self.met_other.setObjectName("metOther")
        self.met_other.setPlaceholderText(self.tr("Someone else (name)"))
        self.met_other.textChanged.connect(self.changed)
        met = QVBoxLayout()
        met.addLayout(self.met_row)
        met.addWidget(self.met_other)
        met_box = QWidget()
        met_box.setLayout(met)
        self.form.row(self.tr("Who was met"), met_box, "met")

    def _add_concerns(self) -> None:
        """What the residents raised: a row each, and a button for one more."""
        self.concerns: list[ConcernRow] = []
        self.concern_box = QVBoxLayout()
        self.concern_box.setSpacing(12)
        add = button(self.tr("Add what they raised"), object_name="addConcern")
        add.clicked.connect(lambda: self.add_concern())
        concern_layout = QVBoxLayout()
        concern_layout.addLayout(self.concern_box)
        concern_layout.addWidget(add)
        concern_widget = QWidget()
        concern_widget.setLayout(concern_layout)
        self.form.row(self.tr("Raised"), concern_widget, "concerns")

    def _add_notes_and_photos(self) -> None:
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setMaximumHeight(120)
        self.notes.textChanged.connect(self.changed)
        self.form.row(self.tr("Notes"), self.notes, "notes")
        self.photos = PhotoStrip(self.ctx, self.ws)
        self.photos.drafted = True  # a removed photo goes once the draft is written without it
        self.photos.changed.connect(self.changed)
        self.photos.failed.connect(self.form.add_error)
        self.form.row(self.tr("Photos"), self.photos, "photos")

    def _add_outcome(self) -> None:
        """The outcome, and the ticket's title and urgency shown when it opens a ticket."""
        outcomes = [(o.value, label(OUTCOMES, o)) for o in VisitOutcome]
        self.outcome = Choice(outcomes, "outcome", wrap=True)
        self.outcome.group.buttonClicked.connect(lambda _: self._outcome_changed())
        self.form.row(self.tr("Outcome"), self.outcome, "outcome")

        self.ticket_box = QWidget()
        ticket = QGridLayout(self.ticket_box)
        ticket.setContentsMargins(0, 0, 0, 0)
        self.ticket_title = QLineEdit()
        self.ticket_title.setObjectName("ticketTitle")
        self.ticket_title.setPlaceholderText(self.tr("Ticket title (from what was raised)"))
        self.ticket_title.textEdited.connect(self._title_typed)
        self.urgent = toggle(self.tr("Urgent (10-minute response)"), "urgent")
        self.urgent.clicked.connect(self.changed)
        ticket.addWidget(self.ticket_title, 0, 0)
        ticket.addWidget(self.urgent, 0, 1)
        ticket.setColumnStretch(0, 1)
        self.form.row(self.tr("Ticket"), self.ticket_box, "title")
        self.form.show_row("title", False)  # until "open a ticket" is the outcome

    def _add_buttons(self) -> None:
        """Discard and Save, with the form's error, in view below the scrolling form."""
        self.body.addWidget(self.form.error)
        buttons = QHBoxLayout()
        self.discard = button(self.tr("Discard"), "danger", "discardVisit")
        self.discard.clicked.connect(self._discard)
        self.save = button(self.tr("Save visit"), "primary", "saveVisit")
        self.save.setMinimumWidth(240)
        self.save.clicked.connect(self._save)
        buttons.addWidget(self.discard)
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        self.body.addLayout(buttons)

    # -- loading and drafts ----------------------------------------------------------------

    def title(self) -> str:
        if self.start is None:
            return self.tr("Visit")
        return self.tr("Visit {address}").format(address=self.start.household.address)

    def reload(self) -> None:
        if self.start is not None:
            return  # never reload over what the worker typed
        household_id, draft_id = self.household_id, self.draft_id
        ws = self.ws
        CoreOp(self, lambda: read_start(ws, household_id, draft_id)).success(self._loaded).run(
            self.ctx.ops
        )

    def _loaded(self, start: VisitStart) -> None:
        self.start = start
        for r in start.residents:
            b = toggle(r.name, f"met_{r.id}")
            b.clicked.connect(self.changed)
            self.met_buttons[r.name] = b
            self.met_row.addWidget(b)
        self.met_row.addStretch(1)
        if start.draft is not None:
            self.draft_id = start.draft["id"]
            self.restore(start.draft["payload"])
            self.restored.setText(
                self.tr("Restored your unsaved visit from {time}.").format(
                    time=time_text(datetime.fromisoformat(start.draft["updated_at"]))
                )
            )
            self.restored.show()
        self.nav.retitle()
        self.loaded.emit()

    def payload(self) -> dict[str, Any]:
        """The form's state as a draft."""
        met = [name for name, b in self.met_buttons.items() if b.isChecked()]
        return {
            "address": self.start.household.address if self.start else "",
            "visit_type": self.visit_type.value(),
            "met": met,
            "met_other": self.met_other.text(),
            "concerns": [c.value() for c in self.concerns],
            "notes": self.notes.toPlainText(),
            "photos": list(self.photos.digests),
            "outcome": self.outcome.value(),
            "ticket_title": self.ticket_title.text(),
            "urgent": self.urgent.isChecked(),
        }

    def restore(self, p: dict[str, Any]) -> None:
        """Fill the form from a draft."""
        self._restoring = True
        try:
            self.visit_type.set_value(p.get("visit_type"))
            for name, b in self.met_buttons.items():
                b.setChecked(name in p.get("met", []))
            self.met_other.setText(p.get("met_other", ""))
            for concern in p.get("concerns", []):
                self.add_concern().set_value(concern)
            self.notes.setPlainText(p.get("notes", ""))
            self.photos.set_digests(p.get("photos", []))
            self.outcome.set_value(p.get("outcome"))
            self.ticket_title.setText(p.get("ticket_title", ""))
            self._title_edited = bool(p.get("ticket_title"))
            self.urgent.setChecked(bool(p.get("urgent")))
            self._outcome_changed()
        finally:
            self._restoring = False

    def changed(self) -> None:
        """Something was typed or tapped: write the draft shortly."""
        if self._restoring or self.start is None:
            return
        if not self._title_edited and self.concerns:
            self.ticket_title.setText(self.concerns[0].text.text()[:100])
        self._draft_timer.poke()

    def leaving(self) -> None:
        """The worker goes back without saving: write a pending draft at once."""
        if self._draft_timer.pending:
            self.save_draft(parent_alive=False)

    def save_draft(self, parent_alive: bool = True) -> None:
        """Write the draft now (off the GUI thread; the store's writer makes it durable)."""
        self._draft_timer.cancel()
        write_draft(
            self.ws.drafts,
            (self.draft_id, DRAFT_KIND, self.payload(), self.household_id),
            self.ctx.ops,
            self.draft_saved.emit if parent_alive else None,
            self,
            self.photos.letting_go(),
        )

    # -- form behaviour --------------------------------------------------------------------

    def add_concern(self) -> ConcernRow:
        """Add an empty "raised" row."""
        row = ConcernRow(len(self.concerns), self.start.settings if self.start else built_in())
        row.removed.connect(self._remove_concern)
        row.edited.connect(self.changed)
        self.concerns.append(row)
        self.concern_box.addWidget(row)
        if self.outcome.value() in (None, VisitOutcome.NOTHING_RAISED.value):
            self.outcome.set_value(VisitOutcome.SETTLED.value)
            self._outcome_changed()
        self.changed()
        return row

    def _remove_concern(self, row: ConcernRow) -> None:
        self.concerns.remove(row)
        row.deleteLater()
        self.changed()

    def _outcome_changed(self) -> None:
        self.form.show_row("title", self.outcome.value() == VisitOutcome.TICKET.value)
        self.changed()

    def _title_typed(self, _: str) -> None:
        self._title_edited = True
        self.changed()

    def fields(self) -> dict[str, Any]:
        """The visit as ``Visits.record`` takes it."""
        p = self.payload()
        met = list(p["met"]) + ([p["met_other"].strip()] if p["met_other"].strip() else [])
        fields: dict[str, Any] = {
            "household_id": self.household_id,
            "visited_at": self.ws.session.now(),
            "visit_type": p["visit_type"],
            "met": met,
            "concerns": p["concerns"],
            "notes": p["notes"],
            "photos": p["photos"],
            "outcome": p["outcome"],
        }
        if p["outcome"] == VisitOutcome.TICKET.value:
            fields["ticket"] = {"title": p["ticket_title"].strip(), "urgent": p["urgent"]}
        return fields

    def _save(self) -> None:
        self._draft_timer.cancel()
        self.form.clear_error()
        fields = self.fields()
        ws, draft_id, let_go = self.ws, self.draft_id, self.photos.letting_go()

        def work() -> object:
            visit = ws.drafts.discarded_with(draft_id, lambda: ws.visits.record(**fields))
            let_go()  # the photos removed before saving; the visit's own are named by it
            return visit

        self.save.setEnabled(False)
        CoreOp(self, work).success(self._saved).failure(self._failed).finally_(
            lambda: self.save.setEnabled(True)
        ).run(self.ctx.ops)

    def _failed(self, error: BaseException) -> None:
        self.form.show_error(error)
        self.save_draft()  # keep what was typed even if the worker leaves now

    def _saved(self, visit: object) -> None:
        self.saved.emit(visit)
        # The form closes at once: say it was saved, where the worker looks next.
        # and that a ticket was opened, when the outcome opened one: it is the worker's to follow
        if getattr(visit, "ticket_id", None):
            show_toast(self.window(), self.tr("Visit saved; ticket opened."))
        else:
            show_toast(self.window(), self.tr("Visit saved."))
        self.nav.back()

    def _discard(self) -> None:
        self._draft_timer.cancel()
        drafts, draft_id, let_go = self.ws.drafts, self.draft_id, self.photos.letting_go(True)

        def discard() -> None:
            drafts.discard(draft_id)
            let_go()  # a discarded visit's photos: none was saved

        CoreOp(self, discard).run(self.ctx.ops)
        self.nav.back()
