"""A market's premises (商户) as a searchable list and as a floor grid of premises tiles, and
a premises' inspection history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QPixmap

from gridterm.domain.territory import Premises
from gridterm.services.premises import InspectionLine, PremisesStatus
from ui.formatting import time_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import INSPECTION_STATUSES, PREMISES_STATES, label
from ui.models.base import ROW_ROLE, SORT_ROLE, CellGridModel, RowTableModel
from ui.theme import Theme
from ui.widgets.icons import pixmap

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate

#: A premises' state → (symbol in resources/icons, theme colour): never colour alone.
STATE_SYMBOLS = {
    "overdue": ("timer", "danger"),
    "open": ("warning", "warning"),
    "rectifying": ("wrench", "primary"),
    "clear": ("check", "ok"),
}


def premises_state(status: PremisesStatus) -> str:
    """The worst of: overdue, open (reported, nobody rectifying), rectifying, clear."""
    if status.overdue:
        return "overdue"
    if status.open_hazards > status.rectifying:
        return "open"
    return "rectifying" if status.open_hazards else "clear"


def state_pixmap(theme: Theme | None, state: str, size: int = 26) -> QPixmap:
    """The symbol of a premises state in its colour."""
    name, colour = STATE_SYMBOLS[state]
    return pixmap(name, theme.color(colour) if theme else "#000000", size)


def location_text(p: Premises) -> str:
    """Building A, floor 1, row 3 — the parts the register has."""
    return " ".join(location_lines(p))


def location_lines(p: Premises) -> list[str]:
    """The parts of ``location_text``: the building, floor and row the register has."""
    parts = []
    if p.building:
        parts.append(_unit(p.building, translate("Premises", "Building {building}"), "building"))
    if p.floor:
        parts.append(_unit(p.floor, translate("Premises", "Floor {floor}"), "floor"))
    if p.row:
        parts.append(_unit(p.row, translate("Premises", "Row {row}"), "row"))
    return parts


def _unit(value: str, template: str, key: str) -> str:
    # A register that already wrote the unit (A区, 1层, 3排) is shown as it is: the template
    # would say "A区栋 1层层". Only a bare code (A, 1, 3) gets the unit.
    if "\u4e00" <= value[-1] <= "\u9fff":
        return value
    return template.format(**{key: value})


def place_text(p: Premises) -> str:
    """Where a stall is and its number (A栋 1层 1排 · 摊位 A1-01-02): the premises page's and
    the inspection's heading say it the same way."""
    place = location_text(p)
    if place and p.number:
        return translate("Premises", "{place} · stall {number}").format(
            place=place, number=p.number
        )
    return place or p.number


def matches(p: Premises, needle: str) -> bool:
    """Search as you type: name, operator, licence number or number (摊位号) contains it."""
    needle = needle.strip().casefold()
    return not needle or any(
        needle in field.casefold() for field in (p.name, p.operator, p.licence_no, p.number)
    )


