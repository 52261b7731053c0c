"""Tickets with how long each has waited and their deadline; urgent ones carry a timer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from gridterm.domain.deadlines import DueState
from gridterm.domain.tickets import Ticket, TicketStatus
from gridterm.services.deadlines import TicketLine
from ui.formatting import clock_text, due_text, waited_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import LEVELS, TICKET_STATUSES, category_label, label
from ui.models.base import RowTableModel
from ui.theme import Theme

translate = QCoreApplication.translate


def is_waiting(ticket: Ticket) -> bool:
    """Nobody has accepted the ticket yet: the response promise is running."""
    return ticket.status is TicketStatus.REPORTED


class TicketModel(RowTableModel[TicketLine]):
    """One row per ticket; ``tick()`` repaints the timers (call it every second)."""

    COL_URGENT, COL_TITLE, COL_CATEGORY, COL_STATUS, COL_LEVEL, COL_WAITED, COL_DUE = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Urgency"),
        QT_TRANSLATE_NOOP("Columns", "Title"),
        QT_TRANSLATE_NOOP("Columns", "Category"),
        QT_TRANSLATE_NOOP("Columns", "Status"),
        QT_TRANSLATE_NOOP("Columns", "Level"),
        QT_TRANSLATE_NOOP("Columns", "Waiting"),
        QT_TRANSLATE_NOOP("Columns", "Time limit"),
    )

    def __init__(self, theme: Theme | None = None, clock: Callable[[], datetime] | None = None):
        super().__init__()
        self.theme = theme
        self.clock = clock or (lambda: datetime.now(UTC))

    def tick(self) -> None:
        """Advance the timers."""
        self.refresh_column(self.COL_WAITED)
        self.refresh_column(self.COL_DUE)

    def display(self, line: TicketLine, column: int) -> str:
        row = line.ticket
        match column:
            case self.COL_URGENT:
                return translate("Tickets", "Urgent") if row.urgent else ""
            case self.COL_TITLE:
                return row.title
            case self.COL_CATEGORY:
                return category_label(row.category)
            case self.COL_STATUS:
                return label(TICKET_STATUSES, row.status)
            case self.COL_LEVEL:
                return label(LEVELS, row.level)
            case self.COL_DUE:
                return due_text(line.due.left(self.clock())) if line.due else "—"
            case _:
                return self.waited(row)

    def waited(self, row: Ticket) -> str:
        """Waiting time: a mm:ss timer for urgent tickets nobody accepted yet."""
        now = self.clock()
        waited = row.waited_minutes(now)
        if waited is None:
            return "—"
        if row.urgent and is_waiting(row):
            seconds = int((now - row.reported_at).total_seconds())
            return clock_text(seconds)
        return waited_text(waited)

    def foreground(self, line: TicketLine, column: int) -> QColor | None:
        if self.theme is None:
            return None
        row = line.ticket
        if column == self.COL_URGENT and row.urgent:
            return self.theme.color("danger")
        if column == self.COL_WAITED and row.urgent and is_waiting(row):
            late = line.overdue(self.clock())  # past the promise (10 minutes unless set)
            return self.theme.color("danger" if late else "warning")
        if line.due is not None and column in (self.COL_DUE, self.COL_TITLE):
            state = line.due.state(self.clock())
            if state is DueState.OVERDUE:
                return self.theme.color("danger")  # overdue is red everywhere
            if state is DueState.SOON and column == self.COL_DUE:
                return self.theme.color("warning")
        return None

    def sort_key(self, line: TicketLine, column: int) -> object:
        if column == self.COL_WAITED:
            return line.ticket.reported_at.isoformat()
        if column == self.COL_URGENT:
            return 0 if line.ticket.urgent else 1
        if column == self.COL_DUE:
            # soonest (most overdue) first; no deadline last
            return (line.due is None, line.due.at.isoformat() if line.due else "")
        return self.display(line, column)
