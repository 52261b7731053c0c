"""A table of a report's document (``gridterm.reports.document.Table``) for the preview.

The headers and cells come from the core in the export's locale, so the preview and the
exported file read the same.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from gridterm.reports.document import Cell, Kind, Table, shown
from ui.models.base import Index, RowTableModel

_NUMBERS = {Kind.INT, Kind.FLOAT, Kind.PERCENT}


class ReportTableModel(RowTableModel[tuple[Cell, ...]]):
    """The rows of one document table; ``set_table`` installs a table and its headers."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.table: Table | None = None
        self.locale = "zh_CN"

    def set_table(self, table: Table | None, locale: str) -> None:
        """Show ``table`` (None: nothing)."""
        self.beginResetModel()
        self.table, self.locale = table, locale
        self._rows = list(table.rows) if table else []
        self.endResetModel()

    def columnCount(self, parent: Index | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self.table.columns) if self.table else 0

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            self.table is not None
            and role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.table.columns)
        ):
            return self.table.columns[section].header
        return None

    def display(self, row: tuple[Cell, ...], column: int) -> str:
        assert self.table is not None
        return shown(row[column], self.table.columns[column].kind, self.locale)

    def sort_key(self, row: tuple[Cell, ...], column: int) -> Any:
        assert self.table is not None
        value = row[column]
        if self.table.columns[column].kind in _NUMBERS:
            return float(value) if isinstance(value, int | float) else -1.0
        return self.display(row, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and self.table is not None
            and index.isValid()
            and self.table.columns[index.column()].kind in _NUMBERS
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)
