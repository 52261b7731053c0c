"""Search results as the worker types: residents and households."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gridterm.search.query import SearchHit
from ui.models.base import RowTableModel

translate = QCoreApplication.translate

MATCHED_BY = {
    "name": QT_TRANSLATE_NOOP("Search", "name"),
    "pinyin": QT_TRANSLATE_NOOP("Search", "pinyin"),
    "initials": QT_TRANSLATE_NOOP("Search", "pinyin initials"),
    "address": QT_TRANSLATE_NOOP("Search", "address"),
    "phone": QT_TRANSLATE_NOOP("Search", "phone digits"),
    "id": QT_TRANSLATE_NOOP("Search", "ID number"),
}


class SearchModel(RowTableModel[SearchHit]):
    """One row per hit; a household hit has no name."""

    COL_NAME, COL_ADDRESS, COL_MATCHED = range(3)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Resident"),
        QT_TRANSLATE_NOOP("Columns", "Address"),
        QT_TRANSLATE_NOOP("Columns", "Found by"),
    )

    def display(self, row: SearchHit, column: int) -> str:
        match column:
            case self.COL_NAME:
                if not row.resident_id:
                    return translate("Search", "(household)")
                if row.moved_out:
                    return translate("Search", "{name} (moved out)").format(name=row.name)
                return row.name
            case self.COL_ADDRESS:
                return row.address
            case _:
                source = MATCHED_BY.get(row.matched_kind)
                return translate("Search", source) if source else row.matched_kind
