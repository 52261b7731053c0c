"""Hazards (隐患): my open hazards by deadline with the overdue flagged, this month's figure
("found 21, eliminated 21") and each market's hazard status."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout

from gridterm.services.hazards import MonthFigures
from gridterm.services.premises import MarketSummary
from ui.context import AppContext
from ui.models.hazards import HazardModel, HazardRow, MarketModel
from ui.screens.base import Navigator
from ui.screens.reread import RereadWhenShown
from ui.widgets.form import toggle
from ui.widgets.responsive import ResponsiveRow
from ui.widgets.table import TouchTable
from ui.widgets.touch import card, label, set_role
from ui.workspace import Workspace


@dataclass(frozen=True, slots=True)
class HazardsData:
    """Open hazards with their premises, the month's figures and the markets' counts."""

    hazards: list[HazardRow]
    year: int
    month: int
    figures: MonthFigures
    markets: list[MarketSummary]


def read_hazards(ws: Workspace) -> HazardsData:
    """Everything the hazards screen shows (blocking)."""
    session = ws.session
    hazards, register = ws.hazards, ws.premises
    lines = hazards.my_open_hazards()
    premises = register.several([line.hazard.premises_id for line in lines])
    # The month as the street office counts it: its own calendar month, not the machine's.
    now = session.today()
    return HazardsData(
        hazards=[HazardRow(line, premises.get(line.hazard.premises_id)) for line in lines],
        year=now.year,
        month=now.month,
        figures=hazards.month_figures(now.year, now.month),
        markets=register.markets(),
    )


class HazardsScreen(RereadWhenShown):
    """Tap a hazard to see and act on it; tap a market to see its premises."""

    watches = frozenset({"hazard", "hazard_inspection", "premises"})
    loaded = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__(ctx, ws, nav)
        self.setObjectName("hazards")
        self.data: HazardsData | None = None

        top = ResponsiveRow()
        # Each card is capped, not the row: stacked in portrait, a 260 px row squeezed the
        # markets' table to its header.
        for panel, stretch in ((self._figures(), 2), (self._markets(), 3)):
            panel.setMaximumHeight(260)
            top.add(panel, stretch)
        self.body.addWidget(top)
        self.body.addWidget(self._open_list(), 1)

    def _figures(self) -> QFrame:
        """The month's found and eliminated, and how many are overdue."""
        figures_card, figures = card()
        self.month_title = label("", "section")
        figures.addWidget(self.month_title)
        self.figures = label("", "title")
        self.figures.setObjectName("monthFigures")
        figures.addWidget(self.figures)
        self.overdue = label("", "muted")
        self.overdue.setObjectName("overdueCount")
        figures.addWidget(self.overdue)
        figures.addStretch(1)
        return figures_card

    def _markets(self) -> QFrame:
        """Each market's counts; a tap opens the market."""
        markets_card, markets = card()
        markets.addWidget(label(self.tr("Hazard status by market"), "section"))
        self.market_model = MarketModel(self.ctx.theme, self)
        self.market_table = TouchTable(
            self.market_model,
            stretch=(MarketModel.COL_MARKET,),
            name=self.tr("Hazard status by market"),
            give_way=(MarketModel.COL_PREMISES,),  # how many stalls: on the market's page
        )
        self.market_table.setObjectName("marketTable")
        self.market_table.on_row(lambda m: self.nav.open_market(m.grid_id))
        markets.addWidget(self.market_table, 1)
        return markets_card

    def _open_list(self) -> QFrame:
        """The open hazards nearest deadline first, "Overdue only", or that there are none."""
        list_card, layout = card()
        heading = QHBoxLayout()
        self.list_title = label("", "section")
        heading.addWidget(self.list_title, 1)
        self.only_overdue = toggle(self.tr("Overdue only"), "onlyOverdue")
        self.only_overdue.toggled.connect(lambda _: self._show_list())
        heading.addWidget(self.only_overdue)
        layout.addLayout(heading)
        self.model = HazardModel(self.ctx.theme, self.ws.session.today(), self)
        self.table = TouchTable(
            self.model,
            stretch=(HazardModel.COL_HAZARD,),
            sortable=True,
            name=self.tr("Open hazards"),
            give_way=HazardModel.GIVE_WAY,
        )
        self.table.setObjectName("hazardTable")
        self.table.on_row(lambda row: self.nav.open_hazard(row.line.hazard.id))
        layout.addWidget(self.table, 1)
        self.empty = label(self.tr("No open hazards."), "muted")
        self.empty.hide()
        layout.addWidget(self.empty)
        return list_card

    def title(self) -> str:
        return self.tr("Hazards")

    def reload(self) -> None:
        self.read(lambda: read_hazards(self.ws), self._apply)

    def _apply(self, data: HazardsData) -> None:
        self.data = data
        self.market_model.set_rows(data.markets)
        self.month_title.setText(
            self.tr("{year}-{month:02d}: hazards found and eliminated").format(
                year=data.year, month=data.month
            )
        )
        f = data.figures
        self.figures.setText(
            self.tr("Found {found}, eliminated {eliminated}").format(
                found=f.found, eliminated=f.eliminated
            )
        )
        overdue = sum(r.line.overdue for r in data.hazards)
        self.overdue.setText(self.tr("%n open hazards past their deadline", None, overdue))
        set_role(self.overdue, "late" if overdue else "muted")  # overdue is red everywhere
        self._show_list()
        self.loaded.emit()

    def _show_list(self) -> None:
        if self.data is None:
            return
        rows = [r for r in self.data.hazards if r.line.overdue or not self.only_overdue.isChecked()]
        self.model.today = self.ws.session.today()
        self.model.set_rows(rows)
        self.list_title.setText(
            self.tr("Open hazards, nearest deadline first (%n)", None, len(rows))
        )
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
