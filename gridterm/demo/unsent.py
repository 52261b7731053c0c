"""The demo's unsynced work: yesterday afternoon's visits and one ticket, left for the outbox
so the sync indicator and the Sync screen have something to show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import UTC, datetime
from random import Random
from typing import Any

from gridterm.demo.clock import DemoClock
from gridterm.demo.seeded_ids import SeededIds
from gridterm.domain.tickets import Ticket
from gridterm.domain.visits import Visit, VisitOutcome, VisitType


def unsent_work(
    rng: Random,
    ids: SeededIds,
    clock: DemoClock,
    grid_id: str,
    worker_id: str,
    homes: list[tuple[str, str]],
) -> list[tuple[str, Mapping[str, Any]]]:
    """Three visits to ``homes`` (id, address) of the grid and a ticket, by its worker, as
    (entity, row) to insert through ``Tx.insert`` so that the outbox holds them."""
    r, iso = rng.random, clock.iso
    records: list[tuple[str, Mapping[str, Any]]] = []
    for n in range(3):
        at = clock.at(1, 14.5 + n * 0.6 + r() * 0.3)
        visit = Visit.create(
            id=ids.at(at),
            household_id=homes[int(r() * len(homes))][0],
            user_id=worker_id,
            visited_at=_utc(at),
            visit_type=VisitType.ROUTINE,
            notes="家中无人，已电话联系",
            outcome=VisitOutcome.NOTHING_RAISED,
        )
        row = asdict(visit) | {"visited_at": iso(at), "created_at": iso(at + 300)}
        records.append(("visit", row))
    at = clock.at(1, 16.6)
    household_id, address = homes[0]
    ticket, first = Ticket.report(
        id=ids.at(at),
        transition_id=ids.at(at),
        grid_id=grid_id,
        category="物业管理",
        title="楼道灯损坏",
        description=f"{address}所在单元楼道灯不亮",
        reported_by=worker_id,
        at=_utc(at),
        household_id=household_id,
        location=address,
    )
    records.append(("ticket", asdict(ticket) | {"reported_at": iso(at), "updated_at": iso(at)}))
    records.append(("ticket_transition", asdict(first) | {"at": iso(at)}))
    return records


def _utc(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)
