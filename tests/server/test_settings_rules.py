"""The server applies a street office's published settings on push: with verify-by-another
switched on, the reporter's own verification is refused (verify.same_person), another's
applies; another office's setting does not reach this one."""

from __future__ import annotations

from sync.server.admin import office_settings, territory
from sync.server.db.engine import writing
from tests.server.ticket_steps import PHOTO, handled_by_worker, step_later, ticket_row


def _switch_on(engine, office_name: str) -> None:
    with writing(engine) as conn:
        office = territory.find_street_office(conn, office_name)
        office_settings.publish(conn, office, {"verify_by_other": True})


def test_the_reporter_cannot_verify_once_the_office_says_so(server, district):
    _switch_on(server.engine, f"街道{district.tag}")
    worker, _, tid = handled_by_worker(district, step_later("verify", 5, photo=PHOTO))
    last = worker.results[-1]
    assert (last["status"], last["reason"]) == ("rejected", "verify.same_person")
    assert ticket_row(server, tid).status == "handled"


def test_another_offices_setting_does_not_apply_here(server, district):
    with writing(server.engine) as conn:
        territory.street_office(conn, f"别处{district.tag}")
    _switch_on(server.engine, f"别处{district.tag}")
    worker, _, tid = handled_by_worker(district, step_later("verify", 5, photo=PHOTO))
    assert worker.results[-1]["status"] == "applied"
    assert ticket_row(server, tid).status == "verified"
