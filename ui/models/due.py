"""The round's to-do list: key households due or overdue, most urgent first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor

from gridterm.domain.visit_schedule import DueState
from gridterm.services.today import DueHousehold
from ui.formatting import date_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import KEY_REASONS, join_list, label
from ui.models.base import RowTableModel
from ui.theme import Theme

translate = QCoreApplication.translate


def due_text(row: DueHousehold) -> str:
    """Overdue 3 days / Never visited / Due today."""
    if row.state is DueState.DUE:
        return translate("Due", "Due today")
    if row.last_visit is None:
        return translate("Due", "Never visited")
    return _PLURALS.overdue(max(1, row.days_overdue))


class Due(QObject):
    """The plurals of this module (lupdate marks a plural only in ``tr`` when the count is a
    variable: through ``translate`` English showed "Overdue 19 day(s)")."""

    def overdue(self, days: int) -> str:
        """Overdue 1 day / Overdue 19 days."""
        return self.tr("Overdue %n day(s)", None, days)


_PLURALS = Due()


class DueModel(RowTableModel[DueHousehold]):
    """Rows of ``due_households``; the state column is coloured."""

    COL_STATE, COL_ADDRESS, COL_HEAD, COL_REASONS, COL_LAST = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Visit"),
        QT_TRANSLATE_NOOP("Columns", "Address"),
        QT_TRANSLATE_NOOP("Columns", "Resident"),
        QT_TRANSLATE_NOOP("Columns", "Why key"),
        QT_TRANSLATE_NOOP("Columns", "Last visit"),
    )

    def __init__(self, theme: Theme | None = None):
        super().__init__()
        self.theme = theme

    def display(self, row: DueHousehold, column: int) -> str:
        match column:
            case self.COL_STATE:
                return due_text(row)
            case self.COL_ADDRESS:
                return row.address
            case self.COL_HEAD:
                return row.head_name
            case self.COL_REASONS:
                return join_list([label(KEY_REASONS, r) for r in row.reasons])
            case _:
                return date_text(row.last_visit) if row.last_visit else "—"

    def foreground(self, row: DueHousehold, column: int) -> QColor | None:
        if column != self.COL_STATE or self.theme is None:
            return None
        return self.theme.color("danger" if row.state is DueState.OVERDUE else "warning")

    def sort_key(self, row: DueHousehold, column: int) -> object:
        if column == self.COL_STATE:
            return (row.state is not DueState.OVERDUE, -row.days_overdue)
        if column == self.COL_LAST:
            return row.last_visit.isoformat() if row.last_visit else ""
        return self.display(row, column)
