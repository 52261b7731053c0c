"""The base of every table model: a list of frozen dataclass rows installed at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

#: The row's dataclass itself.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: A value to sort by (numbers and dates rather than their display text).
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Rows are loaded off the GUI thread and installed with one ``set_rows``; ``data`` only
    formats what a row holds (never a query).

    Subclasses list ``HEADERS`` (English source text in the "Columns" context, marked with
    QT_TRANSLATE_NOOP) and implement ``display``; ``decoration``, ``foreground``, ``sort_key``
    and ``tooltip`` are optional.
    """

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[R] = []
        # Columns whose header takes two lines (a narrow column, set by its TouchTable).
        self.broken_headers: set[int] = set()

    # -- rows ------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row at once."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        """The rows, in display order."""
        return list(self._rows)

    def row_at(self, row: int) -> R:
        """The dataclass shown in ``row``."""
        return self._rows[row]

    def refresh_column(self, column: int) -> None:
        """Repaint one column of every row (a ticking timer, a language switch)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    # -- what subclasses say about a row ---------------------------------------------------

    def display(self, row: R, column: int) -> str:
        """The text of a cell."""
        raise NotImplementedError

    def decoration(self, row: R, column: int) -> Any:
        """An icon or colour swatch for a cell, or None."""
        return None

    def foreground(self, row: R, column: int) -> Any:
        """A text colour for a cell, or None."""
        return None

    def alignment(self, row: R, column: int) -> Qt.AlignmentFlag | None:
        """Where a cell's text sits, or None for the style's own (left)."""
        return None

    def sort_key(self, row: R, column: int) -> Any:
        """What the column sorts by (default: its text)."""
        return self.display(row, column)

    def tooltip(self, row: R, column: int) -> str | None:
        """Hover text (rarely seen on touch screens; used for truncated cells)."""
        return None

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.decoration(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = self.alignment(row, column)
            return None if align is None else int(align)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return self.sort_key(row, column)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            text = QCoreApplication.translate("Columns", self.HEADERS[section])
            return two_lines(text) if section in self.broken_headers else text
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal:
            # over its cells: a header centred over left-aligned text looks like another's
            align = self.alignment(self._rows[0], section) if self._rows else None
            return None if align is None else int(align | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def two_lines(text: str) -> str:
    """``text`` broken at the space nearest its middle ("Key households" over two lines)."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return text
    middle = min(spaces, key=lambda i: abs(2 * i - len(text)))
    return f"{text[:middle]}\n{text[middle + 1 :]}"


C = TypeVar("C")


class CellGridModel(QAbstractTableModel, Generic[C]):
    """A plan of cells (a building's rooms floor by floor, a market's premises row by row):
    a cell holds the dataclass drawn there (ROW_ROLE) or nothing, and only a held cell can be
    tapped.

    Subclasses lay out ``_cells`` and ``_shape`` (rows, columns) between a model reset, say a
    cell's text (``cell_text``) and its words for a screen reader (``cell_description``),
    and answer any other role in ``cell_data``; ``headerData`` is theirs.
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._cells: dict[tuple[int, int], C] = {}
        self._shape = (0, 0)

    def cell(self, row: int, column: int) -> C | None:
        """What a cell holds, or None."""
        return self._cells.get((row, column))

    def cell_text(self, cell: C) -> str:
        """What a tile shows."""
        raise NotImplementedError

    def cell_description(self, cell: C) -> str:
        """What a tile says, in words."""
        raise NotImplementedError

    def cell_data(self, cell: C, role: int) -> Any:
        """Any other role of a held cell (default: nothing)."""
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self._shape[0]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shape[1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self._cells.get((index.row(), index.column()))
        if cell is None:
            return None
        if role == ROW_ROLE:
            return cell
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(cell)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.cell_description(cell)
        return self.cell_data(cell, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or (index.row(), index.column()) not in self._cells:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
