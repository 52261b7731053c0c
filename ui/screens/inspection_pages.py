"""The two pages of a hazard inspection (隐患排查): the checklist, and the operator's signature.

The pages show and collect; ``ui/screens/inspection.py`` loads the inspection, writes the
answers and the draft, and finishes it through the core.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gridterm.domain.inspections import ChecklistTemplate
from gridterm.domain.territory import Premises
from gridterm.errors import GridTermError, ValidationError
from ui.labels import error_message
from ui.models.premises import place_text
from ui.screens.inspection_card import ItemCard
from ui.widgets.form import toggle
from ui.widgets.signature import SignaturePad
from ui.widgets.touch import button, kinetic
from ui.widgets.touch import label as text_label


def _footer(page: QVBoxLayout, error_name: str, back: QWidget, forward: QWidget) -> QLabel:
    """A page's hidden error line, then its way back on the left and its way forward on the
    right; returns the error line."""
    error = text_label("", "error")
    error.setObjectName(error_name)
    error.hide()
    page.addWidget(error)
    forward.setMinimumWidth(240)
    buttons = QHBoxLayout()
    buttons.addWidget(back)
    buttons.addStretch(1)
    buttons.addWidget(forward)
    page.addLayout(buttons)
    return error


class ChecklistPage(QWidget):
    """The premises and checklist version, how many items are answered, a picker when there
    are several checklists, the item cards, and Pause / Finish and sign."""

    picked = Signal(str)  # a checklist's code

    def __init__(self) -> None:
        super().__init__()
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(10)
        page.addLayout(self._header())
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
        self.pause = button(self.tr("Pause"), object_name="pauseInspection")
        self.finish = button(self.tr("Finish and sign"), "primary", "finishInspection")
        self.error = _footer(page, "formError", self.pause, self.finish)

    def _header(self) -> QHBoxLayout:
        """What is inspected, with which checklist, and the answered count."""
        header = QHBoxLayout()
        self.heading = text_label("", "muted")
        self.heading.setObjectName("inspectionHeading")
        self.progress = text_label("", "badge", wrap=False)
        self.progress.setObjectName("progress")
        header.addWidget(self.heading, 1)
        header.addWidget(self.progress)
        return header

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

    def show_heading(self, premises: Premises, template: ChecklistTemplate) -> None:
        """Say who and where is inspected, with which checklist version."""
        place = place_text(premises)
        self.heading.setText(
            self.tr("{operator} · {place} · {checklist} (version {version})").format(
                operator=premises.operator or "—",
                place=place or "—",
                checklist=template.title,
                version=template.version,
            )
        )

    def show_resumed(self, started: str) -> None:
        """Say that this inspection continues one started at ``started``."""
        self.resumed.setText(
            self.tr("Continuing the inspection started {time}.").format(time=started)
        )
        self.resumed.show()

    def show_picker(self, templates: list[ChecklistTemplate]) -> None:
        """A button per checklist; a tap emits ``picked``."""
        for t in templates:
            b = button(t.title, object_name=f"template_{t.code}")
            b.clicked.connect(lambda _=False, code=t.code: self.picked.emit(code))
            self.picker_row.addWidget(b)
        self.picker.show()

    def show_progress(self, done: int, total: int) -> None:
        """How many items are answered."""
        self.progress.setText(self.tr("Answered {done}/{total}").format(done=done, total=total))

    def show_error(self, error: BaseException) -> None:
        """Say what stops the inspection under the list."""
        self.error.setText(error_message(error))
        self.error.show()

    def point_at(self, c: ItemCard, error: BaseException, card_error: bool = True) -> None:
        """Say what is wrong and scroll to the card it is about."""
        self.show_error(error)
        if card_error:
            c.show_error(error)
        self.item_scroll.ensureWidgetVisible(c)


class SignPage(QFrame):
    """The operator signs on screen, or the inspector says why nobody can; no kinetic
    scrolling here: a drag must draw."""

    changed = Signal()  # the absence switched (for the draft)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("card")
        sign = QVBoxLayout(self)
        sign.setContentsMargins(16, 12, 16, 12)
        sign.setSpacing(10)
        sign.addWidget(text_label(self.tr("Operator's signature"), "section"))
        self.summary = text_label("")
        self.summary.setObjectName("signSummary")
        sign.addWidget(self.summary)
        self.signature = SignaturePad()
        self.signature.changed.connect(self._signature_changed)
        sign.addWidget(self.signature, 1)
        sign.addLayout(self._absent_row())
        sign.addStretch(1)
        self.back_to_list = button(self.tr("Back to the checklist"), object_name="backToList")
        self.complete = button(self.tr("Complete inspection"), "primary", "completeInspection")
        self.sign_error = _footer(sign, "signError", self.back_to_list, self.complete)

    def _absent_row(self) -> QHBoxLayout:
        """ "Operator not present" and, when on, why."""
        row = QHBoxLayout()
        self.absent = toggle(self.tr("Operator not present"), "operatorAbsent")
        self.absent.clicked.connect(self._absent_toggled)
        self.absent_reason = QLineEdit()
        self.absent_reason.setObjectName("absentReason")
        self.absent_reason.setPlaceholderText(self.tr("Why can nobody sign? (required)"))
        self.absent_reason.hide()
        row.addWidget(self.absent)
        row.addWidget(self.absent_reason, 1)
        return row

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
        self.changed.emit()

    def show_summary(self, failed: int) -> None:
        """Say what completing will report, and start with no error shown."""
        self.summary.setText(
            self.tr("%n failed item(s) will be reported as hazards.", "", failed)
            if failed
            else self.tr("No hazards found: every item passed or does not apply.")
        )
        self.sign_error.hide()

    def payload(self) -> dict[str, Any]:
        """The absence as a draft."""
        return {"absent": self.absent.isChecked(), "absent_reason": self.absent_reason.text()}

    def restore(self, drafted: dict[str, Any]) -> None:
        """Fill the absence from a draft."""
        self.absent.setChecked(bool(drafted.get("absent")))
        self.absent_reason.setText(drafted.get("absent_reason", ""))
        self.absent_reason.setVisible(self.absent.isChecked())

    def signed(self) -> tuple[bytes, str]:
        """The signature's PNG, or the reason nobody signed (ValidationError: absent and no
        reason given)."""
        if not self.absent.isChecked():
            return self.signature.png_bytes(), ""
        reason = self.absent_reason.text().strip()
        if not reason:
            raise ValidationError("field.required", "say why", field="operator_absent")
        return b"", reason

    def show_error(self, error: BaseException) -> None:
        """Say why the inspection could not complete; the reason's field takes the focus
        when it is what is missing."""
        self.sign_error.setText(error_message(error))
        self.sign_error.show()
        if isinstance(error, GridTermError) and error.params.get("field") == "operator_absent":
            self.absent_reason.setFocus()
