"""A small register for search tests: two grids, a building in each, households, residents."""

from __future__ import annotations

from itertools import count

from gridterm.domain.territory import format_address
from gridterm.domain.validation import id_check_digit
from gridterm.search.query import SearchHit, search
from gridterm.store import Store
from gridterm.store.tx import Tx


def make_id_number(first17: str) -> str:
    """A valid 18-character ID number from its first 17 digits."""
    return first17 + id_check_digit(first17)


class Register:
    """A small register in one store: two grids, a building in each, households, residents."""

    def __init__(self, store: Store):
        self.store = store
        self._ids = count(1)
        self.units: dict[str, tuple[str, str, str, str]] = {}  # grid → ids and numbers

        def territory(tx: Tx) -> None:
            tx.insert("street_office", {"id": "so1", "name": "关山街道"}, outbox=False)
            tx.insert(
                "community",
                {"id": "c1", "street_office_id": "so1", "name": "幸福社区"},
                outbox=False,
            )
            for grid, building in (("g1", "3"), ("g2", "7")):
                tx.insert("grid", {"id": grid, "community_id": "c1", "name": grid}, outbox=False)
                tx.insert(
                    "building",
                    {"id": f"b-{grid}", "grid_id": grid, "number": building, "floors": 6},
                    outbox=False,
                )
                tx.insert(
                    "unit",
                    {"id": f"u-{grid}", "building_id": f"b-{grid}", "number": "2"},
                    outbox=False,
                )
                self.units[grid] = (f"b-{grid}", f"u-{grid}", building, "2")

        store.write(territory)

    def household(self, room: str, *, grid: str = "g1", phone: str = "", address: str = "") -> str:
        """Add a household at ``room`` of the grid's building, unit 2 (or at ``address``, as
        recorded: another building's number, another unit); returns its id."""
        building_id, unit_id, building, unit = self.units[grid]
        household_id = f"h{next(self._ids)}"
        row = {
            "id": household_id,
            "grid_id": grid,
            "building_id": building_id,
            "unit_id": unit_id,
            "floor": int(room[:-2]),
            "room": room,
            "address": address or format_address(building, unit, room),
            "phone": phone,
        }
        self.store.write(lambda tx: tx.insert("household", row, outbox=False))
        return household_id

    def resident(
        self, household_id: str, name: str, *, phone: str = "", id_number: str = ""
    ) -> str:
        """Add a resident to a household; returns its id."""
        resident_id = f"r{next(self._ids)}"
        row = {
            "id": resident_id,
            "household_id": household_id,
            "name": name,
            "gender": "male",
            "phone": phone,
            "id_number": id_number,
        }
        self.store.write(lambda tx: tx.insert("resident", row))
        return resident_id


def find(store: Store, text: str, **kwargs: object) -> list[SearchHit]:
    return store.read(lambda r: search(r, text, **kwargs))  # type: ignore[arg-type]


def resident_ids(hits: list[SearchHit]) -> list[str | None]:
    return [h.resident_id for h in hits]
