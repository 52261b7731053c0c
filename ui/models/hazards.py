"""Open hazards (隐患) by deadline with the overdue flagged, and markets' hazard counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor, QPixmap

from gridterm.domain.hazards import RECTIFICATION_PENDING
from gridterm.domain.office_time import office_day
from gridterm.domain.territory import Premises
from gridterm.services.hazards import HazardLine
from gridterm.services.premises import MarketSummary
from ui.formatting import date_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import HAZARD_STATUSES, SEVERITIES, label
from ui.models.base import RowTableModel
from ui.theme import Theme
from ui.widgets.icons import pixmap

translate = QCoreApplication.translate


@dataclass(frozen=True, slots=True)
class HazardRow:
    """A hazard in a list with the premises it was found at (None: not in the user's area)."""

    line: HazardLine
    premises: Premises | None


def hazard_title(line: HazardLine) -> str:
    """The hazard's first line: the checklist item that failed."""
    return line.hazard.description.split("\n", 1)[0] or line.hazard.item_code


def status_symbol(theme: Theme | None, line: HazardLine, size: int = 24) -> QPixmap:
    """Overdue (red clock), reported (orange !), being rectified or re-inspected (wrench)."""
    if line.overdue:
        name, colour = "timer", "danger"
    elif line.hazard.status.value == "open":
        name, colour = "warning", "warning"
    else:
        name, colour = "wrench", "primary"
    return pixmap(name, theme.color(colour) if theme else "#000000", size)


class HazardModel(RowTableModel[HazardRow]):
    """One row per open hazard in the order the core gives (nearest deadline first)."""

    COL_DEADLINE, COL_PREMISES, COL_HAZARD, COL_SEVERITY, COL_STATUS, COL_RESPONSIBLE = range(6)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Deadline"),
        QT_TRANSLATE_NOOP("Columns", "Stall"),
        QT_TRANSLATE_NOOP("Columns", "Hazard"),
        QT_TRANSLATE_NOOP("Columns", "Severity"),
        QT_TRANSLATE_NOOP("Columns", "Status"),
        QT_TRANSLATE_NOOP("Columns", "Responsible"),
    )
    # What a narrow view hides first: who rectifies, then the status, then the severity
    # (the hazard's page has them all; the deadline, the stall and the hazard stay).
    GIVE_WAY = (COL_RESPONSIBLE, COL_STATUS, COL_SEVERITY)

    def __init__(
        self,
        theme: Theme | None = None,
        today: date | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.theme = theme
        self.today = today or office_day(datetime.now(UTC))

    def display(self, row: HazardRow, column: int) -> str:
        h = row.line.hazard
        match column:
            case self.COL_DEADLINE:
                text = date_text(h.deadline)
                if h.status not in RECTIFICATION_PENDING:
                    # rectified: the deadline no longer runs, whether it was kept or not
                    return f"{text} · {label(HAZARD_STATUSES, h.status)}"
                if row.line.overdue:
                    days = (self.today - h.deadline).days
                    return translate("Hazards", "{date} · %n days overdue", None, days).format(
                        date=text
                    )
                left = (h.deadline - self.today).days
                if left == 0:
                    return translate("Hazards", "{date} · due today").format(date=text)
                return translate("Hazards", "{date} · %n days left", None, left).format(date=text)
            case self.COL_PREMISES:
                p = row.premises
                return f"{p.number} {p.name}".strip() if p else ""
            case self.COL_HAZARD:
                return hazard_title(row.line)
            case self.COL_SEVERITY:
                return label(SEVERITIES, h.severity)
            case self.COL_STATUS:
                return label(HAZARD_STATUSES, h.status)
            case _:
                return h.responsible

    def decoration(self, row: HazardRow, column: int) -> Any:
        if column == self.COL_DEADLINE:
            return status_symbol(self.theme, row.line)
        return None

    def foreground(self, row: HazardRow, column: int) -> QColor | None:
        if self.theme is None:
            return None
        if column == self.COL_DEADLINE and row.line.overdue:
            return self.theme.color("danger")
        if column == self.COL_SEVERITY and row.line.hazard.severity.value == "critical":
            return self.theme.color("danger")
        return None

    def sort_key(self, row: HazardRow, column: int) -> Any:
        if column == self.COL_DEADLINE:
            return row.line.hazard.deadline.isoformat()
        return self.display(row, column)


class MarketModel(RowTableModel[MarketSummary]):
    """One row per market of the user's area with its hazard counts."""

    COL_MARKET, COL_PREMISES, COL_OPEN, COL_RECTIFYING, COL_OVERDUE = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Market"),
        QT_TRANSLATE_NOOP("Columns", "Stalls"),
        QT_TRANSLATE_NOOP("Columns", "Reported"),
        QT_TRANSLATE_NOOP("Columns", "Being rectified"),
        QT_TRANSLATE_NOOP("Columns", "Overdue"),
    )

    def __init__(self, theme: Theme | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.theme = theme

    def display(self, row: MarketSummary, column: int) -> str:
        match column:
            case self.COL_MARKET:
                return row.name
            case self.COL_PREMISES:
                return str(row.premises)
            case self.COL_OPEN:
                return str(row.open)
            case self.COL_RECTIFYING:
                return str(row.rectifying)
            case _:
                return str(row.overdue)

    def foreground(self, row: MarketSummary, column: int) -> QColor | None:
        if self.theme is not None and column == self.COL_OVERDUE and row.overdue:
            return self.theme.color("danger")
        return None

    def sort_key(self, row: MarketSummary, column: int) -> Any:
        counts = {
            self.COL_PREMISES: row.premises,
            self.COL_OPEN: row.open,
            self.COL_RECTIFYING: row.rectifying,
            self.COL_OVERDUE: row.overdue,
        }
        return counts.get(column, row.name)
