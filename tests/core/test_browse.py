"""Browsing the territory: only the user's grids, buildings with counts, a household's place."""

from __future__ import annotations

import pytest

from gridterm.errors import PermissionDeniedError
from gridterm.services.browse import (
    grid_buildings,
    household_place,
    household_tickets,
    my_grids,
    user_names,
)
from gridterm.services.tickets import Tickets


def test_a_worker_sees_only_their_grids(territory) -> None:
    assert [g.grid_id for g in my_grids(territory.session("w1"))] == ["g1"]
    supervisor = {g.grid_id for g in my_grids(territory.session("s1"))}
    assert supervisor == {"g1", "g2", "m1"}


def test_buildings_count_households_and_key_households(territory) -> None:
    territory.household(key_reasons='["low_income"]')
    territory.household(room="502")
    [building] = grid_buildings(territory.session(), "g1")
    assert (building.number, building.households, building.key_households) == ("3", 2, 1)
    with pytest.raises(PermissionDeniedError):
        grid_buildings(territory.session(), "g2")


def test_household_place_and_open_tickets(territory) -> None:
    hid = territory.household()
    session = territory.session()
    place = household_place(session, hid)
    assert (place.building_number, place.unit, place.grid_name) == ("3", "2", "第一网格")
    ticket = Tickets(session).open(
        grid_id="g1", category="物业管理", title="漏水", household_id=hid
    )
    assert [t.id for t in household_tickets(session, hid)] == [ticket.id]
    assert user_names(session, {"user-w1"}) == {"user-w1": "用户w1"}
