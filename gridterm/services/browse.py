"""Browsing the territory for the register screens: area → grid → building, with counts."""

from __future__ import annotations

from dataclasses import dataclass

from gridterm.domain.tickets import Ticket
from gridterm.errors import NotFoundError
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


def my_grids(session: Session) -> list[GridRow]:
    """The grids the user may see, by community then name."""

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


def grid_buildings(session: Session, grid_id: str) -> list[BuildingRow]:
    """The buildings of a grid with household counts (one grouped query)."""

    def read(r: Reader) -> list[BuildingRow]:
        session.require_grid(r, grid_id)
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

    return session.store.read(read)


def household_place(session: Session, household_id: str) -> HouseholdPlace:
    """The building, grid and community of a household in the user's area."""

    def read(r: Reader) -> HouseholdPlace:
        row = r.one(
            "SELECT h.id, h.grid_id, b.id AS bid, b.number, u.number AS unit, g.name AS gname,"
            " c.name AS cname FROM household h JOIN building b ON b.id = h.building_id"
            " JOIN unit u ON u.id = h.unit_id JOIN grid g ON g.id = h.grid_id"
            " JOIN community c ON c.id = g.community_id WHERE h.id = ?",
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


def household_tickets(
    session: Session, household_id: str, *, open_only: bool = True
) -> list[Ticket]:
    """A household's tickets (the open ones by default), urgent and oldest first."""
    sql = "SELECT * FROM ticket WHERE household_id = ?"
    params: tuple[str, ...] = (household_id,)
    if open_only:
        sql += f" AND status IN ({','.join('?' * len(OPEN_STATUSES))})"
        params += OPEN_STATUSES
    sql += " ORDER BY urgent DESC, reported_at"

    def read(r: Reader) -> list[Ticket]:
        session.require_grid(
            r, r.scalar("SELECT grid_id FROM household WHERE id = ?", (household_id,)) or ""
        )
        return [codec(Ticket).read(row) for row in r.iter(sql, params)]

    return session.store.read(read)


def user_names(session: Session, user_ids: set[str]) -> dict[str, str]:
    """Display names of users (for ticket histories and visits)."""
    if not user_ids:
        return {}
    ids = sorted(user_ids)
    marks = ",".join("?" * len(ids))
    found = session.store.query(f"SELECT id, name FROM user WHERE id IN ({marks})", tuple(ids))
    return {row["id"]: row["name"] for row in found}
