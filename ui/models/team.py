"""团队: one row per worker today — checked in or not, visits, key households owed, tickets."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor

from gridterm.reports.team import TeamMember
from ui.formatting import time_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import ROLES, label
from ui.models.base import RowTableModel
from ui.theme import Theme

translate = QCoreApplication.translate


class TeamModel(RowTableModel[TeamMember]):
    """Who needs a look comes first (the core's order): not checked in, then most overdue."""

    # No "last sync" column: a terminal knows only its own sync, not its colleagues'
    # devices' (the server's daily log has it).
    (
        COL_WORKER, COL_STATUS, COL_CHECK_IN, COL_VISITS, COL_KEY, COL_DUE, COL_OVERDUE,
        COL_TICKETS,
    ) = range(8)  # fmt: skip
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Worker"),
        QT_TRANSLATE_NOOP("Columns", "Status"),
        QT_TRANSLATE_NOOP("Columns", "Checked in"),
        QT_TRANSLATE_NOOP("Columns", "Visits"),
        QT_TRANSLATE_NOOP("Columns", "Key visits"),
        QT_TRANSLATE_NOOP("Columns", "Due"),
        QT_TRANSLATE_NOOP("Columns", "Overdue"),
        QT_TRANSLATE_NOOP("Columns", "Open tickets"),
    )

    def __init__(self, theme: Theme | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.theme = theme

    def display(self, row: TeamMember, column: int) -> str:
        day, a = row.day, row.day.activity
        match column:
            case self.COL_WORKER:
                return day.worker.name
            case self.COL_STATUS:
                return status_text(row)
            case self.COL_CHECK_IN:
                return time_text(day.check_in) if day.check_in else "—"
            case self.COL_VISITS:
                return str(a.visits)
            case self.COL_KEY:
                return str(a.key_visits)
            case self.COL_DUE:
                return str(row.due)
            case self.COL_OVERDUE:
                return str(row.overdue)
            case self.COL_TICKETS:
                if row.urgent_open:
                    return translate("Team", "{n} ({urgent} urgent)").format(
                        n=row.open_tickets, urgent=row.urgent_open
                    )
                return str(row.open_tickets)
        return ""

    def sort_key(self, row: TeamMember, column: int) -> Any:
        numbers = {
            self.COL_VISITS: row.day.activity.visits,
            self.COL_KEY: row.day.activity.key_visits,
            self.COL_DUE: row.due,
            self.COL_OVERDUE: row.overdue,
            self.COL_TICKETS: row.open_tickets,
        }
        return numbers.get(column, self.display(row, column))

    def alignment(self, row: TeamMember, column: int) -> Qt.AlignmentFlag | None:
        # counts sit under the middle of their (centred) header, not at its left edge
        if column in (self.COL_VISITS, self.COL_KEY, self.COL_DUE, self.COL_OVERDUE):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def tooltip(self, row: TeamMember, column: int) -> str | None:
        w = row.day.worker
        return f"{w.name} ({w.worker_id}) · {label(ROLES, w.role)}"

    def foreground(self, row: TeamMember, column: int) -> QColor | None:
        if self.theme is None:
            return None
        if column == self.COL_STATUS and not row.checked_in:
            return QColor(self.theme.color("danger"))
        if column == self.COL_OVERDUE and row.behind:
            return QColor(self.theme.color("warning"))
        return None


def status_text(row: TeamMember) -> str:
    """Not checked in, on the round, or checked out."""
    if not row.checked_in:
        return translate("Team", "Not checked in")
    day = row.day
    if day.check_out is not None and day.check_in is not None and day.check_out > day.check_in:
        return translate("Team", "Checked out")
    return translate("Team", "On the round")
