"""A hazard's history and its linked ticket across two terminals and the real server: each
terminal shows the other's steps (who, note, photos); a ticket handled on one terminal moves
the hazard on to re-inspection everywhere, and closing the hazard on the other settles the
ticket, all as ordinary synced steps."""

from __future__ import annotations

from gridterm.domain.hazards import HazardAction, HazardStatus
from gridterm.domain.tickets import TicketAction, TicketStatus
from gridterm.services.hazards import Hazards
from gridterm.services.inspections import Inspections
from gridterm.services.tickets import Tickets
from tests.sync.helpers import server_rows
from tests.sync.market import assert_inspections_once, escalate_wiring, photo


def test_linked_ticket_and_hazard_move_together_across_terminals(server, market, new_terminal):
    a = new_terminal(market, "i1", server.url, name="a")
    wiring, shots, ticket_id = escalate_wiring(a, market, department="市场监管")
    on_a = Hazards(a.session())
    assert a.sync().ok

    # B (another inspector, for the department) marks the ticket handled: the hazard
    # moves on to re-inspection in the same transaction, and both reach the server
    b = new_terminal(market, "i2", server.url, name="b")
    proof = photo(b.session())
    Tickets(b.session()).act(ticket_id, TicketAction.MARK_HANDLED, note="已更换线路",
                             photo=proof)  # fmt: skip
    assert Hazards(b.session()).hazard(wiring).status is HazardStatus.RECTIFIED
    assert b.sync().ok
    (row,) = server_rows(server, "hazard", id=wiring)
    assert row["status"] == "rectified"

    # A pulls: B's step shows in A's history, with who, the department and the photo
    assert a.sync().ok
    steps = on_a.history(wiring)
    handled = steps[-1]
    assert (handled.action, handled.by_user, handled.party, handled.photos) == (
        HazardAction.TICKET_HANDLED, market.user_ids["i2"], "市场监管", (proof,),
    )  # fmt: skip
    assert steps[0].action is HazardAction.FOUND and steps[0].photos == (shots["wiring"],)
    assert on_a.hazard(wiring).status is HazardStatus.RECTIFIED

    # A re-inspects and closes: the ticket is settled (handled → verified → closed)
    on_a.reinspect(wiring, passed=True, photos=(photo(a.session()),))
    closing = photo(a.session())
    on_a.verify_close(wiring, photos=(closing,))
    assert Tickets(a.session()).get(ticket_id).status is TicketStatus.CLOSED
    assert a.sync().ok
    assert_inspections_once(server, a)
    (ticket,) = server_rows(server, "ticket", id=ticket_id)
    assert ticket["status"] == "closed"
    verify = server_rows(server, "ticket_transition", ticket_id=ticket_id, action="verify")
    assert [v["photo"] for v in verify] == [closing]

    # B pulls both: the closed ticket and every step of the hazard, A's included
    assert b.sync().ok
    assert Tickets(b.session()).get(ticket_id).status is TicketStatus.CLOSED
    on_b = Inspections(b.session())
    hazards_b = Hazards(on_b.session)
    assert [s.id for s in hazards_b.history(wiring)] == [s.id for s in on_a.history(wiring)]
    assert [(s.action.value, s.by_user) for s in hazards_b.history(wiring)][-2:] == [
        ("reinspect_pass", market.user_ids["i1"]),
        ("verify_close", market.user_ids["i1"]),
    ]
    server_steps = server_rows(server, "hazard_step", hazard_id=wiring)
    assert len(server_steps) == len(hazards_b.history(wiring))
