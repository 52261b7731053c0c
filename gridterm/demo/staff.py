"""The street office's staff (人员): one worker per grid, supervisors, inspectors, street staff.

Worker ids (工号) say the role at a glance: G grid worker, P part-time, M market inspector,
S community supervisor, J street office (街道).
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from gridterm.demo import names
from gridterm.demo.clock import DemoClock
from gridterm.demo.layout import CommunityPlan, GridPlan
from gridterm.demo.seeded_ids import SeededIds
from gridterm.domain.rounds import CheckKind
from gridterm.domain.users import Role

#: Days of check-ins (打卡) kept in the demo: the last full month's daily logs have them too.
CHECK_IN_DAYS = 45


@dataclass(frozen=True, slots=True)
class StaffMember:
    """A user of the roster and the grids assigned to them (user_grid)."""

    id: str
    worker_id: str
    name: str
    role: Role
    community_id: str | None
    street_office_id: str
    grid_ids: tuple[str, ...] = ()
    latitude: float = 0.0  # where their round usually is, for check-in locations
    longitude: float = 0.0

    def row(self) -> tuple[object, ...]:
        """The ``user`` row."""
        return (
            self.id,
            self.worker_id,
            self.name,
            self.role.value,
            self.community_id,
            self.street_office_id,
            1,
        )


class Roster:
    """Draws staff members with names and seeded ids."""

    def __init__(self, rng: Random, ids: SeededIds, street_office_id: str):
        self._rng = rng
        self._ids = ids
        self._street_office_id = street_office_id
        self._serial: dict[str, int] = {}

    def member(
        self,
        role: Role,
        prefix: str,
        community_id: str | None,
        grid_ids: tuple[str, ...] = (),
        where: tuple[float, float] = (0.0, 0.0),
    ) -> StaffMember:
        """A new staff member with the next worker id of ``prefix``."""
        serial = self._serial.get(prefix, 0) + 1
        self._serial[prefix] = serial
        r = self._rng.random
        return StaffMember(
            id=self._ids.next(),
            worker_id=f"{prefix}{serial:04d}",
            name=names.full_name(self._rng, r() < 0.45, 1970 + int(r() * 30)),
            role=role,
            community_id=community_id,
            street_office_id=self._street_office_id,
            grid_ids=grid_ids,
            latitude=where[0],
            longitude=where[1],
        )


@dataclass(frozen=True, slots=True)
class Staffing:
    """The roster as a build uses it: who works each grid, each community's supervisor and
    part-time worker (协管员), the market's inspectors and the street office's staff."""

    workers: dict[str, StaffMember]  # by grid id
    supervisors: dict[str, StaffMember]  # by community id
    part_timers: dict[str, StaffMember]  # by community id
    inspectors: list[StaffMember]
    street_staff: list[StaffMember]

    def everyone(self) -> list[StaffMember]:
        """Everyone on the roster."""
        return [
            *self.workers.values(),
            *self.supervisors.values(),
            *self.part_timers.values(),
            *self.inspectors,
            *self.street_staff,
        ]


def plan_staff(roster: Roster, communities: list[CommunityPlan], market: GridPlan) -> Staffing:
    """A grid worker per grid, a supervisor and a part-time worker per community, two market
    inspectors and three of the street office's staff, drawn in that order."""
    workers: dict[str, StaffMember] = {}
    supervisors: dict[str, StaffMember] = {}
    part_timers: dict[str, StaffMember] = {}
    for community in communities:
        for grid in community.grids:
            workers[grid.id] = roster.member(
                Role.GRID_WORKER, "G", community.id, (grid.id,), (grid.latitude, grid.longitude)
            )
        supervisors[community.id] = roster.member(Role.COMMUNITY_SUPERVISOR, "S", community.id)
        part_timers[community.id] = roster.member(
            Role.PART_TIME_WORKER, "P", community.id, tuple(g.id for g in community.grids)
        )
    where = (market.latitude, market.longitude)
    inspectors = [
        roster.member(Role.MARKET_INSPECTOR, "M", market.community_id, (market.id,), where)
        for _ in range(2)
    ]
    street_staff = [roster.member(Role.STREET_STAFF, "J", None) for _ in range(3)]
    return Staffing(workers, supervisors, part_timers, inspectors, street_staff)


def check_ins(
    rng: Random, ids: SeededIds, clock: DemoClock, member: StaffMember
) -> list[tuple[object, ...]]:
    """Check-in and check-out rows of the last weeks' working days, near the member's grid."""
    r = rng.random
    rows: list[tuple[object, ...]] = []
    for days_ago in range(CHECK_IN_DAYS, 0, -1):
        weekday = clock.local_date(clock.at(days_ago, 12)).weekday()
        if weekday >= 5 or r() < 0.05:  # weekends, leave days
            continue
        for kind, hour in ((CheckKind.IN, 8.2 + r() * 0.7), (CheckKind.OUT, 17.2 + r() * 1.2)):
            ts = clock.at(days_ago, hour)
            located = r() < 0.9  # some terminals get no fix indoors
            rows.append(
                (
                    ids.next(),
                    member.id,
                    kind.value,
                    clock.iso(ts),
                    round(member.latitude + (r() - 0.5) * 0.004, 6) if located else None,
                    round(member.longitude + (r() - 0.5) * 0.004, 6) if located else None,
                    round(5 + r() * 25, 1) if located else None,
                )
            )
    return rows
