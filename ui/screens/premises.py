"""A stall or shop (商户): operator, licence, contact, trade and place, its inspections and its
open hazards; start or resume an inspection, or correct the record."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QTabWidget, QVBoxLayout

from gridterm.domain.inspections import HazardInspection
from gridterm.domain.territory import Premises
from gridterm.services.premises import InspectionLine
from ui.context import AppContext
from ui.models.hazards import HazardModel, HazardRow
from ui.models.premises import InspectionModel, place_text
from ui.screens.base import Navigator
from ui.screens.record_detail import facts_grid, head_card
from ui.screens.reread import RereadWhenShown
from ui.widgets.table import TouchTable
from ui.widgets.touch import button
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace


@dataclass(frozen=True, slots=True)
class PremisesData:
    """Everything the premises screen shows."""

    premises: Premises
    hazards: list[HazardRow]
    inspections: list[InspectionLine]
    running: HazardInspection | None  # my inspection of it still in progress, to resume


def read_premises(ws: Workspace, premises_id: str) -> PremisesData:
    """One premises with its open hazards, inspections and my running inspection (blocking)."""
    register = ws.premises
    premises = register.get(premises_id)
    running = [i for i in ws.inspections.in_progress() if i.premises_id == premises_id]
    return PremisesData(
        premises=premises,
        hazards=[HazardRow(line, premises) for line in register.open_hazards(premises_id)],
        inspections=register.inspections(premises_id),
        running=running[-1] if running else None,
    )


class PremisesScreen(RereadWhenShown):
    """Detail of one stall or shop with Start/Resume inspection and Edit."""

    watches = frozenset({"premises", "hazard", "hazard_inspection"})
    loaded = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator, premises_id: str):
        super().__init__(ctx, ws, nav)
        self.setObjectName("premises")
        self.premises_id = premises_id
        self.data: PremisesData | None = None

        self.body.addWidget(self._head())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("premisesTabs")
        self.tabs.addTab(self._hazards(), "")
        self.tabs.addTab(self._inspections(), "")
        self.body.addWidget(self.tabs, 1)
        self._tab_titles()

    def _head(self) -> QFrame:
        """Where it is and its facts as registered; start or resume an inspection, edit."""
        info = QVBoxLayout()
        self.where = text_label("", "muted")
        self.where.setObjectName("premisesWhere")
        info.addWidget(self.where)
        # The name is a fact of its own: the title (number and name) is cut on a portrait
        # tablet, and the name was then nowhere on the page.
        fields = (
            ("name", self.tr("Shop name")),
            ("operator", self.tr("Operator")),
            ("licence_no", self.tr("Licence no.")),
            ("contact_phone", self.tr("Contact")),
            ("trade", self.tr("Trade")),
        )
        details, self.values = facts_grid(fields, "premises", data=(k for k, _ in fields))
        info.addLayout(details)
        self.inspect_button = button(self.tr("Start inspection"), "primary", "inspectButton")
        self.inspect_button.setMinimumWidth(220)
        self.inspect_button.clicked.connect(self._inspect)
        self.edit_button = button(self.tr("Edit premises"), "", "editPremises")
        self.edit_button.clicked.connect(self._edit)
        return head_card(info, (self.inspect_button, self.edit_button))

    def _hazards(self) -> TouchTable:
        """Its open hazards; a tap opens one."""
        self.hazard_model = HazardModel(self.ctx.theme, self.ws.session.today(), self)
        self.hazard_table = TouchTable(
            self.hazard_model,
            stretch=(HazardModel.COL_HAZARD,),
            name=self.tr("Open hazards"),
            give_way=HazardModel.GIVE_WAY,
        )
        self.hazard_table.setObjectName("premisesHazards")
        self.hazard_table.setColumnHidden(HazardModel.COL_PREMISES, True)  # it is this premises
        self.hazard_table.on_row(lambda row: self.nav.open_hazard(row.line.hazard.id))
        return self.hazard_table

    def _inspections(self) -> TouchTable:
        """Its inspections, newest first."""
        self.inspection_model = InspectionModel(self)
        self.inspection_table = TouchTable(
            self.inspection_model,
            stretch=(InspectionModel.COL_INSPECTOR,),
            name=self.tr("Inspections"),
        )
        self.inspection_table.setObjectName("premisesInspections")
        return self.inspection_table

    def _tab_titles(self) -> None:
        d = self.data
        hazards, inspections = (len(d.hazards), len(d.inspections)) if d else (0, 0)
        self.tabs.setTabText(0, self.tr("Open hazards (%n)", None, hazards))
        self.tabs.setTabText(1, self.tr("Inspections (%n)", None, inspections))

    def title(self) -> str:
        if self.data is None:
            return self.tr("Premises")
        p = self.data.premises
        return f"{p.number} {p.name}".strip()

    def reload(self) -> None:
        self.read(lambda: read_premises(self.ws, self.premises_id), self._apply)

    def _apply(self, data: PremisesData) -> None:
        self.data = data
        p = data.premises
        self.where.setText(place_text(p))
        none = self.tr("none")
        for key, widget in self.values.items():
            widget.setText(getattr(p, key) or none)
        self.inspect_button.setText(
            self.tr("Resume inspection") if data.running else self.tr("Start inspection")
        )
        self.hazard_model.set_rows(data.hazards)
        self.inspection_model.set_rows(data.inspections)
        self._tab_titles()
        self.nav.retitle()
        self.loaded.emit()

    def _inspect(self) -> None:
        running = self.data.running if self.data else None
        self.nav.start_inspection(self.premises_id, running.id if running else None)

    def _edit(self) -> None:
        if self.data is not None:
            self.nav.edit_premises(self.premises_id, self.data.premises.grid_id)
