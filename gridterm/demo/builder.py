"""``DemoBuilder``: draws a whole demo street office and hands it to an output, in chunks.

The territory and staff are planned up front (small); the register, visits and tickets are
drawn grid by grid and streamed out, so memory stays flat however large the demo. One seeded
random stream feeds everything, in a fixed order: the same seed and ``today`` give the same
rows and ids.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from gridterm.demo import checklist, layout, names, photos, vocab
from gridterm.demo.bulk import Batch, RowBuffers
from gridterm.demo.clock import DemoClock
from gridterm.demo.layout import CommunityPlan, GridPlan
from gridterm.demo.market import MarketBuilder
from gridterm.demo.register import HouseholdDraft, RegisterDrawer
from gridterm.demo.seeded_ids import SeededIds
from gridterm.demo.staff import Roster, StaffMember, check_ins, plan_staff
from gridterm.demo.tickets import Actors, TicketDesk
from gridterm.demo.unsent import unsent_work
from gridterm.demo.visits import VisitHistory
from gridterm.domain.territory import format_address
from gridterm.domain.tickets import Level, TicketStatus
from gridterm.domain.users import Role
from gridterm.search import index as search_index

PHOTO_COUNT = 8

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class DemoUser:
    """A demo login: the worker id (工号) and PIN that unlock the database, and their area."""

    worker_id: str
    name: str
    role: Role
    grids: tuple[str, ...]  # names of the grids assigned to them
    area: str  # their community, or the street office
    pin: str


class Output(Protocol):
    """Where a build goes: a store in this process, or a pipe to one in the parent."""

    def rows(self, batch: Batch) -> None:
        """Bulk rows, without outbox entries."""

    def blob(self, data: bytes) -> None:
        """A photo's bytes for the blob store."""

    def unsent(self, records: list[tuple[str, Mapping[str, Any]]]) -> None:
        """Records to insert the ordinary way, each with its outbox row."""


