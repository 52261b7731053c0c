"""Recording visits: validation, same-transaction outbox, tickets from visits, revisions."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from gridterm.domain.visits import VisitOutcome
from gridterm.errors import FieldErrors, PermissionDeniedError, ValidationError
from gridterm.services.tickets import Tickets
from gridterm.services.visits import Visits
from tests.conftest import NOW

CONCERN = {"kind": "complaint", "text": "楼道灯坏了三天", "category": "物业"}


def count(store, table: str) -> int:
    return store.query(f"SELECT count(*) n FROM {table}")[0]["n"]


def test_a_visit_and_its_outbox_row_are_written_together(territory) -> None:
    hid = territory.household()
    visit = Visits(territory.session()).record(
        household_id=hid,
        visited_at=NOW,
        visit_type="routine",
        met=["王秀英"],
        outcome="nothing_raised",
    )
    ops = territory.store.query("SELECT * FROM outbox WHERE entity = 'visit'")
    assert len(ops) == 1
    assert ops[0]["entity_id"] == visit.id and ops[0]["state"] == "pending"
    assert json.loads(ops[0]["fields"])["met"] == json.dumps(["王秀英"], ensure_ascii=False)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        (
            {"visit_type": "chat", "outcome": "settled", "concerns": [CONCERN]},
            "field.invalid_choice",
        ),
        ({"visit_type": "routine", "outcome": "settled"}, "visit.outcome_needs_concern"),
        (
            {"visit_type": "routine", "outcome": "nothing_raised", "concerns": [CONCERN]},
            "visit.concerns_but_nothing_raised",
        ),
        (
            {"visit_type": "routine", "outcome": "settled", "concerns": [{"kind": "need"}]},
            "field.required",
        ),
        (
            {"visit_type": "routine", "outcome": "nothing_raised", "visited_at": "yesterday"},
            "field.bad_time",
        ),
        (
            {"visit_type": "routine", "outcome": "nothing_raised", "photos": ["not-a-hash"]},
            "field.bad_sha256",
        ),
    ],
)
def test_bad_visits_raise_a_coded_error_and_change_nothing(territory, fields, code) -> None:
    hid = territory.household()
    fields = {"visited_at": NOW, **fields}
    with pytest.raises(ValidationError) as err:
        Visits(territory.session()).record(household_id=hid, **fields)
    assert err.value.code == code
    assert count(territory.store, "visit") == 0
    assert count(territory.store, "outbox") == 0


def test_outcome_ticket_opens_a_prefilled_ticket_in_the_same_transaction(territory) -> None:
    hid = territory.household()
    session = territory.session()
    visit = Visits(session).record(
        household_id=hid,
        visited_at=NOW,
        visit_type="safety_check",
        concerns=[CONCERN],
        outcome="ticket",
        ticket={"urgent": True},
    )
    ticket = Tickets(session).get(visit.ticket_id)
    assert (ticket.title, ticket.category, ticket.urgent) == ("楼道灯坏了三天", "物业", True)
    assert (ticket.household_id, ticket.visit_id) == (hid, visit.id)


def test_failing_ticket_rolls_back_the_visit(territory) -> None:
    hid = territory.household()
    with pytest.raises(ValidationError):
        Visits(territory.session()).record(
            household_id=hid,
            visited_at=NOW,
            visit_type="routine",
            concerns=[CONCERN],
            outcome="ticket",
            ticket={"title": "x" * 500},
        )
    assert count(territory.store, "visit") == count(territory.store, "ticket") == 0
    assert count(territory.store, "outbox") == 0


def test_a_correction_is_a_new_revision_and_the_original_stays(territory) -> None:
    hid = territory.household()
    visits = Visits(territory.session())
    first = visits.record(
        household_id=hid, visited_at=NOW, visit_type="routine", concerns=[CONCERN], outcome="ticket"
    )
    fixed = visits.revise(first.id, notes="补充：已联系物业")
    assert fixed.revision_of == first.id and fixed.id != first.id
    assert fixed.ticket_id == first.ticket_id  # no second ticket
    assert count(territory.store, "ticket") == 1
    assert visits.get(first.id).notes == ""  # never edited in place
    assert [v.id for v in visits.history(hid)] == [fixed.id]
    with pytest.raises(ValidationError) as err:
        visits.revise(first.id, notes="again")
    assert err.value.code == "visit.already_revised"
    ops = territory.store.query("SELECT op FROM outbox WHERE entity = 'visit'")
    assert [o["op"] for o in ops] == ["create", "create"]


def test_a_worker_cannot_visit_outside_their_grids(territory) -> None:
    hid = territory.household(grid="g2")
    with pytest.raises(PermissionDeniedError):
        Visits(territory.session("w1")).record(
            household_id=hid, visited_at=NOW, visit_type="routine", outcome="nothing_raised"
        )
    assert count(territory.store, "outbox") == 0


def test_history_is_newest_first(territory) -> None:
    hid = territory.household()
    visits = Visits(territory.session())
    for days in (3, 1, 2):
        visits.record(
            household_id=hid,
            visited_at=NOW - timedelta(days=days),
            visit_type="routine",
            outcome=VisitOutcome.NOTHING_RAISED,
        )
    got = [v.visited_at for v in visits.history(hid)]
    assert got == sorted(got, reverse=True)


def test_a_visit_reports_all_its_bad_fields_at_once_and_changes_nothing(territory) -> None:
    hid = territory.household()
    with pytest.raises(FieldErrors) as err:
        Visits(territory.session()).record(
            household_id=hid, visited_at=NOW, visit_type=None, outcome=None, notes="x" * 4001
        )
    assert sorted((e.field, e.code) for e in err.value.errors) == [
        ("notes", "field.too_long"),
        ("outcome", "field.invalid_choice"),
        ("visit_type", "field.invalid_choice"),
    ]
    assert count(territory.store, "visit") == 0
