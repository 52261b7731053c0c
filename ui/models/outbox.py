"""The outbox record by record and the quarantine of refused records (conflicts:
``ui.models.conflicts``)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QColor

from gridterm.services.outbox_status import OutboxEntry
from gridterm.services.quarantine import QuarantinedRecord
from ui.formatting import time_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import ENTITIES, OPS, OUTBOX_STATES, field_label, label
from ui.models.base import RowTableModel
from ui.models.conflicts import ConflictModel as ConflictModel  # where it used to live
from ui.theme import Theme


def record_text(entity: str, subject: str) -> str:
    """What a queued write is about: 走访 · 3-2-501, 工单 · 楼道漏水 (the kind alone when the
    record has no name)."""
    kind = label(ENTITIES, entity)
    return f"{kind} · {subject}" if subject else kind


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
                return record_text(row.entity, row.subject)
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


def reason_text(reason: str, message: str = "", field: str | None = None) -> str:
    """Why the server refused a record: its code translated when we know it."""
    from gridterm.errors import GridTermError
    from ui.labels import ERRORS, error_message

    if reason in ERRORS:
        return error_message(GridTermError(reason, field=field))
    return message or reason


class QuarantineModel(RowTableModel[QuarantinedRecord]):
    """Records the server refused, oldest first, with the reason."""

    COL_WHEN, COL_RECORD, COL_FIELD, COL_REASON = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Refused"),
        QT_TRANSLATE_NOOP("Columns", "Record"),
        QT_TRANSLATE_NOOP("Columns", "Field"),
        QT_TRANSLATE_NOOP("Columns", "Reason"),
    )

    def display(self, row: QuarantinedRecord, column: int) -> str:
        match column:
            case self.COL_WHEN:
                return time_text(datetime.fromisoformat(row.rejected_at)) if row.rejected_at else ""
            case self.COL_RECORD:
                return label(ENTITIES, row.entity)
            case self.COL_FIELD:
                return field_label(row.field) if row.field else ""
            case _:
                return reason_text(row.reason, row.message, row.field)
