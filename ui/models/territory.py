"""Grids of the worker's area and the buildings of a grid."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gridterm.services.browse import BuildingRow, GridRow
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import RowTableModel

translate = QCoreApplication.translate


def building_name(number: str, name: str = "") -> str:
    """3栋 / Building 3, with the building's own name when it has one."""
    text = translate("Register", "Building {number}").format(number=number)
    # Registers often repeat the number as the name (1栋): show a name only when it adds one.
    return f"{text} {name}" if name and number not in name else text


class GridModel(RowTableModel[GridRow]):
    """One row per grid: its name and community."""

    COL_GRID, COL_COMMUNITY = range(2)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Grid"),
        QT_TRANSLATE_NOOP("Columns", "Community"),
    )

    def display(self, row: GridRow, column: int) -> str:
        return row.grid_name if column == self.COL_GRID else row.community_name


class BuildingModel(RowTableModel[BuildingRow]):
    """One row per building with its household counts."""

    COL_BUILDING, COL_FLOORS, COL_HOUSEHOLDS, COL_KEY, COL_CAPTAIN = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Building"),
        QT_TRANSLATE_NOOP("Columns", "Floors"),
        QT_TRANSLATE_NOOP("Columns", "Households"),
        QT_TRANSLATE_NOOP("Columns", "Key households"),
        QT_TRANSLATE_NOOP("Columns", "Building captain"),
    )

    def display(self, row: BuildingRow, column: int) -> str:
        match column:
            case self.COL_BUILDING:
                return building_name(row.number, row.name)
            case self.COL_FLOORS:
                return str(row.floors)
            case self.COL_HOUSEHOLDS:
                return str(row.households)
            case self.COL_KEY:
                return str(row.key_households)
            case _:
                return row.captain

    def sort_key(self, row: BuildingRow, column: int) -> object:
        numbers = {
            self.COL_FLOORS: row.floors,
            self.COL_HOUSEHOLDS: row.households,
            self.COL_KEY: row.key_households,
        }
        return numbers.get(column, self.display(row, column))
