"""A household's residents, personal data masked unless the worker's role needs it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gridterm.domain.residents import Resident, mask
from gridterm.domain.users import User
from ui.labels import GENDERS, RELATIONS, label
from ui.models.base import RowTableModel

translate = QCoreApplication.translate


def shown(user: User, field: str, value: str) -> str:
    """A personal field as this user may see it."""
    return value if user.sees_unmasked(field) else mask(field, value)


class ResidentModel(RowTableModel[Resident]):
    """One row per resident; moved-out residents last and marked."""

    COL_NAME, COL_RELATION, COL_GENDER, COL_AGE, COL_PHONE, COL_ID, COL_HEALTH = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Name"),
        QT_TRANSLATE_NOOP("Columns", "Relation"),
        QT_TRANSLATE_NOOP("Columns", "Gender"),
        QT_TRANSLATE_NOOP("Columns", "Age"),
        QT_TRANSLATE_NOOP("Columns", "Phone"),
        QT_TRANSLATE_NOOP("Columns", "ID number"),
        QT_TRANSLATE_NOOP("Columns", "Health"),
    )

    def __init__(self, user: User, today: date):
        super().__init__()
        self.user = user
        self.today = today

    def display(self, row: Resident, column: int) -> str:
        match column:
            case self.COL_NAME:
                name = row.name
                if row.party_member:
                    name += " " + translate("Residents", "(party member)")
                if row.moved_out:
                    name += " " + translate("Residents", "(moved out)")
                return name
            case self.COL_RELATION:
                return label(RELATIONS, row.relation)
            case self.COL_GENDER:
                return label(GENDERS, row.gender)
            case self.COL_AGE:
                age = row.age_on(self.today)
                return "" if age is None else str(age)
            case self.COL_PHONE:
                return shown(self.user, "phone", row.phone)
            case self.COL_ID:
                return shown(self.user, "id_number", row.id_number)
            case _:
                return shown(self.user, "health", row.health)

    def sort_key(self, row: Resident, column: int) -> object:
        if column == self.COL_AGE:
            return row.age_on(self.today) or 0
        return self.display(row, column)
