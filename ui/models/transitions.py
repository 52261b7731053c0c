"""A ticket's history: every step with who, when, a note and the photo it took (the screen
draws the photo column as thumbnails)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from gridterm.domain.tickets import Transition
from ui.formatting import time_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import LEVELS, TICKET_ACTIONS, TICKET_STATUSES, label
from ui.models.base import RowTableModel
from ui.models.hazard_history import photo_count


def photos_of(row: Transition) -> tuple[str, ...]:
    """The photos a step took (a verification's on-site photo)."""
    return (row.photo,) if row.photo else ()


class TransitionModel(RowTableModel[Transition]):
    """One row per transition, oldest first; ``names`` maps user ids to display names."""

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
            case self.COL_PHOTOS:
                # what a screen reader says of the thumbnails (the verification's photo)
                return photo_count(len(photos_of(row))) if row.photo else ""
            case _:
                parts = [row.note] if row.note else []
                if row.department:
                    parts.append(row.department)
                return " · ".join(parts)
