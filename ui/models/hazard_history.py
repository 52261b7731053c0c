"""A hazard's history (处置记录): each step with when it happened and a note."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from gridterm.services.inspections import HazardStep
from ui.formatting import time_text
from ui.labels import HAZARD_ACTIONS, HAZARD_STATUSES, label
from ui.models.base import RowTableModel


class HazardStepModel(RowTableModel[HazardStep]):
    """One row per step, oldest first."""

    COL_WHEN, COL_STEP, COL_NOTE = range(3)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "When"),
        QT_TRANSLATE_NOOP("Columns", "Step"),
        QT_TRANSLATE_NOOP("Columns", "Note"),
    )

    def display(self, row: HazardStep, column: int) -> str:
        match column:
            case self.COL_WHEN:
                return time_text(row.at)
            case self.COL_STEP:
                step = label(HAZARD_ACTIONS, row.action)
                if row.status is not None:
                    step += f" → {label(HAZARD_STATUSES, row.status)}"
                return step
            case _:
                return row.note

    def sort_key(self, row: HazardStep, column: int) -> object:
        return row.at if column == self.COL_WHEN else self.display(row, column)