class PremisesModel(RowTableModel[PremisesStatus]):
    """One row per stall or shop with its hazard status symbol."""

    COL_STATUS, COL_NUMBER, COL_NAME, COL_OPERATOR, COL_TRADE, COL_LICENCE = range(6)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Hazards"),
        QT_TRANSLATE_NOOP("Columns", "Stall"),
        QT_TRANSLATE_NOOP("Columns", "Shop name"),
        QT_TRANSLATE_NOOP("Columns", "Operator"),
        QT_TRANSLATE_NOOP("Columns", "Trade"),
        QT_TRANSLATE_NOOP("Columns", "Licence no."),
    )

    def __init__(self, theme: Theme | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.theme = theme

    def display(self, row: PremisesStatus, column: int) -> str:
        p = row.premises
        match column:
            case self.COL_STATUS:
                state = premises_state(row)
                text = label(PREMISES_STATES, state)
                return f"{text} {row.open_hazards}" if row.open_hazards else text
            case self.COL_NUMBER:
                return p.number
            case self.COL_NAME:
                return p.name
            case self.COL_OPERATOR:
                return p.operator
            case self.COL_TRADE:
                return p.trade
            case _:
                return p.licence_no

    def decoration(self, row: PremisesStatus, column: int) -> Any:
        if column == self.COL_STATUS:
            return state_pixmap(self.theme, premises_state(row))
        return None

    def sort_key(self, row: PremisesStatus, column: int) -> Any:
        if column == self.COL_STATUS:
            return (list(STATE_SYMBOLS).index(premises_state(row)), -row.open_hazards)
        return self.display(row, column)


class PremisesFilter(QSortFilterProxyModel):
    """The list narrowed to the premises whose name, operator, licence or number contains the
    text."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._needle = ""

    def set_text(self, text: str) -> None:
        """Filter by ``text`` (empty: every premises)."""
        self.beginFilterChange()
        self._needle = text
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        status = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        return status is not None and matches(status.premises, self._needle)


def number_in_row(number: str) -> str:
    """What a tile shows: the premises' place in its row (A1-03-05 → 05), or the whole number."""
    return number.rsplit("-", 1)[-1] if "-" in number else number


class PremisesGridModel(CellGridModel[PremisesStatus]):
    """The floor grid: one table row per market row (building, floor, row), premises left
    to right in number order; cells hold a ``PremisesStatus`` (ROW_ROLE) or nothing."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._lines: list[tuple[str, str, str]] = []
        self.premises: list[PremisesStatus] = []

    def set_rows(self, premises: list[PremisesStatus]) -> None:
        """Lay out the premises in the order the register gives (building, floor, row, number)."""
        self.beginResetModel()
        self.premises = list(premises)
        lines: dict[tuple[str, str, str], list[PremisesStatus]] = {}
        for s in premises:
            p = s.premises
            lines.setdefault((p.building, p.floor, p.row), []).append(s)
        self._lines = list(lines)
        self._cells = {
            (r, c): s for r, key in enumerate(self._lines) for c, s in enumerate(lines[key])
        }
        self._shape = (len(self._lines), max((len(v) for v in lines.values()), default=0))
        self.endResetModel()

    def premises_at(self, row: int, column: int) -> PremisesStatus | None:
        """The premises in a cell, or None."""
        return self.cell(row, column)

    def cell_of(self, premises_id: str) -> tuple[int, int] | None:
        """Where a premises is drawn."""
        for cell, s in self._cells.items():
            if s.premises.id == premises_id:
                return cell
        return None

    def cell_text(self, cell: PremisesStatus) -> str:
        return number_in_row(cell.premises.number)

    def cell_description(self, cell: PremisesStatus) -> str:
        return premises_description(cell)

    def cell_data(self, cell: PremisesStatus, role: int) -> Any:
        # A tile shows as much of the name as fits; its tooltip (and its words for a screen
        # reader) the whole name.
        return premises_description(cell) if role == Qt.ItemDataRole.ToolTipRole else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._lines):
            # One part a line (building, floor, row): a narrow label leaves the tiles the width.
            first = self._cells[(section, 0)].premises
            return "\n".join(location_lines(first)) or translate("Premises", "No location")
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self._shape[1]:
            return str(section + 1)
        return None


def premises_description(status: PremisesStatus) -> str:
    """What a tile says, in words (for screen readers and tests): number · name · state."""
    p = status.premises
    parts = [p.number, p.name, label(PREMISES_STATES, premises_state(status))]
    if status.open_hazards:
        count = status.open_hazards
        parts.append(translate("Premises", "%n open hazards", None, count))
    return " · ".join(p for p in parts if p)


class InspectionModel(RowTableModel[InspectionLine]):
    """A premises' inspections, newest first."""

    COL_STARTED, COL_INSPECTOR, COL_STATUS, COL_FOUND = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Date"),
        QT_TRANSLATE_NOOP("Columns", "Inspector"),
        QT_TRANSLATE_NOOP("Columns", "Status"),
        QT_TRANSLATE_NOOP("Columns", "Hazards found"),
    )

    def display(self, row: InspectionLine, column: int) -> str:
        match column:
            case self.COL_STARTED:
                return time_text(row.inspection.started_at)
            case self.COL_INSPECTOR:
                return row.inspector_name
            case self.COL_STATUS:
                return label(INSPECTION_STATUSES, row.inspection.status)
            case _:
                return str(row.hazards_found)

    def sort_key(self, row: InspectionLine, column: int) -> Any:
        if column == self.COL_STARTED:
            return row.inspection.started_at.isoformat()
        if column == self.COL_FOUND:
            return row.hazards_found
        return self.display(row, column)
