"""Browsing the territory: only the user's grids, buildings with counts, a household's place."""

from __future__ import annotations

import pytest

from gridterm.errors import PermissionDeniedError
from gridterm.services.browse import Browse
from gridterm.services.tickets import Tickets


def test_a_worker_sees_only_their_grids(territory) -> None:
    assert [g.grid_id for g in Browse(territory.session("w1")).grids()] == ["g1"]
    supervisor = {g.grid_id for g in Browse(territory.session("s1")).grids()}
    assert supervisor == {"g1", "g2", "m1"}


def test_buildings_count_households_and_key_households(territory) -> None:
    territory.household(key_reasons='["low_income"]')
    territory.household(room="502")
    [building] = Browse(territory.session()).buildings("g1")
    assert (building.number, building.households, building.key_households) == ("3", 2, 1)
    with pytest.raises(PermissionDeniedError):
        Browse(territory.session()).buildings("g2")


def test_household_place_and_open_tickets(territory) -> None:
    hid = territory.household()
    session = territory.session()
    browse = Browse(session)
    place = browse.household_place(hid)
    assert (place.building_number, place.unit, place.grid_name) == ("3", "2", "第一网格")
    ticket = Tickets(session).open(
        grid_id="g1", category="物业管理", title="漏水", household_id=hid
    )
    assert [t.ticket.id for t in browse.household_tickets(hid)] == [ticket.id]
    assert browse.user_names({"user-w1"}) == {"user-w1": "用户w1"}
    heading = browse.building(place.building_id)
    assert heading is not None and heading.number == "3"
    assert browse.building("no-such-building") is None
    assert browse.grid_ids() == ["g1"]
