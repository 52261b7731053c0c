"""A ticket's history: every step with who, when and a note."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from gridterm.domain.tickets import Transition
from ui.formatting import time_text
from ui.labels import LEVELS, TICKET_ACTIONS, TICKET_STATUSES, label
from ui.models.base import RowTableModel


class TransitionModel(RowTableModel[Transition]):
    """One row per transition, oldest first; ``names`` maps user ids to display names."""

    COL_WHEN, COL_STEP, COL_BY, COL_NOTE = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "When"),
        QT_TRANSLATE_NOOP("Columns", "Step"),
        QT_TRANSLATE_NOOP("Columns", "By"),
        QT_TRANSLATE_NOOP("Columns", "Note"),
    )

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.names: dict[str, str] = {}

    def display(self, row: Transition, column: int) -> str:
        match column:
            case self.COL_WHEN:
                return time_text(row.at)
            case self.COL_STEP:
                step = (
                    f"{label(TICKET_ACTIONS, row.action)} → {label(TICKET_STATUSES, row.to_status)}"
                )
                if row.from_level is not None and row.to_level != row.from_level:
                    step += f" ({label(LEVELS, row.to_level)})"
                return step
            case self.COL_BY:
                return self.names.get(row.by_user, row.by_user)
            case _:
                parts = [row.note] if row.note else []
                if row.department:
                    parts.append(row.department)
                return " · ".join(parts)
