"""A building's floor-by-room grid (人房模型): floors as rows, unit + room position as columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from gridterm.reports.coverage import TileCoverage
from gridterm.services.register import HouseholdTile
from ui.models.base import CellGridModel

#: A cell's ``TileCoverage`` (days since the last visit, overdue key household), or None.
COVERAGE_ROLE = Qt.ItemDataRole.UserRole + 3
translate = QCoreApplication.translate


def room_position(room: str) -> str:
    """The room's place on its floor: 501 → 01 (the same flat on every floor)."""
    return room[-2:] if len(room) > 2 else room


class FloorModel(CellGridModel[HouseholdTile]):
    """Cells hold a ``HouseholdTile`` (ROW_ROLE) or nothing where a floor has no such room."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._floors: list[int] = []
        self._columns: list[tuple[str, str]] = []  # (unit, room position)
        self.tiles: list[HouseholdTile] = []
        self.coverage: dict[str, TileCoverage] = {}

    def set_rows(
        self, tiles: list[HouseholdTile], coverage: dict[str, TileCoverage] | None = None
    ) -> None:
        """Lay out a building's tiles (any order), with each household's coverage."""
        self.beginResetModel()
        self.tiles = list(tiles)
        self.coverage = coverage or {}
        self._floors = sorted({t.floor for t in tiles}, reverse=True)
        self._columns = sorted({(t.unit, room_position(t.room)) for t in tiles}, key=_unit_order)
        floor_row = {f: i for i, f in enumerate(self._floors)}
        column_of = {c: i for i, c in enumerate(self._columns)}
        self._cells = {
            (floor_row[t.floor], column_of[(t.unit, room_position(t.room))]): t for t in tiles
        }
        self._shape = (len(self._floors), len(self._columns))
        self.endResetModel()

    def tile_at(self, row: int, column: int) -> HouseholdTile | None:
        """The household in a cell, or None."""
        return self.cell(row, column)

    def cell_text(self, cell: HouseholdTile) -> str:
        return cell.room

    def cell_description(self, cell: HouseholdTile) -> str:
        return tile_description(cell)

    def cell_data(self, cell: HouseholdTile, role: int) -> Any:
        return self.coverage.get(cell.household_id) if role == COVERAGE_ROLE else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._floors):
            return translate("Building", "Floor {floor}").format(floor=self._floors[section])
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            unit, position = self._columns[section]
            return translate("Building", "Unit {unit} · {position}").format(
                unit=unit, position=position
            )
        return None


def tile_description(tile: HouseholdTile) -> str:
    """What a tile's symbols say, in words (for screen readers and tests)."""
    parts = [tile.room]
    if tile.key:
        parts.append(translate("Building", "key household"))
    if tile.party_member:
        parts.append(translate("Building", "party member"))
    if tile.vacant:
        parts.append(translate("Building", "vacant"))
    if tile.rental:
        parts.append(translate("Building", "rental"))
    return " · ".join(parts)


def _unit_order(column: tuple[str, str]) -> tuple[int, str, str]:
    unit, position = column
    return (int(unit) if unit.isdigit() else 10_000, unit, position)