class DemoBuilder:
    """One demo build: the plan (territory, staff) up front, then the streamed register."""

    def __init__(self, seed: int, today: date, households: int, progress: Progress | None):
        self.rng = random.Random(seed)
        self.seed = seed
        self.clock = DemoClock(today)
        # The register was first synced a year ago; ids count on from there in load order.
        self.ids = SeededIds(self.rng, self.clock.at(365, 10))
        self.households = households
        self._progress = progress
        self._started = time.perf_counter()
        self.street_office_id = self.ids.next()
        self.communities = layout.plan_communities(self.rng, self.ids, households)
        self.market = GridPlan(
            id=self.ids.next(),
            community_id=self.communities[0].id,
            name=vocab.MARKET,
            households=0,
            latitude=layout.CENTRE[0] + 0.01,
            longitude=layout.CENTRE[1] - 0.01,
            special=True,
        )
        self._plan_staff()
        self.first_homes: list[tuple[str, str]] = []  # (id, address) in the first grid

    def say(self, message: str) -> None:
        """Report progress, with the seconds since the build started."""
        if self._progress is not None:
            self._progress(f"[demo {time.perf_counter() - self._started:6.1f}s] {message}")

    # -- plan --------------------------------------------------------------------------------

    def _plan_staff(self) -> None:
        roster = Roster(self.rng, self.ids, self.street_office_id)
        self.team = plan_staff(roster, self.communities, self.market)
        self.grid_names = {g.id: g.name for c in self.communities for g in c.grids}
        self.grid_names[self.market.id] = self.market.name

    def logins(self, pin: str | None) -> list[DemoUser]:
        """The demo users (one or two per role) with their PINs; the first creates the DB."""
        first_community = self.communities[0]
        chosen = [self.team.workers[g.id] for g in first_community.grids[:2]]
        chosen += [
            self.team.part_timers[first_community.id],
            self.team.inspectors[0],
            self.team.supervisors[first_community.id],
            self.team.street_staff[0],
        ]
        # PINs come from their own stream so asking for a fixed PIN changes no data.
        pins = random.Random(f"gridterm-demo-pins-{self.seed}")
        communities = {c.id: c.name for c in self.communities}
        return [
            DemoUser(
                m.worker_id,
                m.name,
                m.role,
                tuple(self.grid_names[g] for g in m.grid_ids),
                communities.get(m.community_id or "", vocab.STREET_OFFICE),
                pin or f"{pins.randrange(100_000, 1_000_000)}",
            )
            for m in chosen
        ]

    # -- load --------------------------------------------------------------------------------

    def run(self, output: Output) -> dict[str, int]:
        """Draw the whole demo into ``output``; returns the row count of each table."""
        buffers = RowBuffers(output.rows)
        self.buffers = buffers
        self.rows = buffers.rows
        self.desk = TicketDesk(
            self.rng, self.ids, self.clock, self.rows("ticket"), self.rows("ticket_transition")
        )
        self.visits = VisitHistory(self.rng, self.ids, self.clock, self.rows("visit"))
        self._territory_and_staff()
        self.photos = self._photos(output)
        self.desk.verify_photo = self.photos[0]
        done = 0
        for n, community in enumerate(self.communities):
            building_no = 0  # buildings are numbered per community (3栋)
            for g, grid in enumerate(community.grids):
                building_no = self._grid(
                    community, grid, building_no, forced_tickets=n == 0 and g == 0
                )
                done += grid.households
                buffers.maybe_flush()
            self.say(
                f"households {done:,}/{self.households:,}, residents "
                f"{buffers.total('resident'):,}, visits {buffers.total('visit'):,}"
            )
        self._market()
        check_in_rows = self.rows("check_in")
        for member in [*self.team.workers.values(), *self.team.inspectors]:
            check_in_rows.extend(check_ins(self.rng, self.ids, self.clock, member))
        buffers.flush()
        unsent = self._unsent_work()
        output.unsent(unsent)
        counts = {t: c for t, c in buffers.counts.items() if c}
        for entity, _ in unsent:
            counts[entity] = counts.get(entity, 0) + 1
        counts["outbox"] = len(unsent)
        return counts

    def _territory_and_staff(self) -> None:
        meta = self.rows("meta")
        meta += [
            ("demo.seed", str(self.seed)),
            ("demo.today", self.clock.today.isoformat()),
            ("demo.households", str(self.households)),
        ]
        self.rows("street_office").append((self.street_office_id, vocab.STREET_OFFICE, 1))
        grid_rows = self.rows("grid")
        for community in self.communities:
            self.rows("community").append((community.id, self.street_office_id, community.name, 1))
            for grid in community.grids:
                grid_rows.append((grid.id, community.id, grid.name, "residential", 1))
        grid_rows.append((self.market.id, self.market.community_id, self.market.name, "special", 1))
        user_grid = self.rows("user_grid")
        for member in self.team.everyone():
            self.rows("user").append(member.row())
            user_grid.extend((member.id, g) for g in member.grid_ids)
        template_id = self.ids.next()
        template = checklist.template(template_id)  # validated by the domain's parser
        items = json.dumps(checklist.template_data()["items"], ensure_ascii=False)
        self.rows("checklist_template").append(
            (template_id, template.code, template.version, template.title, items)
        )

    def _photos(self, output: Output) -> list[str]:
        """A few placeholder photos for the blob store, recorded as already uploaded."""
        shas: list[str] = []
        for _ in range(PHOTO_COUNT):
            data = photos.placeholder_png(self.rng)
            sha = hashlib.sha256(data).hexdigest()  # the blob store's address for it
            if sha not in shas:
                output.blob(data)
                shas.append(sha)
                created = self.clock.iso(self.clock.at(120))
                self.rows("attachment").append((sha, len(data), "image/png", "photo", created, 1))
        return shas

    def _grid(
        self, community: CommunityPlan, grid: GridPlan, building_no: int, *, forced_tickets: bool
    ) -> int:
        """Draw a grid's buildings, households, residents, visits and tickets; returns the
        last building number used (buildings are numbered through the community)."""
        worker = self.team.workers[grid.id]
        supervisor = self.team.supervisors[community.id]
        actors = Actors(
            (worker.id, worker.role),
            (supervisor.id, supervisor.role),
            (self.team.street_staff[0].id, Role.STREET_STAFF),
        )
        register = RegisterDrawer(self.rng, self.ids, self.clock.today)
        homes: list[tuple[str, str]] = []
        first_building = building_no + 1
        remaining = grid.households
        while remaining > 0:
            building_no += 1
            for building_id, unit_id, unit_no, floor, room in self._flats(
                grid.id, building_no, remaining
            ):
                remaining -= 1
                address = format_address(str(building_no), str(unit_no), room)
                draft = register.draft(grid.id, building_id, unit_id, floor, room, address)
                self._household(draft, address, grid, actors, supervisor.id)
                homes.append((draft.id, address))
        buildings = (first_building, building_no)
        self._snapshots(grid, actors, self.team.part_timers[community.id], buildings)
        if forced_tickets:
            self._every_ticket_state(grid, actors, homes)
            self.first_homes = homes
        return building_no

    def _flats(
        self, grid_id: str, building_no: int, wanted: int
    ) -> Iterator[tuple[str, str, int, int, str]]:
        """A new building of the grid; yields up to ``wanted`` of its flats as
        (building id, unit id, unit number, floor, room), unit by unit, from the ground up."""
        r = self.rng.random
        floors, unit_count, rooms = layout.building_shape(self.rng)
        if wanted < floors * unit_count * rooms:
            floors = layout.fit_floors(floors, unit_count, rooms, wanted)
        building_id = self.ids.next()
        captain = names.full_name(self.rng, r() < 0.5, 1955 + int(r() * 20))  # 楼栋长
        self.rows("building").append(
            (building_id, grid_id, str(building_no), f"{building_no}栋", floors, captain, 1)
        )
        for unit_no in range(1, unit_count + 1):
            unit_id = self.ids.next()
            self.rows("unit").append((unit_id, building_id, str(unit_no), 1))
            for floor in range(1, floors + 1):
                for room_no in range(1, rooms + 1):
                    yield building_id, unit_id, unit_no, floor, f"{floor}{room_no:02d}"
                    wanted -= 1
                    if wanted == 0:
                        return

    def _household(
        self,
        draft: HouseholdDraft,
        address: str,
        grid: GridPlan,
        actors: Actors,
        supervisor_id: str,
    ) -> None:
        """Buffer one drawn household with its residents, search keys, visits and tickets."""
        self.rows("household").append(draft.row)
        self.rows("resident").extend(draft.residents)
        owners, terms = self.rows("search_owner"), self.rows("search_term")
        owner = self.buffers.total("search_owner") + 1  # owner ids count from 1, in load order
        owners.append((owner, draft.id, None))
        terms += search_index.household_rows(owner, address, draft.phone)
        for resident_id, _, name, _, _, _, id_no, phone, *_ in draft.residents:
            owner += 1
            owners.append((owner, draft.id, resident_id))
            terms += search_index.resident_rows(owner, name, phone, id_no)
        worker_id, role = actors.grid
        for t in self.visits.household(draft, worker_id, supervisor_id):
            self.desk.open(
                ticket_id=t.ticket_id,
                grid_id=grid.id,
                reporter=(worker_id, role),
                actors=actors,
                at=t.at,
                kind=t.kind,
                title=t.title,
                household_id=draft.id,
                visit_id=t.visit_id,
                location=address,
                description=f"入户走访时居民反映：{t.title}",
            )

    def _snapshots(
        self, grid: GridPlan, actors: Actors, reporter: StaffMember, buildings: tuple[int, int]
    ) -> None:
        """Problems a part-time worker snapped (随手拍) with a photo, by the grid's buildings."""
        r = self.rng.random
        first, last = buildings
        for _ in range(max(1, round(grid.households / 150))):
            at = self.clock.at(int(1 + r() * 100), 8 + r() * 11)
            kind = vocab.TICKET_KINDS[int(r() * len(vocab.TICKET_KINDS))]
            spot = vocab.SNAP_SPOTS[int(r() * len(vocab.SNAP_SPOTS))]
            self.desk.open(
                ticket_id=self.ids.next(),
                grid_id=grid.id,
                reporter=(reporter.id, reporter.role),
                actors=actors,
                at=at,
                kind=kind,
                location=f"{first + int(r() * (last - first + 1))}栋{spot}",
                photos=(self.photos[int(r() * len(self.photos))],),
            )

    def _every_ticket_state(
        self, grid: GridPlan, actors: Actors, homes: list[tuple[str, str]]
    ) -> None:
        """One ticket in every status at every level, so each list and filter has content."""
        r = self.rng.random
        for n, (level, status) in enumerate((lv, st) for lv in Level for st in TicketStatus):
            at = self.clock.at(25 - n, 9 + r() * 8)
            household_id, address = homes[int(r() * len(homes))]
            self.desk.open(
                ticket_id=self.ids.next(),
                grid_id=grid.id,
                reporter=actors.grid,
                actors=actors,
                at=at,
                kind=vocab.TICKET_KINDS[n % len(vocab.TICKET_KINDS)],
                household_id=household_id,
                location=address,
                target=(level, status),
            )

    def _market(self) -> None:
        count = min(600, 40 + self.households // 500)
        builder = MarketBuilder(
            self.rng,
            self.ids,
            self.clock,
            {
                t: self.rows(t)
                for t in (
                    "premises",
                    "hazard_inspection",
                    "checklist_answer",
                    "hazard",
                    "hazard_step",
                )
            },
        )
        builder.build(
            self.market.id,
            count,
            [m.id for m in self.team.inspectors],
            self.photos,
        )
        self.say(f"market: {count} stalls")

    def _unsent_work(self) -> list[tuple[str, Mapping[str, Any]]]:
        """Yesterday afternoon's work in the first grid, not yet synced (``demo/unsent.py``)."""
        grid = self.communities[0].grids[0]
        worker = self.team.workers[grid.id]
        return unsent_work(self.rng, self.ids, self.clock, grid.id, worker.id, self.first_homes)
