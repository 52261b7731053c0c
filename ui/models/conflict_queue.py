"""The supervisors' conflict queue (冲突待办): one row per record field with open conflicts, and
the values of the chosen one side by side — the record's value now, then each refused value
with who wrote it and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from gridterm.services.conflict_queue import QueueItem
from ui.formatting import time_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import field_label
from ui.models.base import RowTableModel
from ui.models.conflicts import record_name, value_text

translate = QCoreApplication.translate


def _when(at: str | None) -> str:
    return time_text(datetime.fromisoformat(at)) if at else "–"


class QueueModel(RowTableModel[QueueItem]):
    """Record, field, its value now, how many values were refused, since when."""

    COL_RECORD, COL_FIELD, COL_NOW, COL_COUNT, COL_SINCE = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Record"),
        QT_TRANSLATE_NOOP("Columns", "Field"),
        QT_TRANSLATE_NOOP("Columns", "Value now"),
        QT_TRANSLATE_NOOP("Columns", "Refused values"),
        QT_TRANSLATE_NOOP("Columns", "Since"),
    )

    def display(self, row: QueueItem, column: int) -> str:
        match column:
            case self.COL_RECORD:
                return record_name(row.first)
            case self.COL_FIELD:
                return field_label(row.first.field)
            case self.COL_NOW:
                return value_text(row.first, row.current)
            case self.COL_COUNT:
                return str(len(row.values))
            case _:
                return _when(row.values[0].written_at or row.first.detected_at)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One value a person can keep: the record's value now, or a refused one."""

    value: Any
    kind: str  # "now" or "refused"
    conflict_id: str | None = None
    by: str | None = None
    at: str | None = None


def candidates(item: QueueItem) -> list[Candidate]:
    """The values of an item, side by side: the record's value now first."""
    return [Candidate(item.current, "now")] + [
        Candidate(v.value, "refused", v.conflict_id, v.by_name or v.by_user, v.written_at)
        for v in item.values
    ]


class CandidateModel(RowTableModel[Candidate]):
    """Value, what it is, who wrote it, when."""

    COL_VALUE, COL_KIND, COL_BY, COL_AT = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Value"),
        QT_TRANSLATE_NOOP("Columns", "Which"),
        QT_TRANSLATE_NOOP("Columns", "Written by"),
        QT_TRANSLATE_NOOP("Columns", "When"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.item: QueueItem | None = None

    def show_item(self, item: QueueItem | None) -> None:
        """Fill with the values of ``item`` (empty for None)."""
        self.item = item
        self.set_rows(candidates(item) if item else [])

    def display(self, row: Candidate, column: int) -> str:
        item = self.item
        match column:
            case self.COL_VALUE:
                return value_text(item.first, row.value) if item else ""
            case self.COL_KIND:
                if row.kind == "now":
                    return translate("Labels", "The record now")
                return translate("Labels", "Refused")
            case self.COL_BY:
                return row.by or ("–" if row.kind == "refused" else "")
            case _:
                return _when(row.at) if row.kind == "refused" else ""
