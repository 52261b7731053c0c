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
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from gridterm.demo import checklist, layout, names, photos, vocab
from gridterm.demo.bulk import Batch, RowBuffers
from gridterm.demo.clock import DemoClock
from gridterm.demo.layout import CommunityPlan, GridPlan
from gridterm.demo.market import MarketBuilder
from gridterm.demo.register import HouseholdDraft, RegisterDrawer
from gridterm.demo.seeded_ids import SeededIds
from gridterm.demo.staff import Roster, StaffMember, check_ins
from gridterm.demo.tickets import Actors, TicketDesk
from gridterm.demo.visits import VisitHistory
from gridterm.domain.territory import format_address
from gridterm.domain.tickets import Level, Ticket, TicketStatus
from gridterm.domain.users import Role
from gridterm.domain.visits import Visit, VisitOutcome, VisitType
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
        self.workers: dict[str, StaffMember] = {}
        self.supervisors: dict[str, StaffMember] = {}
        self.part_timers: dict[str, StaffMember] = {}
        for community in self.communities:
            for grid in community.grids:
                self.workers[grid.id] = roster.member(
                    Role.GRID_WORKER,
                    "G",
                    community.id,
                    (grid.id,),
                    (grid.latitude, grid.longitude),
                )
            self.supervisors[community.id] = roster.member(
                Role.COMMUNITY_SUPERVISOR, "S", community.id
            )
            self.part_timers[community.id] = roster.member(
                Role.PART_TIME_WORKER, "P", community.id, tuple(g.id for g in community.grids)
            )
        where = (self.market.latitude, self.market.longitude)
        self.inspectors = [
            roster.member(
                Role.MARKET_INSPECTOR, "M", self.market.community_id, (self.market.id,), where
            )
            for _ in range(2)
        ]
        self.street_staff = [roster.member(Role.STREET_STAFF, "J", None) for _ in range(3)]
        self.grid_names = {g.id: g.name for c in self.communities for g in c.grids}
        self.grid_names[self.market.id] = self.market.name

    def staff(self) -> list[StaffMember]:
        """Everyone on the roster."""
        return [
            *self.workers.values(),
            *self.supervisors.values(),
            *self.part_timers.values(),
            *self.inspectors,
            *self.street_staff,
        ]

    def logins(self, pin: str | None) -> list[DemoUser]:
        """The demo users (one or two per role) with their PINs; the first creates the DB."""
        first_community = self.communities[0]
        chosen = [self.workers[g.id] for g in first_community.grids[:2]]
        chosen += [
            self.part_timers[first_community.id],
            self.inspectors[0],
            self.supervisors[first_community.id],
            self.street_staff[0],
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
        for member in [*self.workers.values(), *self.inspectors]:
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
        for member in self.staff():
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
        worker = self.workers[grid.id]
        supervisor = self.supervisors[community.id]
        actors = Actors(
            (worker.id, worker.role),
            (supervisor.id, supervisor.role),
            (self.street_staff[0].id, Role.STREET_STAFF),
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
        self._snapshots(grid, actors, self.part_timers[community.id], buildings)
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
        terms = self.rows("search_term")
        terms += search_index.household_rows(draft.id, address, draft.phone)
        for resident_id, _, name, _, _, _, id_no, phone, *_ in draft.residents:
            terms += search_index.resident_rows(resident_id, draft.id, name, phone, id_no)
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
            [m.id for m in self.inspectors],
            self.photos,
        )
        self.say(f"market: {count} stalls")

    def _unsent_work(self) -> list[tuple[str, Mapping[str, Any]]]:
        """Yesterday afternoon's visits and one ticket, not yet synced: inserted through
        ``Tx.insert`` so the outbox holds them and the sync indicator has work to show."""
        r, iso = self.rng.random, self.clock.iso
        grid = self.communities[0].grids[0]
        worker = self.workers[grid.id]
        homes = self.first_homes
        records: list[tuple[str, Mapping[str, Any]]] = []
        for n in range(3):
            at = self.clock.at(1, 14.5 + n * 0.6 + r() * 0.3)
            visit = Visit.create(
                id=self.ids.at(at),
                household_id=homes[int(r() * len(homes))][0],
                user_id=worker.id,
                visited_at=_utc(at),
                visit_type=VisitType.ROUTINE,
                notes="家中无人，已电话联系",
                outcome=VisitOutcome.NOTHING_RAISED,
            )
            row = asdict(visit) | {"visited_at": iso(at), "created_at": iso(at + 300)}
            records.append(("visit", row))
        at = self.clock.at(1, 16.6)
        household_id, address = homes[0]
        ticket, first = Ticket.report(
            id=self.ids.at(at),
            transition_id=self.ids.at(at),
            grid_id=grid.id,
            category="物业管理",
            title="楼道灯损坏",
            description=f"{address}所在单元楼道灯不亮",
            reported_by=worker.id,
            at=_utc(at),
            household_id=household_id,
            location=address,
        )
        records.append(("ticket", asdict(ticket) | {"reported_at": iso(at), "updated_at": iso(at)}))
        records.append(("ticket_transition", asdict(first) | {"at": iso(at)}))
        return records


def _utc(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)
