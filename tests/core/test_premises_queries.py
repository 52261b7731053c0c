"""What the market screens read: markets with counts, a stall's status, history and hazards."""

from __future__ import annotations

from datetime import timedelta

import pytest

from gridterm.errors import NotFoundError, PermissionDeniedError
from gridterm.services.hazards import Hazards
from gridterm.services.inspections import Inspections
from gridterm.services.premises import MarketSummary, PremisesRegister
from tests.conftest import NOW
from tests.core.helpers import (
    close,
    run,
)


def test_markets_count_open_rectifying_and_overdue_hazards(market) -> None:
    service = Inspections(market.session("i1"))
    hazards = Hazards(service.session)
    _exits, wiring = sorted(
        service.complete(run(service, fail=("wiring", "exits")), operator_absent="外出进货"),
        key=lambda h: h.item_code,
    )
    hazards.start_rectification(wiring.id)
    closed = service.complete(
        run(service, premises="p-2", fail=("ebike",)), operator_absent="外出进货"
    )[0]
    close(hazards, closed.id)
    later = PremisesRegister(market.session("i1", now=NOW + timedelta(days=2)))
    assert later.markets() == [MarketSummary("m1", "机电五金城", "桃园社区", 2, 1, 1, 1)]
    stalls = {s.premises.id: s for s in later.market("m1")}
    assert (stalls["p-1"].open_hazards, stalls["p-1"].rectifying) == (2, 1)
    assert (stalls["p-2"].open_hazards, stalls["p-2"].rectifying) == (0, 0)
    # A grid worker's area holds no market; a street office sees every market.
    assert PremisesRegister(market.session("w1")).markets() == []
    assert [m.grid_id for m in PremisesRegister(market.session("st1")).markets()] == ["m1"]


def test_a_stalls_inspections_newest_first_and_its_open_hazards(market) -> None:
    service = Inspections(market.session("i1"))
    first = run(service, fail=("wiring", "exits"))
    service.complete(first, operator_absent="外出进货")
    second = Inspections(market.session("i1", now=NOW + timedelta(hours=1))).start("p-1", "shop")
    reg = PremisesRegister(market.session("i1", now=NOW + timedelta(days=2)))
    lines = reg.inspections("p-1")
    assert [(x.inspection.id, x.inspector_name, x.hazards_found) for x in lines] == [
        (second.id, "用户i1", 0),
        (first, "用户i1", 2),
    ]
    hazards = reg.open_hazards("p-1")
    assert [(h.hazard.item_code, h.overdue) for h in hazards] == [
        ("exits", True),
        ("wiring", False),
    ]
    assert reg.open_hazards("p-2") == [] and reg.inspections("p-2") == []


def test_stalls_outside_my_area_are_not_read(market) -> None:
    reg = PremisesRegister(market.session("i1"))
    with pytest.raises(PermissionDeniedError):
        reg.inspections("p-g1")
    with pytest.raises(PermissionDeniedError):
        reg.open_hazards("p-g1")
    with pytest.raises(NotFoundError):
        reg.open_hazards("nope")


def test_several_premises_by_id_only_from_my_area(market) -> None:
    reg = PremisesRegister(market.session("i1"))
    found = reg.several(["p-1", "p-2", "p-g1", "nope"])
    assert {k: v.name for k, v in found.items()} == {"p-1": "鑫源五金", "p-2": "宏达电料"}
    assert reg.several([]) == {}
