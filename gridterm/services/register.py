"""The household register (人房模型): search it, read and correct households and residents
(browsing it with counts is ``browse``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from gridterm.domain.permissions import Activity, require
from gridterm.domain.residents import Resident, validate_resident_fields
from gridterm.domain.territory import Household, validate_household_changes
from gridterm.errors import NotFoundError
from gridterm.ids import new_id
from gridterm.search.query import SearchAnswer, answer
from gridterm.services.session import Session
from gridterm.store.entities import codec
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx


@dataclass(frozen=True, slots=True)
class HouseholdTile:
    """One room on a building's floor-by-room view, with what its symbols show."""

    household_id: str
    unit: str
    floor: int
    room: str
    key: bool
    party_member: bool
    vacant: bool
    rental: bool
    residents: int


_TILES_SQL = """
SELECT h.id, u.number AS unit, h.floor, h.room, h.key_reasons, h.party_member, h.vacant,
       h.rental,
       (SELECT count(*) FROM resident s WHERE s.household_id = h.id AND NOT s.moved_out)
           AS residents
FROM household h JOIN unit u ON u.id = h.unit_id
WHERE h.building_id = ?
ORDER BY h.floor DESC, u.number, h.room
"""


class Register:
    """Reading and correcting the register within the user's area."""

    def __init__(self, session: Session):
        self.session = session

    def search(self, text: str) -> SearchAnswer:
        """What the search box shows for ``text`` (搜索): hits in the user's grids only (the
        scope is read with the query), cut at 50 and saying so."""
        session = self.session
        return session.store.read(lambda r: answer(r, text, grid_ids=session.visible_grid_ids(r)))

    def building_floors(self, building_id: str) -> list[HouseholdTile]:
        """Every household of a building, top floor first, as tiles for the 人房 view."""

        def read(r: Reader) -> list[HouseholdTile]:
            b = r.one("SELECT grid_id FROM building WHERE id = ?", (building_id,))
            if b is None:
                raise NotFoundError("building.not_found", "no such building", id=building_id)
            self.session.require_grid(r, b["grid_id"])
            return [
                HouseholdTile(
                    household_id=row["id"],
                    unit=row["unit"],
                    floor=row["floor"],
                    room=row["room"],
                    key=row["key_reasons"] != "[]",
                    party_member=bool(row["party_member"]),
                    vacant=bool(row["vacant"]),
                    rental=bool(row["rental"]),
                    residents=row["residents"],
                )
                for row in r.iter(
                    _TILES_SQL,
                    (building_id,),
                )
            ]

        return self.session.store.read(read)

    def household(self, household_id: str) -> Household:
        """One household of the user's area."""

        def read(r: Reader) -> Household:
            return self._household(r, household_id)

        return self.session.store.read(read)

    def residents(self, household_id: str) -> list[Resident]:
        """The residents of a household, head first."""

        def read(r: Reader) -> list[Resident]:
            self._household(r, household_id)
            return [
                codec(Resident).read(row)
                for row in r.iter(
                    "SELECT * FROM resident WHERE household_id = ? "
                    "ORDER BY moved_out, relation != 'head', birth_date",
                    (household_id,),
                )
            ]

        return self.session.store.read(read)

    def edit_household(self, household_id: str, **changes: Any) -> Household:
        """Correct a household's tags, phone or notes during a visit."""
        values = validate_household_changes(changes)
        require(self.session.user, Activity.EDIT_REGISTER)

        def write(tx: Tx) -> Household:
            self._household(tx.reader(), household_id)
            tx.update(
                "household",
                household_id,
                {k: json.dumps(v) if k == "key_reasons" else v for k, v in values.items()},
            )
            return self._household(tx.reader(), household_id)

        return self.session.store.write(write)

    def add_resident(self, household_id: str, **fields: Any) -> Resident:
        """Register a resident who moved in."""
        values = validate_resident_fields(fields, partial=False, today=self.session.today())
        require(self.session.user, Activity.EDIT_REGISTER)

        def write(tx: Tx) -> Resident:
            self._household(tx.reader(), household_id)
            resident_id = new_id()
            tx.insert("resident", {"id": resident_id, "household_id": household_id, **values})
            return codec(Resident).read(
                tx.written("SELECT * FROM resident WHERE id = ?", (resident_id,))
            )

        return self.session.store.write(write)

    def edit_resident(self, resident_id: str, **changes: Any) -> Resident:
        """Correct a resident (a new phone number, moved out, …)."""
        values = validate_resident_fields(changes, partial=True, today=self.session.today())
        require(self.session.user, Activity.EDIT_REGISTER)

        def write(tx: Tx) -> Resident:
            row = tx.one("SELECT household_id FROM resident WHERE id = ?", (resident_id,))
            if row is None:
                raise NotFoundError("resident.not_found", "no such resident", id=resident_id)
            self._household(tx.reader(), row["household_id"])
            tx.update("resident", resident_id, values)
            return codec(Resident).read(
                tx.written("SELECT * FROM resident WHERE id = ?", (resident_id,))
            )

        return self.session.store.write(write)

    def _household(self, r: Reader, household_id: str) -> Household:
        row = r.one("SELECT * FROM household WHERE id = ?", (household_id,))
        if row is None:
            raise NotFoundError("household.not_found", "no such household", id=household_id)
        self.session.require_grid(r, row["grid_id"])
        return codec(Household).read(row)
