"""A market (专属网格) and its premises: a list searched as you type, or a floor grid of premises
tiles showing each one's hazard status at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QStackedWidget, QWidget

from gridterm.services.premises import MarketSummary, PremisesStatus
from ui.context import AppContext
from ui.labels import PREMISES_STATES, label
from ui.models.base import ROW_ROLE
from ui.models.premises import (
    STATE_SYMBOLS,
    PremisesFilter,
    PremisesGridModel,
    PremisesModel,
    state_pixmap,
)
from ui.screens.base import Navigator
from ui.screens.reread import RereadWhenShown
from ui.widgets.form import Choice
from ui.widgets.premises_tiles import PREMISES_TILE_H, PREMISES_TILE_W, PremisesTileDelegate
from ui.widgets.search_box import SearchBox
from ui.widgets.table import TouchTable
from ui.widgets.tile_grid import TileGrid, symbol_legend
from ui.widgets.touch import button, card
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace

LIST, GRID = "list", "grid"


@dataclass(frozen=True, slots=True)
class MarketData:
    """The markets the user may choose from, the one shown, and its premises."""

    markets: list[MarketSummary]
    market: MarketSummary | None
    premises: list[PremisesStatus]


def read_market(ws: Workspace, grid_id: str | None) -> MarketData:
    """A market's premises with their hazard status; without ``grid_id`` the user's first
    market (blocking)."""
    register = ws.premises
    markets = register.markets()
    chosen = next((m for m in markets if m.grid_id == grid_id), None)
    if chosen is None and grid_id is None and markets:
        chosen = markets[0]
    premises = register.market(chosen.grid_id) if chosen is not None else []
    return MarketData(markets, chosen, premises)


class MarketScreen(RereadWhenShown):
    """The inspector's landing screen (one market, or the first of several with a picker),
    and the screen ``open_market`` shows for any market."""

    watches = frozenset({"premises", "hazard", "hazard_inspection"})
    loaded = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator, grid_id: str | None = None):
        super().__init__(ctx, ws, nav)
        self.setObjectName("market")
        self.grid_id = grid_id
        self.data: MarketData | None = None

        # Several markets (a supervisor, an inspector of two): pick one; hidden otherwise.
        self.picker_box = QWidget()
        self.picker_row = QHBoxLayout(self.picker_box)
        self.picker_row.setContentsMargins(0, 0, 0, 0)
        self.picker: Choice | None = None
        self.picker_box.hide()
        self.body.addWidget(self.picker_box)
        self.body.addLayout(self._tools())
        self.body.addWidget(self._summary_card())
        self.pages = QStackedWidget()
        self.pages.addWidget(self._list_page())
        self.pages.addWidget(self._floor_plan())
        self.body.addWidget(self.pages, 1)

    def _tools(self) -> QHBoxLayout:
        """Search as you type, list or floor plan, and "add premises"."""
        top = QHBoxLayout()
        self.search_box = SearchBox(
            self.ctx.theme, self.tr("Search: name, operator, licence or stall"), "premisesSearch"
        )
        self.search_box.textChanged.connect(self._search_changed)
        top.addWidget(self.search_box, 1)
        self.view_choice = Choice(
            [(LIST, self.tr("List")), (GRID, self.tr("Floor plan"))], "marketView"
        )
        self.view_choice.set_value(LIST)
        self.view_choice.group.buttonClicked.connect(lambda _: self._show_view())
        top.addWidget(self.view_choice)
        self.add_button = button(self.tr("Add premises"), "primary", "addPremises")
        self.add_button.clicked.connect(self._add)
        top.addWidget(self.add_button)
        return top

    def _summary_card(self) -> QFrame:
        """The market's counts and what each state's symbol means."""
        info_card, info = card()
        self.summary = text_label("", "")
        self.summary.setObjectName("marketSummary")
        info.addWidget(self.summary)
        legend, self.legend = symbol_legend(
            (state_pixmap(self.ctx.theme, state, 26), label(PREMISES_STATES, state))
            for state in STATE_SYMBOLS
        )
        info.addWidget(legend)
        return info_card

    def _list_page(self) -> QFrame:
        """The premises as a table, sortable, narrowed by the search; or why it is empty."""
        list_card, list_layout = card()
        self.model = PremisesModel(self.ctx.theme, self)
        self.table = TouchTable(
            self.model,
            name=self.tr("Premises"),
            # the stall's page has them all: the licence, the trade, the operator give way,
            # and a long shop name ends in … (whole in its tooltip and the floor plan)
            give_way=(
                PremisesModel.COL_LICENCE,
                PremisesModel.COL_TRADE,
                PremisesModel.COL_OPERATOR,
            ),
            elide=(PremisesModel.COL_NAME,),
        )
        self.filter = PremisesFilter(self)
        self.filter.setSourceModel(self.model)
        self.table.setModel(self.filter)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.stretch_columns(PremisesModel.COL_NAME)
        self.table.setObjectName("premisesTable")
        self.table.on_row(lambda s: self.nav.open_premises(s.premises.id))
        list_layout.addWidget(self.table, 1)
        self.empty = text_label("", "muted")
        self.empty.setObjectName("premisesEmpty")
        self.empty.hide()
        list_layout.addWidget(self.empty)
        return list_card

    def _floor_plan(self) -> TileGrid:
        """A tile per premises, a row of tiles per building, floor and row."""
        self.grid_model = PremisesGridModel(self)
        self.grid = TileGrid(
            self.grid_model,
            QSize(PREMISES_TILE_W, PREMISES_TILE_H),
            "premisesGrid",
            self.tr("Floor plan"),
            self.tr("One tile per stall: its number, name, open hazards and state"),
        )
        self.tile_delegate = PremisesTileDelegate(self.ctx.theme, self.grid)
        self.grid.setItemDelegate(self.tile_delegate)
        self.grid.horizontalHeader().hide()  # the tiles carry their numbers
        self.grid.clicked.connect(self._tile_tapped)
        self._size_tiles()
        self.ctx.theme.changed.connect(self._size_tiles)
        return self.grid

    def _size_tiles(self) -> None:
        # The tiles grow with the text size (the theme sets the app font before ``changed``).
        self.grid.fit_tiles(*self.tile_delegate.tile_size(self.grid.font()))

    def title(self) -> str:
        if self.data is None or self.data.market is None:
            return self.tr("Markets")
        return self.data.market.name

    def reload(self) -> None:
        # the market picked on the landing screen stays picked (not the user's first again)
        grid_id = self.grid_id or (self.picker.value() if self.picker else None)
        ws = self.ws
        self.read(lambda: read_market(ws, grid_id), self._apply)

    def _apply(self, data: MarketData) -> None:
        self.data = data
        self._show_picker(data)
        self.model.set_rows(data.premises)
        self.grid_model.set_rows(data.premises)
        m = data.market
        if m is None:
            self.summary.setText(self.tr("No market in your area."))
        else:
            self.summary.setText(
                self.tr(
                    "{stalls} stalls · {open} reported · {rectifying} being rectified · "
                    "{overdue} overdue"
                ).format(stalls=m.premises, open=m.open, rectifying=m.rectifying, overdue=m.overdue)
            )
        self.add_button.setEnabled(m is not None)
        self._show_empty()
        self.nav.retitle()
        self.loaded.emit()

    def _show_picker(self, data: MarketData) -> None:
        # A market opened by id stays itself; the landing screen lets a user of several choose.
        if self.grid_id is not None or len(data.markets) < 2:
            self.picker_box.hide()
            return
        if self.picker is None:
            self.picker = Choice([(m.grid_id, m.name) for m in data.markets], "marketPicker")
            self.picker.group.buttonClicked.connect(lambda _: self._pick())
            self.picker_row.addWidget(self.picker, 1)
        if data.market is not None:
            self.picker.set_value(data.market.grid_id)
        self.picker_box.show()

    def _pick(self) -> None:
        # Read even the market shown: another one tapped just before may still be on its
        # way, and only the newest read is shown (``read``).
        chosen = self.picker.value() if self.picker else None
        if chosen:
            ws = self.ws
            self.read(lambda: read_market(ws, chosen), self._apply)

    def market_id(self) -> str | None:
        """The grid of the market shown."""
        return self.data.market.grid_id if self.data and self.data.market else None

    # -- list / floor plan / search ----------------------------------------------------------

    def _show_view(self) -> None:
        grid = self.view_choice.value() == GRID
        self.pages.setCurrentIndex(1 if grid else 0)

    def _search_changed(self, text: str) -> None:
        self.filter.set_text(text)
        if text.strip() and self.view_choice.value() == GRID:
            # The floor plan shows every premises; finding one by name is the list's job.
            self.view_choice.set_value(LIST)
            self._show_view()
        self._show_empty()

    def _show_empty(self) -> None:
        if self.data is None:
            return
        shown = self.filter.rowCount()
        if not self.data.premises:
            self.empty.setText(self.tr("No premises registered yet."))
        elif not shown:
            self.empty.setText(self.tr("No premises match."))
        self.empty.setVisible(shown == 0)
        self.table.setVisible(shown > 0)

    def _tile_tapped(self, index: QModelIndex) -> None:
        status = index.data(ROW_ROLE)
        if status is not None:
            self.nav.open_premises(status.premises.id)

    def _add(self) -> None:
        grid_id = self.market_id()
        if grid_id is not None:
            self.nav.edit_premises(None, grid_id)
