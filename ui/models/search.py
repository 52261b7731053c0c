"""Search results as the worker types: residents and households."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gridterm.search.plan import SHORT_NUMBER
from gridterm.search.query import SearchAnswer, SearchHit
from gridterm.search.terms import MIN_DIGITS
from ui.i18n import QT_TRANSLATE_NOOP
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
HINTS = {
    SHORT_NUMBER: QT_TRANSLATE_NOOP(
        "Search",
        "Fewer than {digits} digits find building numbers; type at least {digits} digits for "
        "a phone or ID number.",
    ),
}


def results_title(found: SearchAnswer) -> str:
    """How many were found, or that the list shows only the first ones."""
    count = len(found.hits)
    if found.more:
        return translate("Search", "First %n, type more", None, count)
    if count:
        return translate("Search", "%n found", None, count)
    return translate("Search", "Nothing found")


def hint_text(found: SearchAnswer) -> str:
    """What the worker should know about the query itself ("" when nothing)."""
    source = HINTS.get(found.hint or "")
    return translate("Search", source).format(digits=MIN_DIGITS) if source else ""


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
