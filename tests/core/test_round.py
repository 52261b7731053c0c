"""The round over the store: check-in/out and who is due today."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from gridterm.errors import ValidationError
from gridterm.services.register import Register
from gridterm.services.rounds import Rounds
from gridterm.services.schedule import due_visits
from gridterm.services.visits import Visits
from tests.conftest import NOW


def test_check_in_then_out(territory) -> None:
    rounds = Rounds(territory.session())
    assert rounds.last_check() is None
    with pytest.raises(ValidationError):
        rounds.check("out")
    rounds.check("in")
    assert rounds.last_check().kind == "in"
    rounds.check("out")
    day = rounds.on_day(NOW - timedelta(hours=12), NOW + timedelta(hours=12))
    assert [c.kind for c in day] == ["in", "out"]


def test_due_visits_lists_key_households_of_my_grids_in_round_order(territory) -> None:
    alone = territory.household(room="501", key_reasons=json.dumps(["elderly_alone"]))
    poor = territory.household(room="502", key_reasons=json.dumps(["low_income"]))
    territory.household(room="503")  # not key
    territory.household(room="504", key_reasons=json.dumps(["elderly_alone"]), vacant=1)
    territory.household(grid="g2", room="501", key_reasons=json.dumps(["disabled"]))
    session = territory.session()
    Visits(session).record(
        household_id=alone,
        visited_at=NOW - timedelta(days=9),
        visit_type="key_group_care",
        outcome="nothing_raised",
    )
    Visits(session).record(
        household_id=poor,
        visited_at=NOW - timedelta(days=3),
        visit_type="routine",
        outcome="nothing_raised",
    )
    due = due_visits(session, NOW.date())
    assert [(d.household_id, d.state, d.days_overdue) for d in due] == [(alone, "overdue", 2)]
    Register(session).edit_household(poor, key_reasons=["elderly_alone", "low_income"])
    assert [d.household_id for d in due_visits(session, NOW.date() + timedelta(days=5))] == [
        alone,
        poor,
    ]


def test_register_tiles_show_the_symbols(territory) -> None:
    hid = territory.household(room="601", party_member=1, rental=1)
    territory.household(room="101", vacant=1)
    session = territory.session()
    Register(session).add_resident(hid, name="李四", gender="male", relation="head")
    tiles = Register(session).building_floors("b-g1")
    assert [(t.floor, t.room) for t in tiles] == [(6, "601"), (1, "101")]
    top = tiles[0]
    assert (top.party_member, top.rental, top.vacant, top.residents) == (True, True, False, 1)
    ops = territory.store.query("SELECT entity, op FROM outbox")
    assert ops == [{"entity": "resident", "op": "create"}]
