"""Register (人房台账): community → grid → building, and a search box answering as you type."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QWidget

from gridterm.search.query import SearchAnswer
from gridterm.services.browse import BuildingRow, GridRow
from ui.context import AppContext
from ui.models.search import SearchModel, hint_text, results_title
from ui.models.territory import BuildingModel, GridModel
from ui.ops import Latest
from ui.screens.base import Navigator, Screen
from ui.widgets.responsive import ResponsiveRow
from ui.widgets.search_box import SearchBox
from ui.widgets.table import TouchTable
from ui.widgets.touch import card, label
from ui.workspace import Workspace


class RegisterScreen(Screen):
    """Browse the territory or search it; tapping a building or a hit opens it."""

    watches = frozenset({"household"})

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__(ctx, ws, nav)
        self.setObjectName("register")
        self.search_box = SearchBox(
            ctx.theme,
            self.tr("Search: name, pinyin initials (zs), address 3-2-501 or phone digits"),
            "searchBox",
        )
        self.search_box.textChanged.connect(self._search_changed)
        self.body.addWidget(self.search_box)
        self.latest = Latest(self, ctx.ops)
        # Reads run side by side on the pool: a grid tapped before the last one's buildings
        # came back must not have them arrive under its title. Only the newest is shown.
        self.buildings_latest = Latest(self, ctx.ops, delay_ms=0)

        self.pages = QStackedWidget()
        self.body.addWidget(self.pages, 1)
        self.browse_page = self._browse_page()
        self.results_page = self._results_page()
        self.pages.addWidget(self.browse_page)
        self.pages.addWidget(self.results_page)

    def _browse_page(self) -> QWidget:
        """My grids beside the chosen grid's buildings."""
        browse = ResponsiveRow()
        grids_card, grids = card()
        grids.addWidget(label(self.tr("My grids"), "section"))
        self.grid_model = GridModel()
        self.grid_table = TouchTable(
            self.grid_model, stretch=(GridModel.COL_GRID,), name=self.tr("My grids")
        )
        self.grid_table.setObjectName("gridTable")
        self.grid_table.on_row(self._grid_chosen)
        grids.addWidget(self.grid_table, 1)
        browse.add(grids_card, 2)
        buildings_card, buildings = card()
        self.buildings_title = label(self.tr("Buildings"), "section")
        buildings.addWidget(self.buildings_title)
        self.building_model = BuildingModel()
        self.building_table = TouchTable(
            self.building_model,
            stretch=(BuildingModel.COL_CAPTAIN,),
            sortable=True,
            name=self.tr("Buildings"),
            # the floors are in the building's plan; the captain on its page
            give_way=(BuildingModel.COL_FLOORS, BuildingModel.COL_CAPTAIN),
        )
        self.building_table.setObjectName("buildingTable")
        self.building_table.on_row(lambda b: self.nav.open_building(b.building_id))
        buildings.addWidget(self.building_table, 1)
        browse.add(buildings_card, 3)
        return browse

    def _results_page(self) -> QWidget:
        """The search's answer: its title, what to know about the query, the households."""
        results_card, results = card()
        header = QHBoxLayout()
        self.results_title = label("", "section")
        self.results_title.setObjectName("resultsTitle")
        header.addWidget(self.results_title, 1)
        results.addLayout(header)
        # Its line is kept when empty, so a hint appearing never moves the rows under a finger.
        self.results_hint = label("", "muted")
        self.results_hint.setObjectName("resultsHint")
        policy = self.results_hint.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.results_hint.setSizePolicy(policy)
        self.results_hint.hide()
        results.addWidget(self.results_hint)
        self.search_model = SearchModel()
        self.results_table = TouchTable(
            self.search_model, stretch=(SearchModel.COL_ADDRESS,), name=self.tr("Search results")
        )
        self.results_table.setObjectName("resultsTable")
        self.results_table.on_row(lambda hit: self.nav.open_household(hit.household_id))
        results.addWidget(self.results_table, 1)
        return results_card

    def title(self) -> str:
        return self.tr("Household register")

    def reload(self) -> None:
        self.read(self.ws.browse.grids, self._grids_loaded)

    def _grids_loaded(self, grids: list[GridRow]) -> None:
        self.grid_model.set_rows(grids)
        if grids:
            self.grid_table.selectRow(0)
            self._grid_chosen(grids[0])

    def _grid_chosen(self, grid: GridRow) -> None:
        self.buildings_title.setText(
            self.tr("Buildings of {grid}, {community}").format(
                grid=grid.grid_name, community=grid.community_name
            )
        )
        self.buildings_latest.request(
            lambda: self.ws.browse.buildings(grid.grid_id), self._buildings_loaded
        )

    def _buildings_loaded(self, buildings: list[BuildingRow]) -> None:
        self.building_model.set_rows(buildings)

    # -- search ----------------------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        text = text.strip()
        if not text:
            self.latest.generation += 1  # drop answers still on their way
            self.pages.setCurrentWidget(self.browse_page)
            return
        self.pages.setCurrentWidget(self.results_page)
        self.results_title.setText(self.tr("Searching…"))
        register = self.ws.register
        self.latest.request(lambda: register.search(text), self._results)

    def _results(self, found: SearchAnswer) -> None:
        self.search_model.set_rows(found.hits)
        self.results_title.setText(results_title(found))
        hint = hint_text(found)
        self.results_hint.setText(hint)
        self.results_hint.setVisible(bool(hint))
