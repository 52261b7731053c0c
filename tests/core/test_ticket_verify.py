"""销号 needs on-site evidence: the core refuses a ticket verification without a photo, with a
typed error, so the terminal, the server and the demo all obey it."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from gridterm.demo.generator import build_demo
from gridterm.domain.tickets import TicketStatus
from gridterm.domain.users import Role
from gridterm.errors import PermissionDeniedError, ValidationError
from gridterm.services.tickets import Tickets
from gridterm.store import Store
from gridterm.store.keys import FAST_KDF
from tests.conftest import NOW
from tests.core.helpers import (
    A,
    new_ticket,
    step,
)

PHOTO = hashlib.sha256(b"on site").hexdigest()


def handled():
    return step(step(new_ticket(), A.ACCEPT), A.MARK_HANDLED)


@pytest.mark.parametrize("photo", [None, ""])
def test_verify_without_a_photo_is_refused(photo) -> None:
    with pytest.raises(ValidationError) as err:
        step(handled(), A.VERIFY, photo=photo)
    assert (err.value.code, err.value.field) == ("ticket.verify_needs_photo", "photo")


def test_verify_with_a_damaged_photo_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        step(handled(), A.VERIFY, photo="not-a-digest")
    assert err.value.code == "field.bad_sha256"


def test_verify_keeps_the_photo_in_the_history() -> None:
    new, history = handled().apply(
        A.VERIFY, transition_id="v", by_user="u", role=Role.GRID_WORKER, at=NOW, photo=PHOTO
    )
    assert new.status is TicketStatus.VERIFIED and history.photo == PHOTO


def test_the_service_writes_nothing_for_a_verify_without_photo(territory) -> None:
    tickets = Tickets(territory.session())
    ticket = tickets.open(grid_id="g1", category="物业管理", title="漏水")
    tickets.act(ticket.id, A.ACCEPT)
    tickets.act(ticket.id, A.MARK_HANDLED)
    before = territory.store.query("SELECT count(*) AS n FROM outbox")
    with pytest.raises(ValidationError):
        tickets.act(ticket.id, A.VERIFY)
    assert territory.store.query("SELECT count(*) AS n FROM outbox") == before
    assert tickets.get(ticket.id).status is TicketStatus.HANDLED
    assert tickets.act(ticket.id, A.VERIFY, photo=PHOTO).status is TicketStatus.VERIFIED


def test_the_demo_verifies_with_a_photo(tmp_path) -> None:
    demo = build_demo(tmp_path / "demo.db", 120, seed=3, kdf=FAST_KDF, today=date(2026, 11, 20))
    first = demo.users[0]
    with Store.unlock(demo.path, first.worker_id, first.pin) as db:
        rows = db.query("SELECT photo FROM ticket_transition WHERE action = 'verify'")
        shas = {r["sha256"] for r in db.query("SELECT sha256 FROM attachment")}
    assert rows and all(r["photo"] for r in rows)
    assert {r["photo"] for r in rows} <= shas  # a photo the demo's blob store holds


def test_the_reporter_may_not_verify_when_the_street_office_says_so() -> None:
    ticket = handled()  # reported by new_ticket()'s reporter
    kwargs = dict(transition_id="v", role=Role.GRID_WORKER, at=NOW, photo=PHOTO)
    with pytest.raises(PermissionDeniedError) as err:
        ticket.apply(A.VERIFY, by_user=ticket.reported_by, another_verifies=True, **kwargs)
    assert err.value.code == "verify.same_person"
    # another person may, and with the setting off so may the reporter
    assert ticket.apply(A.VERIFY, by_user="someone-else", another_verifies=True, **kwargs)
    assert ticket.apply(A.VERIFY, by_user=ticket.reported_by, **kwargs)


def test_the_service_asks_the_street_office_setting(territory, monkeypatch) -> None:
    from gridterm.services import tickets as tickets_module

    asked = []

    def rule(r, grid_id):
        asked.append(grid_id)
        return True

    monkeypatch.setattr(tickets_module, "another_must_verify", rule)
    tickets = Tickets(territory.session())
    ticket = tickets.open(grid_id="g1", category="物业管理", title="漏水")
    tickets.act(ticket.id, A.ACCEPT)
    tickets.act(ticket.id, A.MARK_HANDLED)
    with pytest.raises(PermissionDeniedError) as err:
        tickets.act(ticket.id, A.VERIFY, photo=PHOTO)
    assert err.value.code == "verify.same_person" and "g1" in asked
    assert tickets.get(ticket.id).status is TicketStatus.HANDLED
