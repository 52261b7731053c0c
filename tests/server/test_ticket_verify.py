"""The server replays ticket steps through the core: a verification (销号 on site) without a
photo is rejected with the reason, changes nothing, and the one with a photo applies."""

from __future__ import annotations

from sqlalchemy import func, select

from gridterm.ids import new_id
from sync.server.db import schema
from tests.server.helpers import op, ticket_fields
from tests.server.ticket_steps import PHOTO, handled_by_worker, step_later, ticket_row, ticket_step


def _verifications(server, tid):
    tt = schema.ticket_transition
    with server.engine.connect() as conn:
        return conn.execute(
            select(func.count()).where(tt.c.ticket_id == tid, tt.c.action == "verify")
        ).scalar()


def test_a_verification_without_photo_is_rejected_with_the_reason(server, district):
    worker, uid, tid = handled_by_worker(
        district,
        step_later("verify", 5),  # no photo
        step_later("verify", 6, photo="not-a-photo"),
    )
    results = worker.results
    assert [x["status"] for x in results[:4]] == ["applied"] * 4
    assert (results[4]["status"], results[4]["reason"], results[4]["field"]) == (
        "rejected",
        "ticket.verify_needs_photo",
        "photo",
    )
    assert (results[5]["status"], results[5]["reason"]) == ("rejected", "field.bad_sha256")
    before = ticket_row(server, tid)
    assert before.status == "handled" and _verifications(server, tid) == 0

    ok = worker.push([ticket_step(tid, "verify", uid, 7, photo=PHOTO)]).json()["results"][0]
    assert ok["status"] == "applied"
    after = ticket_row(server, tid)
    assert (after.status, after.version) == ("verified", before.version + 1)
    assert _verifications(server, tid) == 1


def test_the_reporter_verifying_is_refused_when_the_street_office_says_so(
    server, district, monkeypatch
):
    from sync.server.push.handlers import tickets as handler

    monkeypatch.setattr(handler, "another_must_verify", lambda work, grid_id: True)
    worker, _, tid = handled_by_worker(district, step_later("verify", 5, photo=PHOTO))
    last = worker.results[-1]
    assert (last["status"], last["reason"]) == ("rejected", "verify.same_person")
    assert ticket_row(server, tid).status == "handled" and _verifications(server, tid) == 0


def test_street_staff_record_a_departments_report_in_on_its_behalf(server, district):
    # 吹哨 by the grid worker, 报到 recorded by street staff (the department has no account)
    worker, uid, tid = handled_by_worker(district)  # reported, accepted, handled…
    staff = district.client("street_staff")
    sid = district.user_id("street_staff")
    t2 = new_id()
    worker.push(
        [
            op("ticket", t2, ticket_fields(district.grids["g1"], uid), seq=10),
            ticket_step(t2, "report", uid, 11),
            ticket_step(t2, "accept", uid, 12),
            ticket_step(t2, "dispatch", uid, 13, department="城管"),
        ]
    )
    early = staff.push([ticket_step(tid, "report_in", sid, 1)]).json()["results"][0]
    assert (early["status"], early["reason"]) == ("rejected", "ticket.transition_not_allowed")
    ok = staff.push([ticket_step(t2, "report_in", sid, 2, note="已到场")]).json()["results"][0]
    assert ok["status"] == "applied"
    tt = schema.ticket_transition
    with server.engine.connect() as conn:
        row = conn.execute(
            select(tt.c.by_user, tt.c.department, tt.c.to_status).where(
                tt.c.ticket_id == t2, tt.c.action == "report_in"
            )
        ).one()
    assert tuple(row) == (sid, "城管", "dispatched")
    assert ticket_row(server, t2).status == "dispatched"
