"""Browsing the territory (人房台账) for the register screens: area → grid → building, with
counts, a household's place and tickets, and the names of the users a history shows."""

from __future__ import annotations

from dataclasses import dataclass

from gridterm.domain.tickets import Ticket
from gridterm.errors import NotFoundError
from gridterm.reports.coverage import TileCoverage, building_coverage
from gridterm.services.deadlines import TicketLine, ticket_lines
from gridterm.services.session import Session
from gridterm.services.today import OPEN_STATUSES
from gridterm.store.entities import codec
from gridterm.store.reader import Reader


@dataclass(frozen=True, slots=True)
class GridRow:
    """A grid of the user's area with its community."""

    grid_id: str
    grid_name: str
    community_id: str
    community_name: str
    kind: str


@dataclass(frozen=True, slots=True)
class BuildingRow:
    """A building of a grid with how many households and key households it has."""

    building_id: str
    number: str
    name: str
    floors: int
    captain: str
    households: int
    key_households: int


@dataclass(frozen=True, slots=True)
class HouseholdPlace:
    """Where a household is: its building, grid and community (for headings and tickets)."""

    household_id: str
    building_id: str
    building_number: str
    unit: str
    grid_id: str
    grid_name: str
    community_name: str


@dataclass(frozen=True, slots=True)
class BuildingHeading:
    """What a building's screen names it by."""

    number: str
    name: str
    captain: str


class Browse:
    """The territory of the user's area as the register screens list it (read only)."""

    def __init__(self, session: Session):
        self.session = session

    def grid_ids(self) -> list[str]:
        """The ids of the grids the user may see."""
        return self.session.store.read(self.session.visible_grid_ids)

    def grids(self) -> list[GridRow]:
        """The grids the user may see, by community then name."""
        session = self.session

        def read(r: Reader) -> list[GridRow]:
            ids = session.visible_grid_ids(r)
            if not ids:
                return []
            marks = ",".join("?" * len(ids))
            return [
                GridRow(row["id"], row["name"], row["cid"], row["cname"], row["kind"])
                for row in r.iter(
                    f"SELECT g.id, g.name, g.kind, c.id AS cid, c.name AS cname FROM grid g"
                    f" JOIN community c ON c.id = g.community_id WHERE g.id IN ({marks})"
                    f" ORDER BY c.name, g.name",
                    tuple(ids),
                )
            ]

        return session.store.read(read)

    def buildings(self, grid_id: str) -> list[BuildingRow]:
        """The buildings of a grid with household counts (one grouped query)."""

        def read(r: Reader) -> list[BuildingRow]:
            self.session.require_grid(r, grid_id)
            return [
                BuildingRow(
                    row["id"],
                    row["number"],
                    row["name"],
                    row["floors"],
                    row["captain"],
                    row["n"],
                    row["k"],
                )
                for row in r.iter(
                    "SELECT b.id, b.number, b.name, b.floors, b.captain,"
                    " count(h.id) AS n, coalesce(sum(h.key_reasons != '[]'), 0) AS k"
                    " FROM building b LEFT JOIN household h ON h.building_id = b.id"
                    " WHERE b.grid_id = ? GROUP BY b.id"
                    " ORDER BY CAST(b.number AS INTEGER), b.number",
                    (grid_id,),
                )
            ]

        return self.session.store.read(read)

    def building(self, building_id: str) -> BuildingHeading | None:
        """A building's number, name and captain (None: no such building)."""
        found = self.session.store.query(
            "SELECT number, name, captain FROM building WHERE id = ?", (building_id,)
        )
        if not found:
            return None
        return BuildingHeading(found[0]["number"], found[0]["name"], found[0]["captain"])

    def coverage(self, building_id: str) -> dict[str, TileCoverage]:
        """household id → its coverage shading, for a building of the user's area
        (``gridterm.reports.coverage``)."""
        return building_coverage(self.session, building_id)

    def household_place(self, household_id: str) -> HouseholdPlace:
        """The building, grid and community of a household in the user's area."""
        session = self.session

        def read(r: Reader) -> HouseholdPlace:
            row = r.one(
                "SELECT h.id, h.grid_id, b.id AS bid, b.number, u.number AS unit,"
                " g.name AS gname, c.name AS cname FROM household h"
                " JOIN building b ON b.id = h.building_id JOIN unit u ON u.id = h.unit_id"
                " JOIN grid g ON g.id = h.grid_id JOIN community c ON c.id = g.community_id"
                " WHERE h.id = ?",
                (household_id,),
            )
            if row is None:
                raise NotFoundError("household.not_found", "no such household", id=household_id)
            session.require_grid(r, row["grid_id"])
            return HouseholdPlace(
                household_id,
                row["bid"],
                row["number"],
                row["unit"],
                row["grid_id"],
                row["gname"],
                row["cname"],
            )

        return session.store.read(read)

    def household_tickets(self, household_id: str, *, open_only: bool = True) -> list[TicketLine]:
        """A household's tickets (the open ones by default), urgent and oldest first, each
        with its running deadline."""
        sql = "SELECT * FROM ticket WHERE household_id = ?"
        params: tuple[str, ...] = (household_id,)
        if open_only:
            sql += f" AND status IN ({','.join('?' * len(OPEN_STATUSES))})"
            params += OPEN_STATUSES
        sql += " ORDER BY urgent DESC, reported_at"

        def read(r: Reader) -> list[TicketLine]:
            self.session.require_grid(
                r, r.scalar("SELECT grid_id FROM household WHERE id = ?", (household_id,)) or ""
            )
            return ticket_lines(r, [codec(Ticket).read(row) for row in r.iter(sql, params)])

        return self.session.store.read(read)

    def user_names(self, user_ids: set[str]) -> dict[str, str]:
        """Display names of users (for ticket histories and visits)."""
        if not user_ids:
            return {}
        ids = sorted(user_ids)
        marks = ",".join("?" * len(ids))
        found = self.session.store.query(
            f"SELECT id, name FROM user WHERE id IN ({marks})", tuple(ids)
        )
        return {row["id"]: row["name"] for row in found}
