"""A household's residents, personal data masked for every role until a tap reveals it."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from PySide6.QtCore import QCoreApplication

from gridterm.domain.residents import Resident, mask
from gridterm.domain.users import User
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import GENDERS, RELATIONS, label
from ui.models.base import RowTableModel

translate = QCoreApplication.translate


def shown(field: str, value: str, revealed: bool = False) -> str:
    """A personal field as shown: masked unless it was revealed (``Reveals.reveal``)."""
    return value if revealed else mask(field, value)


class ResidentModel(RowTableModel[Resident]):
    """One row per resident; moved-out residents last and marked."""

    COL_NAME, COL_RELATION, COL_GENDER, COL_AGE, COL_PHONE, COL_ID, COL_HEALTH = range(7)
    #: The personal field each masked column shows.
    PERSONAL: ClassVar[dict[int, str]] = {
        COL_PHONE: "phone",
        COL_ID: "id_number",
        COL_HEALTH: "health",
    }
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
        # (resident id, field) shown in clear since the screen opened: each one a reveal
        self.revealed: set[tuple[str, str]] = set()

    def reveal(self, resident_id: str, field: str) -> None:
        """Show one field of one resident in clear (after the reveal was recorded)."""
        self.revealed.add((resident_id, field))
        for column in self.PERSONAL:
            self.refresh_column(column)

    def may_reveal(self, row: Resident, column: int) -> str | None:
        """The field a tap on this cell would reveal: a masked, non-empty personal field the
        user's role may read; None otherwise (the tap opens the resident)."""
        field = self.PERSONAL.get(column)
        if field is None or (row.id, field) in self.revealed or not getattr(row, field):
            return None
        return field if self.user.sees_unmasked(field) else None

    def tooltip(self, row: Resident, column: int) -> str | None:
        if self.may_reveal(row, column):
            return translate("Residents", "Tap to show (the view is recorded)")
        return None

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
            case _:
                field = self.PERSONAL[column]
                return shown(field, getattr(row, field), (row.id, field) in self.revealed)

    def sort_key(self, row: Resident, column: int) -> object:
        if column == self.COL_AGE:
            return row.age_on(self.today) or 0
        return self.display(row, column)
