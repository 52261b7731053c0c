"""Fixtures several core test files use: a market with stalls, a hazard found there, a day
of work."""

from __future__ import annotations

from datetime import timedelta

import pytest

from gridterm.domain.rounds import Location
from gridterm.services.hazards import Hazards
from gridterm.services.inspections import Inspections
from gridterm.services.rounds import Rounds
from gridterm.services.tickets import Tickets
from gridterm.store.tx import Tx
from tests.conftest import NOW
from tests.core.helpers import (
    ITEMS_V1,
    _visit,
    add_template,
    run,
    sha,
)


@pytest.fixture
def market(territory):
    """Territory with checklist v1 and two stalls in the special grid m1, one in g1."""
    add_template(territory, 1, ITEMS_V1)

    def write(tx: Tx) -> None:
        for pid, grid, name, number in (
            ("p-1", "m1", "鑫源五金", "101"),
            ("p-2", "m1", "宏达电料", "102"),
            ("p-g1", "g1", "小区便利店", "1"),
        ):
            tx.insert(
                "premises",
                {
                    "id": pid,
                    "grid_id": grid,
                    "name": name,
                    "operator": "王老板",
                    "licence_no": f"LIC{number}",
                    "building": "A",
                    "floor": "1",
                    "row": "3",
                    "number": number,
                },
                outbox=False,
            )

    territory.store.write(write)
    return territory


@pytest.fixture
def found(market):
    service = Inspections(market.session("i1"))
    (hazard,) = service.complete(run(service), signature=sha("signature"))
    return market, Hazards(service.session), hazard


@pytest.fixture
def worked(territory):
    """A day of work in community c1: visits, an urgent ticket answered in 5 minutes, a
    check-in with a position, and a visit in the other community that must not count."""
    key = territory.household(key_reasons='["elderly_alone"]')
    plain = territory.household(room="502")
    other = territory.household(grid="g3")
    w1 = territory.session("w1", NOW - timedelta(hours=3))
    Rounds(w1).check("in", Location(30.5, 114.3, 8.0))
    _visit(w1, key, NOW - timedelta(hours=2), visit_type="key_group_care")
    _visit(
        w1,
        plain,
        NOW - timedelta(hours=1),
        outcome="settled",
        concerns=[{"kind": "need", "text": "楼道灯坏", "category": "物业管理"}],
    )
    ticket = Tickets(territory.session("w1", NOW - timedelta(minutes=30))).open(
        grid_id="g1", category="物业管理", title="电梯困人", urgent=True
    )
    Tickets(territory.session("w1", NOW - timedelta(minutes=25))).act(ticket.id, "accept")
    _visit(territory.session("w2"), territory.household(grid="g2", room="601"), NOW)
    territory.store.write(
        lambda tx: tx.execute(
            "INSERT INTO user_grid VALUES ('user-w1', 'g3')",
        )
    )
    _visit(territory.session("w1"), other, NOW - timedelta(minutes=5))
    return territory
