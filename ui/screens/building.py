"""A building's floor-by-room view (楼栋人房图): every household a tile with its symbols."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSize, Signal
from PySide6.QtWidgets import QWidget

from gridterm.reports.coverage import Band, TileCoverage
from gridterm.services.browse import BuildingHeading
from gridterm.services.register import HouseholdTile
from ui.context import AppContext
from ui.models.base import ROW_ROLE
from ui.models.floors import FloorModel
from ui.models.territory import building_name
from ui.screens.base import Navigator, Screen
from ui.widgets.flow import FlowLayout
from ui.widgets.icons import pixmap
from ui.widgets.tile_grid import TileGrid, symbol_legend
from ui.widgets.tiles import TILE_H, TILE_W, TileDelegate, shade
from ui.widgets.touch import button, card, label
from ui.workspace import Workspace


@dataclass(frozen=True, slots=True)
class BuildingData:
    """A building's heading and its tiles."""

    number: str
    name: str
    captain: str
    tiles: list[HouseholdTile]
    coverage: dict[str, TileCoverage]


def read_building(ws: Workspace, building_id: str) -> BuildingData:
    """The building row and its tiles (blocking)."""
    tiles = ws.register.building_floors(building_id)
    b = ws.browse.building(building_id) or BuildingHeading("?", "", "")
    return BuildingData(b.number, b.name, b.captain, tiles, ws.browse.coverage(building_id))


class BuildingScreen(Screen):
    """Floors top to bottom, rooms left to right; tap a tile to open the household."""

    watches = frozenset({"household", "resident", "visit"})
    loaded = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator, building_id: str):
        super().__init__(ctx, ws, nav)
        self.setObjectName("building")
        self.building_id = building_id
        self.data: BuildingData | None = None

        self.body.addWidget(self._info_card())

        self.model = FloorModel(self)
        self.view = TileGrid(
            self.model,
            QSize(TILE_W, TILE_H),
            "floorView",
            self.tr("Households by floor and room"),
            self.tr("One tile per household, top floor first; tap one to open it"),
        )
        self.delegate = TileDelegate(ctx.theme, self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.clicked.connect(self._open)
        self.body.addWidget(self.view, 1)
        # The tiles fit the building's rooms in the text size, and the column headers.
        self.model.modelReset.connect(self._size_tiles)
        ctx.theme.changed.connect(self._size_tiles)
        self._size_tiles()

    def _size_tiles(self) -> None:
        narrowest, widest, height = self.delegate.tile_size(self.view.font(), self.model.tiles)
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            narrowest = max(narrowest, header.sectionSizeFromContents(column).width())
        self.view.fit_tiles(narrowest, max(narrowest, widest), height)

    def _info_card(self) -> QWidget:
        """The building's summary, what the tiles' symbols mean and the coverage shading."""
        info_card, info = card()
        self.summary = label("", "")
        self.summary.setObjectName("buildingSummary")
        info.addWidget(self.summary)
        legend, self.legend = symbol_legend(
            (pixmap(name, size=28), text)
            for name, text in (
                ("key_household", self.tr("Key household")),
                ("party_member", self.tr("Party member")),
                ("vacant", self.tr("Vacant")),
                ("rental", self.tr("Rental")),
            )
        )
        self.legend.addWidget(label(self.tr("Small number: residents"), "muted", wrap=False))
        info.addWidget(legend)
        info.addWidget(self._coverage_row(self.ctx))
        return info_card

    def _coverage_row(self, ctx: AppContext) -> QWidget:
        """The switch for coverage shading and what its colours mean."""
        row = QWidget()
        flow = FlowLayout(row, spacing=12)
        self.shading = button(self.tr("Shade by last visit"), object_name="coverageShading")
        self.shading.setCheckable(True)
        self.shading.toggled.connect(self._shade)
        flow.addWidget(self.shading)
        self.coverage_legend = []
        for band, text in (
            (Band.WEEK, self.tr("≤ 7 days")),
            (Band.MONTH, self.tr("≤ 30 days")),
            (Band.QUARTER, self.tr("≤ 90 days")),
            (Band.NONE, self.tr("longer or never")),
        ):
            swatch = label(text, wrap=False)
            colour = shade(ctx.theme, band).name()
            swatch.setStyleSheet(f"background: {colour}; padding: 4px 10px; border-radius: 6px;")
            swatch.setVisible(False)
            self.coverage_legend.append(swatch)
            flow.addWidget(swatch)
        return row

    def _shade(self, on: bool) -> None:
        self.delegate.shading = on
        for swatch in self.coverage_legend:
            swatch.setVisible(on)
        self.view.viewport().update()

    def title(self) -> str:
        if self.data is None:
            return self.tr("Building")
        return building_name(self.data.number, self.data.name)

    def reload(self) -> None:
        self.read(lambda: read_building(self.ws, self.building_id), self._apply)

    def _apply(self, data: BuildingData) -> None:
        self.data = data
        self.model.set_rows(data.tiles, data.coverage)
        tiles = data.tiles
        floors = len({t.floor for t in tiles})
        text = self.tr("{households} households on {floors} floors · {key} key").format(
            households=len(tiles), floors=floors, key=sum(t.key for t in tiles)
        )
        if data.captain:
            text += " · " + self.tr("Building captain {name}").format(name=data.captain)
        self.summary.setText(text)
        self.nav.retitle()
        self.loaded.emit()

    def _open(self, index: QModelIndex) -> None:
        tile = index.data(ROW_ROLE)
        if tile is not None:
            self.nav.open_household(tile.household_id)
