"""The outbox, record by record: what was written here and whether the server has it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

from gridterm.services.outbox_status import OutboxEntry
from ui.formatting import time_text
from ui.labels import ENTITIES, OPS, OUTBOX_STATES, label
from ui.models.base import RowTableModel
from ui.theme import Theme


class OutboxModel(RowTableModel[OutboxEntry]):
    """One row per queued write, newest first."""

    COL_WHEN, COL_RECORD, COL_CHANGE, COL_STATE, COL_REASON = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "When"),
        QT_TRANSLATE_NOOP("Columns", "Record"),
        QT_TRANSLATE_NOOP("Columns", "Change"),
        QT_TRANSLATE_NOOP("Columns", "State"),
        QT_TRANSLATE_NOOP("Columns", "Reason"),
    )

    def __init__(self, theme: Theme | None = None):
        super().__init__()
        self.theme = theme

    def display(self, row: OutboxEntry, column: int) -> str:
        match column:
            case self.COL_WHEN:
                return time_text(datetime.fromisoformat(row.created_at))
            case self.COL_RECORD:
                return label(ENTITIES, row.entity)
            case self.COL_CHANGE:
                return label(OPS, row.op)
            case self.COL_STATE:
                return label(OUTBOX_STATES, row.state)
            case _:
                return row.reason or ""

    def foreground(self, row: OutboxEntry, column: int) -> QColor | None:
        if self.theme is None or column != self.COL_STATE:
            return None
        key = {"rejected": "danger", "confirmed": "ok", "sent": "warning"}.get(row.state)
        return self.theme.color(key) if key else None

    def sort_key(self, row: OutboxEntry, column: int) -> object:
        return row.seq if column == self.COL_WHEN else self.display(row, column)
