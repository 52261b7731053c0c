"""A household's visit history, newest first."""

from __future__ import annotations

from gridterm.domain.visits import Visit
from ui.formatting import time_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import OUTCOMES, VISIT_TYPES, join_list, label
from ui.models.base import RowTableModel


class VisitModel(RowTableModel[Visit]):
    """One row per current visit (superseded revisions are left out by the service)."""

    COL_WHEN, COL_TYPE, COL_MET, COL_RAISED, COL_OUTCOME = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "When"),
        QT_TRANSLATE_NOOP("Columns", "Visit type"),
        QT_TRANSLATE_NOOP("Columns", "Met"),
        QT_TRANSLATE_NOOP("Columns", "Raised"),
        QT_TRANSLATE_NOOP("Columns", "Outcome"),
    )

    def display(self, row: Visit, column: int) -> str:
        match column:
            case self.COL_WHEN:
                return time_text(row.visited_at)
            case self.COL_TYPE:
                return label(VISIT_TYPES, row.visit_type)
            case self.COL_MET:
                return join_list(list(row.met))
            case self.COL_RAISED:
                return join_list([c.text for c in row.concerns])
            case _:
                return label(OUTCOMES, row.outcome)

    def sort_key(self, row: Visit, column: int) -> object:
        if column == self.COL_WHEN:
            return row.visited_at.isoformat()
        return self.display(row, column)
