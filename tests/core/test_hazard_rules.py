"""The hazard's closed loop refuses steps without their proof, each with its code, and writes
nothing then; linked records (a hazard and the ticket it was escalated to) move together."""

from __future__ import annotations

import pytest

from gridterm.domain.hazards import HazardStatus
from gridterm.domain.tickets import TicketAction, TicketStatus
from gridterm.errors import PermissionDeniedError, TransitionError, ValidationError
from gridterm.services import hazard_loop
from gridterm.services.hazards import Hazards
from gridterm.services.tickets import Tickets
from tests.core.helpers import (
    outbox,
    sha,
)


def refused(market, call, error, code) -> None:
    before = outbox(market)
    with pytest.raises(error) as err:
        call()
    assert err.value.code == code
    assert outbox(market) == before


def test_a_pass_before_any_rectification_is_refused(found) -> None:
    place, service, hazard = found
    refused(place, lambda: service.reinspect(hazard.id, passed=True, photos=(sha("a"),)),
            TransitionError, "hazard.not_rectified")  # fmt: skip
    service.start_rectification(hazard.id)
    refused(place, lambda: service.reinspect(hazard.id, passed=True, photos=(sha("a"),)),
            TransitionError, "hazard.not_rectified")  # fmt: skip
    assert service.hazard(hazard.id).status is HazardStatus.RECTIFYING


def test_each_proof_step_needs_its_photo(found) -> None:
    place, service, hazard = found
    refused(place, lambda: service.rectify(hazard.id, photos=()), ValidationError,
            "hazard.rectify_needs_photo")  # fmt: skip
    service.rectify(hazard.id, photos=(sha("fixed"),))
    refused(place, lambda: service.reinspect(hazard.id, passed=True), ValidationError,
            "hazard.reinspect_needs_photo")  # fmt: skip
    service.reinspect(hazard.id, passed=True, photos=(sha("after"),))
    refused(place, lambda: service.verify_close(hazard.id), ValidationError,
            "hazard.close_needs_photo")  # fmt: skip
    assert service.hazard(hazard.id).status is HazardStatus.REINSPECTED
    closed = service.verify_close(hazard.id, photos=(sha("closing"),))
    assert closed.status is HazardStatus.CLOSED


def test_a_rectification_names_who_did_it(found) -> None:
    _, service, hazard = found
    service.rectify(hazard.id, photos=(sha("fixed"),), party="区市场监管所")
    service.reinspect(hazard.id, passed=False, note="插座仍松动")
    service.rectify(hazard.id, photos=(sha("fixed2"),))  # on the responsible party's behalf
    parties = [s.party for s in service.history(hazard.id) if s.action.value == "rectify"]
    assert parties == ["区市场监管所", hazard.responsible]


def test_the_finder_may_not_sign_off_when_the_street_office_says_so(found, monkeypatch) -> None:
    place, service, hazard = found
    monkeypatch.setattr(hazard_loop, "another_must_verify", lambda r, grid_id: True)
    service.rectify(hazard.id, photos=(sha("fixed"),))
    refused(place, lambda: service.reinspect(hazard.id, passed=True, photos=(sha("a"),)),
            PermissionDeniedError, "verify.same_person")  # fmt: skip


def test_a_grid_worker_outside_the_market_cannot_take_a_step(found) -> None:
    place, _, hazard = found
    other = Hazards(place.session("p1"))  # a part-time worker may not inspect
    refused(place, lambda: other.start_rectification(hazard.id), PermissionDeniedError,
            "grid.out_of_scope")  # fmt: skip


def test_closing_the_hazard_settles_its_ticket_in_one_transaction(found) -> None:
    place, service, hazard = found
    service.start_rectification(hazard.id)
    service.reinspect(hazard.id, passed=False, note="仍在串接")
    ticket_id = service.escalate(hazard.id, department="市场监管").ticket_id
    tickets = Tickets(place.session("i1"))
    assert tickets.get(ticket_id).status is TicketStatus.DISPATCHED
    service.rectify(hazard.id, photos=(sha("fixed"),))
    service.reinspect(hazard.id, passed=True, photos=(sha("after"),))
    before = outbox(place)
    service.verify_close(hazard.id, photos=(sha("closing"),))
    ticket = tickets.get(ticket_id)
    assert ticket.status is TicketStatus.CLOSED
    steps = tickets.history(ticket_id)
    assert [s.action.value for s in steps][-3:] == ["mark_handled", "verify", "close"]
    assert steps[-2].photo == sha("closing")  # the closing photo is the on-site evidence
    # the hazard's step and the three ticket steps: ordinary synced records, nothing else
    entities = place.store.query(
        "SELECT entity FROM outbox WHERE seq > (SELECT max(seq) - ? FROM outbox) ORDER BY seq",
        (outbox(place) - before,),
    )
    assert [e["entity"] for e in entities] == ["hazard_step", *["ticket_transition"] * 3]


def test_a_refused_closing_leaves_hazard_and_ticket_as_they_were(found, monkeypatch) -> None:
    place, service, hazard = found
    service.start_rectification(hazard.id)
    service.reinspect(hazard.id, passed=False, note="仍在串接")
    ticket_id = service.escalate(hazard.id, department="市场监管").ticket_id
    service.rectify(hazard.id, photos=(sha("fixed"),))
    service.reinspect(hazard.id, passed=True, photos=(sha("after"),))
    from gridterm.services import tickets as tickets_module

    # the ticket refuses its verification (the escalating inspector reported it)
    monkeypatch.setattr(tickets_module, "another_must_verify", lambda r, grid_id: True)
    refused(place, lambda: service.verify_close(hazard.id, photos=(sha("closing"),)),
            PermissionDeniedError, "verify.same_person")  # fmt: skip
    assert service.hazard(hazard.id).status is HazardStatus.REINSPECTED
    assert Tickets(place.session("i1")).get(ticket_id).status is TicketStatus.DISPATCHED


def test_a_ticket_marked_handled_moves_its_hazard_on_to_re_inspection(found) -> None:
    place, service, hazard = found
    service.start_rectification(hazard.id)
    service.reinspect(hazard.id, passed=False, note="仍在串接")
    ticket_id = service.escalate(hazard.id, department="市场监管").ticket_id
    staff = Tickets(place.session("s1"))  # for the department, which has no account
    staff.act(ticket_id, TicketAction.MARK_HANDLED, note="已更换线路", photo=sha("dept"))
    moved = service.hazard(hazard.id)
    assert moved.status is HazardStatus.RECTIFIED
    last = service.history(hazard.id)[-1]
    assert (last.action.value, last.party, last.by_user, last.photos) == (
        "ticket_handled", "市场监管", "user-s1", (sha("dept"),),
    )  # fmt: skip
    # and the re-inspection follows as for any rectification
    assert service.reinspect(hazard.id, passed=True, photos=(sha("a"),)).status is (
        HazardStatus.REINSPECTED
    )
