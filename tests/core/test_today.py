"""The day at a glance: due key households with addresses, and today's counts."""

from __future__ import annotations

from datetime import timedelta

from gridterm.domain.office_time import office_day, office_day_bounds
from gridterm.domain.visit_schedule import DueState
from gridterm.services.rounds import Rounds
from gridterm.services.tickets import Tickets
from gridterm.services.today import Today
from gridterm.services.visits import Visits
from tests.conftest import NOW


def test_due_households_carry_address_and_head(territory) -> None:
    hid = territory.household(key_reasons='["elderly_alone"]')
    territory.household(room="502")  # not a key household
    territory.store.write(
        lambda tx: tx.insert(
            "resident",
            {
                "id": "r1",
                "household_id": hid,
                "name": "王秀英",
                "gender": "female",
                "relation": "head",
            },
            outbox=False,
        )
    )
    due = Today(territory.session()).due(NOW.date())
    assert [(d.household_id, d.address, d.head_name) for d in due] == [(hid, "3-2-501", "王秀英")]
    assert due[0].state is DueState.OVERDUE and due[0].reasons[0].value == "elderly_alone"


def test_day_counts_count_my_visits_and_open_tickets(territory) -> None:
    key = territory.household(key_reasons='["disabled"]')
    plain = territory.household(room="502")
    session = territory.session()
    for hid in (key, plain):
        Visits(session).record(
            household_id=hid, visited_at=NOW, visit_type="routine", outcome="nothing_raised"
        )
    Tickets(session).open(grid_id="g1", category="物业管理", title="楼道灯坏", urgent=True)
    counts = Today(session).counts(NOW - timedelta(hours=1), NOW + timedelta(hours=1))
    assert (counts.visits, counts.key_visits) == (2, 1)
    assert (counts.tickets_reported, counts.tickets_open, counts.urgent_open) == (1, 1, 1)
    other = Today(territory.session("w2")).counts(NOW - timedelta(hours=1), NOW)
    assert (other.visits, other.tickets_open) == (0, 0)


def test_the_office_day_counts_and_checks_whatever_zone_its_bounds_are_in(territory) -> None:
    # The Today screen asks for the office's day (midnight +08:00); times are stored as UTC
    # text, so bounds compared as written (…+08:00) missed what was done that day.
    evening = NOW.replace(hour=17)  # 01:30 the next day in the office
    session = territory.session("w1", evening)
    Visits(session).record(
        household_id=territory.household(),
        visited_at=evening,
        visit_type="routine",
        outcome="nothing_raised",
    )
    Rounds(session).check("in")
    start, end = office_day_bounds(office_day(session.now()))
    assert Today(session).counts(start, end).visits == 1
    assert [c.kind for c in Rounds(session).on_day(start, end)] == ["in"]
