"""The notification centre's rows: what happened, about which record, when; new ones marked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from gridterm.domain.alerts import AlertKind
from gridterm.services.alerts import AlertLine
from ui.formatting import date_text, due_text, time_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import ALERT_KINDS, label
from ui.models.base import RowTableModel
from ui.theme import Theme

translate = QCoreApplication.translate
# Alerts of something already late: red, as overdue is everywhere.
_LATE = frozenset({AlertKind.OVERDUE, AlertKind.HOUSEHOLD_OVERDUE})
# Alerts of a deadline: "When" says the time left or overdue, as the lists do.
_DEADLINES = frozenset({AlertKind.OVERDUE, AlertKind.DUE_SOON})


class AlertModel(RowTableModel[AlertLine]):
    """One row per alert, newest first as the service orders them."""

    COL_NEW, COL_KIND, COL_TITLE, COL_WHEN = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "New"),
        QT_TRANSLATE_NOOP("Columns", "Alert"),
        QT_TRANSLATE_NOOP("Columns", "About"),
        QT_TRANSLATE_NOOP("Columns", "When"),
    )

    def __init__(self, theme: Theme | None = None, clock: Callable[[], datetime] | None = None):
        super().__init__()
        self.theme = theme
        self.clock = clock or (lambda: datetime.now(UTC))

    def display(self, row: AlertLine, column: int) -> str:
        a = row.alert
        match column:
            case self.COL_NEW:
                return "" if row.seen else translate("Alerts", "New")
            case self.COL_KIND:
                return label(ALERT_KINDS, a.kind)
            case self.COL_TITLE:
                return a.title
            case _:
                return self.when(row)

    def when(self, row: AlertLine) -> str:
        """A deadline's time left or overdue; a key household's last visit; else the time."""
        a = row.alert
        if a.kind in _DEADLINES:
            return due_text(a.at - self.clock())
        if a.kind is AlertKind.HOUSEHOLD_OVERDUE:
            if a.last_visit is None:
                return translate("Alerts", "Never visited")
            return translate("Alerts", "Last visit {date}").format(date=date_text(a.last_visit))
        return time_text(a.at)

    def foreground(self, row: AlertLine, column: int) -> QColor | None:
        if self.theme is None:
            return None
        if column in (self.COL_KIND, self.COL_WHEN) and row.alert.kind in _LATE:
            return self.theme.color("danger")  # overdue is red everywhere
        if column == self.COL_WHEN and row.alert.kind is AlertKind.DUE_SOON:
            return self.theme.color("warning")
        if column == self.COL_NEW and not row.seen:
            return self.theme.color("primary")
        return None

    def sort_key(self, row: AlertLine, column: int) -> object:
        if column == self.COL_WHEN:
            return row.alert.at.isoformat()
        return self.display(row, column)
