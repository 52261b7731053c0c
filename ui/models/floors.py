"""A building's floor-by-room grid (人房模型): floors as rows, unit + room position as columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from gridterm.reports.coverage import TileCoverage
from gridterm.services.register import HouseholdTile
from ui.models.base import ROW_ROLE

#: A cell's ``TileCoverage`` (days since the last visit, overdue key household), or None.
COVERAGE_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate


def room_position(room: str) -> str:
    """The room's place on its floor: 501 → 01 (the same flat on every floor)."""
    return room[-2:] if len(room) > 2 else room


class FloorModel(QAbstractTableModel):
    """Cells hold a ``HouseholdTile`` (ROW_ROLE) or nothing where a floor has no such room."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._floors: list[int] = []
        self._columns: list[tuple[str, str]] = []  # (unit, room position)
        self._cells: dict[tuple[int, int], HouseholdTile] = {}
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
        self.endResetModel()

    def tile_at(self, row: int, column: int) -> HouseholdTile | None:
        """The household in a cell, or None."""
        return self._cells.get((row, column))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._floors)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tile = self._cells.get((index.row(), index.column()))
        if tile is None:
            return None
        if role == ROW_ROLE:
            return tile
        if role == COVERAGE_ROLE:
            return self.coverage.get(tile.household_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return tile.room
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return tile_description(tile)
        return None

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

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or (index.row(), index.column()) not in self._cells:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


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
