"""One checklist item of a hazard inspection (隐患排查): its result, and on a failure the
evidence (photos, a note) and the hazard it becomes (severity, deadline, who must rectify it).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from gridterm.domain.inspections import (
    ChecklistItem,
    ItemOutcome,
    ItemResult,
    Severity,
    deadline_from,
)
from ui.context import AppContext
from ui.labels import ITEM_RESULTS, SEVERITIES, label
from ui.widgets.dates import date_edit
from ui.widgets.form import Choice, Form
from ui.widgets.photos import PhotoStrip
from ui.widgets.touch import label as text_label
from ui.widgets.touch import make_big
from ui.workspace import Workspace


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
        self.result = self._result_choice()
        column.addWidget(self.result)

        self.failure = QWidget()
        self.form = Form()
        self.failure.setLayout(self.form)
        self.form.setContentsMargins(0, 0, 0, 0)
        self._evidence_rows(ctx, ws)
        self._hazard_rows(today, operator)
        column.addWidget(self.failure)
        self.failure.hide()
        # The card's own error (the result, an answer that could not be saved) is the form's:
        # what a failure's fields lack shows beside them.
        self.error = self.form.error
        self.error.setObjectName("itemError")
        column.addWidget(self.error)

    def _result_choice(self) -> Choice:
        """Pass, fail or N/A as big buttons."""
        result = Choice(
            [(r.value, label(ITEM_RESULTS, r)) for r in ItemResult], f"result_{self.item.code}"
        )
        for b in result.buttons.values():
            make_big(b)
            b.setMinimumWidth(150)
        result.group.buttonClicked.connect(lambda _: self._chosen())
        return result

    def _evidence_rows(self, ctx: AppContext, ws: Workspace) -> None:
        """A failure's photos and note: what the core asks of a failed item."""
        code = self.item.code
        self.photos = PhotoStrip(ctx, ws)
        self.photos.drafted = True  # let go of after the inspection's draft is written
        self.photos.changed.connect(lambda: self.evidence_changed.emit(self))
        self.photos.changed.connect(self.edited)
        self.photos.failed.connect(self.form.add_error)
        # A photo is evidence as much as a note: it answers "needs a photo or a note".
        self.photos.changed.connect(lambda: self.form.field_changed("note"))
        self.form.row(self.tr("Photos"), self.photos, "photos")
        self.note = QLineEdit()
        self.note.setObjectName(f"note_{code}")
        self.note.setPlaceholderText(self.tr("What is wrong, e.g. extension leads chained"))
        self.note.textChanged.connect(lambda _: self.edited.emit())
        self.note.editingFinished.connect(lambda: self.evidence_changed.emit(self))
        self.form.row(self.tr("Note"), self.note, "note")

    def _hazard_rows(self, today: date, operator: str) -> None:
        """The hazard a failure becomes: severity, rectification deadline, who rectifies."""
        item = self.item
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
