"""A hazard's history (处置记录): each step with when, what, who and a note, and how many
photos it has (the screen shows the tapped step's photos beside the table)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from gridterm.domain.hazards import HazardStep
from ui.formatting import time_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import HAZARD_ACTIONS, HAZARD_STATUSES, label
from ui.models.base import RowTableModel

translate = QCoreApplication.translate


def photo_count(n: int) -> str:
    """ "3 photos" in the worker's language."""
    return translate("HazardStepModel", "%n photo(s)", None, n)


def photos_of(row: HazardStep) -> tuple[str, ...]:
    """The photos a step took."""
    return tuple(row.photos)


class HazardStepModel(RowTableModel[HazardStep]):
    """One row per step, oldest first; ``names`` maps user ids to display names."""

    COL_WHEN, COL_STEP, COL_BY, COL_NOTE, COL_PHOTOS = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "When"),
        QT_TRANSLATE_NOOP("Columns", "Step"),
        QT_TRANSLATE_NOOP("Columns", "By"),
        QT_TRANSLATE_NOOP("Columns", "Note"),
        QT_TRANSLATE_NOOP("Columns", "Photos"),
    )

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.names: dict[str, str] = {}

    def display(self, row: HazardStep, column: int) -> str:
        match column:
            case self.COL_WHEN:
                return time_text(row.at)
            case self.COL_STEP:
                step = label(HAZARD_ACTIONS, row.action)
                if row.to_status is not None:
                    step += f" → {label(HAZARD_STATUSES, row.to_status)}"
                return step
            case self.COL_BY:
                who = self.names.get(row.by_user, row.by_user) or "—"
                # recorded for the party who did it (代为登记), or the department's 报到
                return f"{who}（{row.party}）" if row.party else who
            case self.COL_PHOTOS:
                if not row.photos:
                    return ""
                return photo_count(len(row.photos))
            case _:
                return row.note

    def sort_key(self, row: HazardStep, column: int) -> object:
        return row.at if column == self.COL_WHEN else self.display(row, column)
