"""One hazard (隐患详情) through its closed loop: 巡查上报 → 部门处置 → 网格核查.

Facts and the before/after photos side by side on the left; on the right only the steps its
lifecycle allows now (start rectification, rectification done with a photo by or for the
responsible party, re-inspect passed or failed, verify closed with an on-site photo, 吹哨: a
ticket dispatched to a department) and its history with who took each step and the photos
it took (tap one to see it large).
The core decides what is allowed and refuses a step without its proof; the screen shows the
refusal in the worker's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from gridterm.domain.hazards import PHOTO_REQUIRED, Hazard, HazardAction, HazardStep
from gridterm.domain.territory import Premises
from gridterm.errors import ValidationError
from ui.context import AppContext
from ui.formatting import date_text
from ui.labels import HAZARD_ACTIONS, HAZARD_STATUSES, SEVERITIES, label
from ui.models.hazard_history import HazardStepModel, photos_of
from ui.models.premises import place_text
from ui.screens.base import Navigator
from ui.screens.record_detail import RecordDetailScreen
from ui.widgets.action_panel import ActionPanel
from ui.widgets.department_picker import DepartmentPicker
from ui.widgets.form import toggle
from ui.widgets.photos import PhotoStrip
from ui.widgets.touch import button, card
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace

#: Escalating (吹哨) hands the hazard to a ticket dispatched to a department.
ESCALATE = HazardAction.ESCALATE.value
#: Steps the screen offers (a department's handling follows from its ticket's step).
_OFFERED = tuple(a for a in HazardAction if a is not HazardAction.TICKET_HANDLED)
#: The rows of the action panel each step shows.
_PANEL_ROWS: dict[str, tuple[str, ...]] = {
    HazardAction.RECTIFY: ("party", "note", "photos"),
    HazardAction.REINSPECT_PASS: ("note", "photos"),
    HazardAction.REINSPECT_FAIL: ("note", "photos"),
    HazardAction.VERIFY_CLOSE: ("note", "photos"),
    HazardAction.ESCALATE: ("department",),
}
# What the photo's line under it may say: its room is kept for the longest.
_NEEDS = tuple(sorted(set(PHOTO_REQUIRED.values())))


@dataclass(frozen=True, slots=True)
class HazardData:
    """A hazard with what the screen shows beside it."""

    hazard: Hazard
    item_text: str
    premises: Premises
    before: tuple[str, ...]
    after: tuple[str, ...]
    history: list[HazardStep]
    today: date
    names: dict[str, str]


def read_hazard(ws: Workspace, hazard_id: str) -> HazardData:
    """One hazard, its checklist item, premises, photos and history (blocking)."""
    service = ws.hazards
    hazard = service.hazard(hazard_id)
    template = ws.inspections.template_of(hazard.inspection_id)
    item_text = next((i.text for i in template.items if i.code == hazard.item_code), "")
    before, after = service.before_after(hazard_id)
    history = service.history(hazard_id)
    return HazardData(
        hazard,
        item_text or hazard.item_code,
        ws.premises.get(hazard.premises_id),
        before,
        after,
        history,
        ws.session.today(),
        ws.browse.user_names({s.by_user for s in history if s.by_user}),
    )


def allowed_actions(hazard: Hazard) -> list[str]:
    """The steps the lifecycle allows now, in the order they are offered."""
    return [a.value for a in hazard.allowed_actions() if a in _OFFERED]


class HazardDetailScreen(RecordDetailScreen):
    """Facts and photos on the left, actions and history on the right (stacked in portrait)."""

    watches = frozenset({"hazard", "hazard_step", "ticket"})
    loaded = Signal()
    acted = Signal(object)

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator, hazard_id: str):
        super().__init__(ctx, ws, nav)
        self.setObjectName("hazardDetail")
        self.hazard_id = hazard_id
        self.data: HazardData | None = None
        row = self.detail_page()
        left = QWidget()
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 0, 0)
        left_col.addWidget(self._facts())
        left_col.addWidget(self._before_after())
        left_col.addStretch(1)
        row.add(left, 2)
        self.history_model = HazardStepModel(self)
        history = self.history(
            self.history_model,
            (HazardStepModel.COL_STEP, HazardStepModel.COL_NOTE),
            HazardStepModel.COL_PHOTOS,
            photos_of,
        )
        row.add(self.right_column(self.next_step(self._action_panel()), history), 3)

    def _facts(self) -> QFrame:
        """Its state, an overdue flag, the facts, and the way to its ticket."""
        facts_card, facts = card()
        self.overdue = self.state_lines(facts, "hazardState", "overdueFlag")
        fields = (
            ("item", self.tr("Checklist item")),
            ("premises", self.tr("Premises")),
            ("severity", self.tr("Severity")),
            ("deadline", self.tr("Rectify by")),
            ("responsible", self.tr("Responsible")),
            ("status", self.tr("Status")),
            ("description", self.tr("Description")),
        )
        own = frozenset({"item", "premises", "responsible", "description"})
        facts.addLayout(self.facts_grid(fields, "hazard", own))
        self.ticket_button = button(self.tr("Open the ticket"), object_name="hazardTicket")
        self.ticket_button.hide()
        self.ticket_button.clicked.connect(self._open_ticket)
        facts.addWidget(self.ticket_button)
        return facts_card

    def _before_after(self) -> QFrame:
        """The photos when found and after rectification, side by side."""
        photos_card, photos = card()
        photos.addWidget(text_label(self.tr("Before and after"), "section"))
        side_by_side = QHBoxLayout()
        side_by_side.setSpacing(16)
        self.before = self._photo_column(side_by_side, self.tr("When found"))
        self.after = self._photo_column(side_by_side, self.tr("After rectification"))
        photos.addLayout(side_by_side)
        return photos_card

    def _action_panel(self) -> ActionPanel:
        """The steps allowed now and the fields each asks for: who rectified, a note, a photo
        on site, the department a ticket goes to."""
        panel = ActionPanel(
            lambda step: label(HAZARD_ACTIONS, step),
            self.tr("This hazard is verified closed."),
            self.tr("Cancel"),
            asks=lambda step: bool(_PANEL_ROWS.get(step)),  # 开始整改: confirm only
        )
        self.note = QLineEdit()
        self.note.setObjectName("actionNote")
        self.party = QLineEdit()
        self.party.setObjectName("actionParty")
        self.action_photos = PhotoStrip(self.ctx, self.ws)
        self.action_photos.failed.connect(panel.form.show_error)
        self.department = DepartmentPicker()
        self.urgent = toggle(self.tr("Urgent (10-minute response)"), "urgent")
        self.department.grid.addWidget(self.urgent, self.department.grid.rowCount(), 0, 1, 4)
        panel.form.row(self.tr("Rectified by"), self.party, "party")
        panel.form.row(self.tr("Note"), self.note, "note")
        # "take a photo" beside the photo (its line's room kept: the buttons stay put)
        panel.form.row(self.tr("Photo on site"), self.action_photos, "photos", error_beside=_NEEDS)
        panel.form.row(self.tr("Department"), self.department, "department")
        return panel

    def _photo_column(self, row: QHBoxLayout, caption: str) -> PhotoStrip:
        column = QVBoxLayout()
        column.addWidget(text_label(caption, "muted"))
        strip = PhotoStrip(self.ctx, self.ws)
        strip.show_only()
        column.addWidget(strip)
        empty = text_label(self.tr("No photo"), "muted")
        empty.setObjectName("noPhoto")
        column.addWidget(empty)
        column.addStretch(1)
        strip.setProperty("empty_label", empty)
        row.addLayout(column, 1)
        return strip

    # -- loading ---------------------------------------------------------------------------

    def title(self) -> str:
        if self.data is None:
            return self.tr("Hazard")
        return self.tr("Hazard: {name}").format(name=self.data.premises.name)

    def reload(self) -> None:
        ws, hazard_id = self.ws, self.hazard_id
        self.read(lambda: read_hazard(ws, hazard_id), self._apply)

    def _apply(self, data: HazardData) -> None:
        self.data = data
        h, p = data.hazard, data.premises
        self.state.setText(f"{label(HAZARD_STATUSES, h.status)} · {label(SEVERITIES, h.severity)}")
        late = (data.today - h.deadline).days
        self.overdue.setVisible(h.is_overdue(data.today))
        self.overdue.setText(self.tr("Overdue by %n day(s)", "", late))
        place = place_text(p)
        texts = {
            "item": data.item_text,
            "premises": f"{p.name} · {place}" if place else p.name,
            "severity": label(SEVERITIES, h.severity),
            "deadline": date_text(h.deadline),
            "responsible": h.responsible,
            "status": label(HAZARD_STATUSES, h.status),
            "description": h.description or "—",
        }
        for key, text in texts.items():
            self.values[key].setText(text)
        self.ticket_button.setVisible(h.ticket_id is not None)
        for strip, digests in ((self.before, data.before), (self.after, data.after)):
            strip.set_digests(list(digests))
            strip.property("empty_label").setVisible(not digests)
        self.history_model.names = data.names
        self.history_model.set_rows(data.history)
        self.action_panel.set_allowed(allowed_actions(h))
        self.nav.retitle()
        self.loaded.emit()

    # -- actions ---------------------------------------------------------------------------

    def _open_panel(self, action: str) -> None:
        self.note.clear()
        self.action_photos.set_digests([])
        self.department.clear()
        self.urgent.setChecked(False)
        self.party.clear()
        if self.data is not None:
            self.party.setPlaceholderText(
                self.tr("{name}, or the department that did it").format(
                    name=self.data.hazard.responsible
                )
            )
        rows = _PANEL_ROWS.get(action, ())
        for name in ("party", "note", "photos", "department"):
            self.panel_form.show_row(name, name in rows)
        self.note.setPlaceholderText(
            self.tr("What was found on site? (a note or a photo is required)")
            if action == HazardAction.REINSPECT_FAIL
            else self.tr("Optional note")
        )

    def _confirm(self, action: str) -> None:
        note = self.note.text().strip()
        photos = tuple(self.action_photos.digests)
        service, hazard_id = self.ws.hazards, self.hazard_id
        if action == ESCALATE:
            department = self.department.value()
            if not department:
                self.panel_form.show_error(
                    ValidationError("ticket.department_required", "name it", field="department")
                )
                return
            urgent = self.urgent.isChecked()

            def work() -> Hazard:
                return service.escalate(hazard_id, department=department, urgent=urgent)
        elif action in (HazardAction.REINSPECT_PASS, HazardAction.REINSPECT_FAIL):
            passed = action == HazardAction.REINSPECT_PASS

            def work() -> Hazard:
                return service.reinspect(hazard_id, passed=passed, note=note, photos=photos)
        elif action == HazardAction.RECTIFY:
            party = self.party.text().strip()

            def work() -> Hazard:
                return service.rectify(hazard_id, photos=photos, party=party, note=note)
        elif action == HazardAction.START_RECTIFICATION:

            def work() -> Hazard:
                return service.start_rectification(hazard_id)
        else:

            def work() -> Hazard:
                return service.verify_close(hazard_id, photos=photos, note=note)

        self.action_panel.submit(self.ctx.ops, work, self._acted)

    def _acted(self, hazard: Hazard) -> None:
        self.acted.emit(hazard)
        self.reload()

    def _open_ticket(self) -> None:
        if self.data is not None and self.data.hazard.ticket_id:
            self.nav.open_ticket(self.data.hazard.ticket_id)
