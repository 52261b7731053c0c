"""A record's history as a table (a ticket's transitions, a hazard's steps): each step with
when, what, who and a note, and the photos it took (the screen draws that column as
thumbnails)."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from PySide6.QtCore import QObject

from ui.formatting import time_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import RowTableModel

S = TypeVar("S")


class Photos(QObject):
    """The plural of this module (lupdate marks a plural only in ``tr`` when the count is a
    variable: through ``translate`` English said "1 photo(s)")."""

    def count(self, n: int) -> str:
        """1 photo / 3 photos."""
        return self.tr("%n photo(s)", None, n)


_PLURALS = Photos()


def photo_count(n: int) -> str:
    """ "3 photos" in the worker's language."""
    return _PLURALS.count(n)


class StepHistoryModel(RowTableModel[S], Generic[S]):
    """One row per step, oldest first; ``names`` maps user ids to display names.

    Subclasses say when a step was (``at``), what it did (``step``), who (``by``), its note
    (``note``) and its photos (``photos``).
    """

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

    def display(self, row: S, column: int) -> str:
        match column:
            case self.COL_WHEN:
                return time_text(self.at(row))
            case self.COL_STEP:
                return self.step(row)
            case self.COL_BY:
                return self.by(row)
            case self.COL_PHOTOS:
                # what a screen reader says of the thumbnails
                photos = self.photos(row)
                return photo_count(len(photos)) if photos else ""
            case _:
                return self.note(row)

    def at(self, row: S) -> datetime:
        """When the step was taken."""
        raise NotImplementedError

    def step(self, row: S) -> str:
        """What the step did, in the worker's language."""
        raise NotImplementedError

    def by(self, row: S) -> str:
        """Who took the step."""
        raise NotImplementedError

    def note(self, row: S) -> str:
        """The step's note."""
        raise NotImplementedError

    def photos(self, row: S) -> tuple[str, ...]:
        """The photos the step took."""
        raise NotImplementedError
