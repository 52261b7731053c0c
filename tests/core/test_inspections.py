"""Premises, hazard inspections and the hazard closed loop (巡查上报 → 部门处置 → 网格核查)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from gridterm.domain.hazards import HazardStatus
from gridterm.domain.inspections import InspectionStatus, Severity
from gridterm.errors import (
    NotFoundError,
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from gridterm.services.hazards import Hazards, MonthFigures
from gridterm.services.inspections import Inspections
from gridterm.services.premises import PremisesRegister
from gridterm.services.tickets import Tickets
from gridterm.store.tx import Tx
from tests.conftest import NOW
from tests.core.helpers import (
    ITEMS_V2,
    add_template,
    close,
    outbox,
    run,
    sha,
)

# -- premises ---------------------------------------------------------------------------------


def test_premises_added_edited_searched_in_the_special_grid(market) -> None:
    reg = PremisesRegister(market.session("i1"))
    before = outbox(market)
    p = reg.add(grid_id="m1", name="永安汽配", operator="李四", number="205", floor="2")
    assert outbox(market) == before + 1
    edited = reg.edit(p.id, contact_phone="13800138000")
    assert edited.contact_phone == "13800138000"
    op = market.store.query("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")[0]
    assert (op["op"], json.loads(op["fields"])) == ("update", {"contact_phone": "13800138000"})
    assert [x.name for x in reg.search("李四")] == ["永安汽配"]
    assert [x.name for x in reg.search("LIC10")] == ["宏达电料", "鑫源五金"]
    assert reg.search("%") == []  # LIKE wildcards are literal
    assert [x.id for x in reg.search("便利店")] == []  # g1 is not the inspector's grid


def test_premises_outside_my_grids_or_in_a_residential_grid_are_refused(market) -> None:
    reg = PremisesRegister(market.session("i1"))
    before = outbox(market)
    with pytest.raises(PermissionDeniedError):
        reg.add(grid_id="g1", name="小卖部")
    with pytest.raises(PermissionDeniedError):
        reg.edit("p-g1", name="改名")
    with pytest.raises(ValidationError):
        PremisesRegister(market.session("w1")).add(grid_id="g1", name="小卖部")
    with pytest.raises(ValidationError):
        reg.add(grid_id="m1", name="")
    with pytest.raises(PermissionDeniedError):
        PremisesRegister(market.session("p1")).add(grid_id="m1", name="小卖部")
    assert outbox(market) == before


# -- inspections ------------------------------------------------------------------------------


def test_a_new_template_version_changes_no_past_or_running_inspection(market) -> None:
    service = Inspections(market.session("i1"))
    done = run(service)
    service.complete(done, signature=sha("signature"))
    running = service.start("p-2", "shop")
    add_template(market, 2, ITEMS_V2)
    assert service.get(done).template_version == 1
    assert service.get(running.id).template_version == 1
    assert [i.code for i in service.template_of(running.id).items] == ["wiring", "ebike", "exits"]
    with pytest.raises(ValidationError):  # not in the version it started with
        service.answer(running.id, "gas", "pass")
    for code in ("wiring", "ebike", "exits"):
        service.answer(running.id, code, "pass")
    # complete under v1 without the v2 item
    assert service.complete(running.id, signature=sha("signature")) == []
    assert service.start("p-2", "shop").template_version == 2
    assert [t.version for t in service.templates()] == [2]


def test_completion_needs_every_item_and_then_freezes_the_answers(market) -> None:
    service = Inspections(market.session("i1"))
    inspection = service.start("p-1", "shop")
    service.answer(inspection.id, "wiring", "fail", note="乱拉线")
    service.answer(inspection.id, "wiring", "pass")  # changed while in progress
    service.answer(inspection.id, "ebike", "na")
    assert [i.id for i in service.in_progress()] == [inspection.id]  # paused: resume later
    before = outbox(market)
    with pytest.raises(ValidationError) as err:
        service.complete(inspection.id, signature=sha("signature"))
    assert err.value.code == "inspection.items_unanswered"
    assert outbox(market) == before
    service.answer(inspection.id, "exits", "pass")
    assert service.complete(inspection.id, signature=sha("signature")) == []
    done = service.get(inspection.id)
    assert (done.status, done.signature) == (InspectionStatus.COMPLETED, sha("signature"))
    assert service.in_progress() == []
    with pytest.raises(TransitionError):
        service.answer(inspection.id, "wiring", "fail", note="变了")
    # A checklist answer goes out under the key the server expects: inspection_id/item_code.
    keys = [
        r["entity_id"]
        for r in market.store.query(
            "SELECT entity_id FROM outbox WHERE entity = 'checklist_answer' ORDER BY seq"
        )
    ]
    assert keys[:2] == [f"{inspection.id}/wiring"] * 2
    ops = [r["op"] for r in market.store.query("SELECT op FROM outbox ORDER BY seq")]
    assert ops[:3] == ["create", "create", "update"]


def test_each_failed_item_becomes_a_hazard_with_defaults_or_given_values(market) -> None:
    service = Inspections(market.session("i1"))
    inspection_id = run(service, fail=("wiring", "ebike"))
    hazards = service.complete(
        inspection_id,
        hazards={"ebike": {"severity": "major", "deadline": "2026-12-01", "responsible": "物业"}},
        signature=sha("signature"),
    )
    by_item = {h.item_code: h for h in hazards}
    wiring, ebike = by_item["wiring"], by_item["ebike"]
    assert (wiring.severity, wiring.deadline) == (Severity.MAJOR, NOW.date() + timedelta(days=7))
    assert wiring.responsible == "王老板"  # the operator unless someone else is named
    assert wiring.photos == (sha("b"),)
    assert "私拉乱接电线" in wiring.description
    assert (ebike.severity, ebike.deadline, ebike.responsible) == (
        Severity.MAJOR,
        date(2026, 12, 1),
        "物业",
    )
    assert all(h.status is HazardStatus.OPEN for h in hazards)
    assert (
        market.store.query("SELECT count(*) AS n FROM outbox WHERE entity = 'hazard'")[0]["n"] == 2
    )


def test_a_bad_hazard_value_writes_nothing(market) -> None:
    service = Inspections(market.session("i1"))
    inspection_id = run(service, fail=("wiring", "ebike"))
    before = outbox(market)
    for bad in (
        {"ebike": {"severity": "huge"}},
        {"ebike": {"deadline": "soon"}},
        {"exits": {"severity": "minor"}},  # exits passed
    ):
        with pytest.raises(ValidationError):
            service.complete(inspection_id, hazards=bad, signature=sha("signature"))
    with pytest.raises(ValidationError):
        service.complete(inspection_id, signature="not-a-sha")
    with pytest.raises(ValidationError):
        service.answer(inspection_id, "wiring", "fail")  # a failure needs a note or photo
    with pytest.raises(ValidationError):
        service.answer(inspection_id, "wiring", "maybe")
    assert outbox(market) == before
    assert service.get(inspection_id).status is InspectionStatus.IN_PROGRESS


def test_no_responsible_party_is_refused(market) -> None:
    market.store.write(lambda tx: tx.update("premises", "p-2", {"operator": ""}, outbox=False))
    service = Inspections(market.session("i1"))
    inspection_id = run(service, premises="p-2")
    with pytest.raises(ValidationError) as err:
        service.complete(inspection_id, signature=sha("signature"))
    assert err.value.code == "hazard.responsible_required"
    assert service.complete(
        inspection_id, hazards={"wiring": {"responsible": "房东"}}, signature=sha("signature")
    )


def test_hazard_loop_failed_reinspection_then_escalation_then_closed(market) -> None:
    service = Inspections(market.session("i1"))
    hazards = Hazards(service.session)
    (hazard,) = service.complete(run(service), signature=sha("signature"))
    assert hazards.start_rectification(hazard.id).status is HazardStatus.RECTIFYING
    with pytest.raises(ValidationError):
        hazards.reinspect(hazard.id, passed=False)  # a failure needs evidence
    again = hazards.reinspect(hazard.id, passed=False, note="仍在串接", photos=(sha("after1"),))
    assert again.status is HazardStatus.RECTIFYING
    assert hazards.before_after(hazard.id) == ((sha("b"),), (sha("after1"),))
    escalated = hazards.escalate(hazard.id)
    ticket = Tickets(market.session("i1")).get(escalated.ticket_id)
    assert ticket.grid_id == "m1" and ticket.category == "安全隐患"
    with pytest.raises(TransitionError):
        hazards.escalate(hazard.id)
    with pytest.raises(TransitionError):
        hazards.verify_close(hazard.id, photos=(sha("x"),))  # not re-inspected yet
    hazards.rectify(hazard.id, photos=(sha("fixed"),), party="陈老板")
    passed = hazards.reinspect(hazard.id, passed=True, photos=(sha("after2"),))
    assert passed.status is HazardStatus.REINSPECTED
    closed = hazards.verify_close(hazard.id, photos=(sha("closing"),))
    assert closed.status is HazardStatus.CLOSED and closed.closed_at == NOW
    assert hazards.before_after(hazard.id)[1] == (
        sha("after1"),
        sha("fixed"),
        sha("after2"),
        sha("closing"),
    )
    with pytest.raises(TransitionError):
        hazards.reinspect(hazard.id, passed=True, photos=(sha("y"),))


def test_open_hazards_by_deadline_and_market_status_flag_the_overdue(market) -> None:
    service = Inspections(market.session("i1"))
    hazards = service.complete(run(service, fail=("wiring", "exits")), signature=sha("signature"))
    later = Hazards(market.session("i1", now=NOW + timedelta(days=2)))
    lines = later.my_open_hazards()
    assert [(line.hazard.item_code, line.overdue) for line in lines] == [
        ("exits", True),
        ("wiring", False),
    ]
    stalls = {
        s.premises.id: s
        for s in PremisesRegister(market.session("i1", now=NOW + timedelta(days=2))).market("m1")
    }
    assert (stalls["p-1"].open_hazards, stalls["p-1"].worst, stalls["p-1"].overdue) == (
        2,
        Severity.MAJOR,
        True,
    )
    assert (stalls["p-2"].open_hazards, stalls["p-2"].worst) == (0, None)
    assert len(hazards) == 2


def test_hazards_found_versus_eliminated_in_a_month(market) -> None:
    service = Inspections(market.session("i1"))
    hazards = Hazards(service.session)
    first, _ = service.complete(run(service, fail=("wiring", "ebike")), signature=sha("signature"))
    close(hazards, first.id)
    assert hazards.month_figures(2026, 11) == MonthFigures(found=2, eliminated=1)
    assert hazards.month_figures(2026, 12) == MonthFigures(found=0, eliminated=0)
    assert Hazards(market.session("w1")).month_figures(2026, 11) == MonthFigures(0, 0)


def test_a_part_time_worker_cannot_inspect(market) -> None:
    before = outbox(market)
    with pytest.raises(PermissionDeniedError):
        Inspections(market.session("p1")).start("p-1", "shop")
    assert outbox(market) == before


def test_premises_outside_my_grids_cannot_be_inspected(market) -> None:
    service = Inspections(market.session("i1"))
    before = outbox(market)
    with pytest.raises(PermissionDeniedError):
        service.start("p-g1", "shop")
    with pytest.raises(NotFoundError):
        service.start("p-404", "shop")
    with pytest.raises(NotFoundError):
        service.start("p-1", "no-such-checklist")
    assert outbox(market) == before
    inspection_id = run(service)
    (hazard,) = service.complete(inspection_id, signature=sha("signature"))
    other = Hazards(market.session("w1"))  # a grid worker of g1 only
    with pytest.raises(PermissionDeniedError):
        other.hazard(hazard.id)
    with pytest.raises(PermissionDeniedError):
        other.reinspect(hazard.id, passed=True)
    assert other.my_open_hazards() == []


def test_tx_writes_tables_with_a_composite_key_under_their_catalog_key(market) -> None:
    def write(tx: Tx) -> None:
        tx.insert(
            "hazard_inspection",
            {
                "id": "hi",
                "premises_id": "p-1",
                "grid_id": "m1",
                "inspector_id": "user-i1",
                "template_code": "shop",
                "template_version": 1,
                "started_at": NOW,
                "status": "in_progress",
            },
            outbox=False,
        )
        key = {"inspection_id": "hi", "item_code": "wiring"}
        tx.insert("checklist_answer", {**key, "result": "pass"})
        tx.update("checklist_answer", "hi/wiring", {"result": "na"})

    market.store.write(write)
    ops = market.store.query("SELECT entity_id, op, fields FROM outbox ORDER BY seq")
    assert [(o["entity_id"], o["op"]) for o in ops] == [
        ("hi/wiring", "create"),
        ("hi/wiring", "update"),
    ]
    assert json.loads(ops[1]["fields"]) == {"result": "na"}
    assert market.store.query("SELECT result FROM checklist_answer")[0]["result"] == "na"
    with pytest.raises(NotFoundError):  # no row under that key: nothing written
        market.store.write(lambda tx: tx.update("checklist_answer", "hi/gas", {"result": "na"}))


def test_escalating_to_a_department_dispatches_the_ticket_in_the_same_write(market) -> None:
    service = Inspections(market.session("i1"))
    hazards = Hazards(service.session)
    (hazard,) = service.complete(run(service), signature=sha("signature"))
    hazards.reinspect(hazard.id, passed=False, note="仍在串接")
    escalated = hazards.escalate(hazard.id, department="市场监管", urgent=True)
    tickets = Tickets(market.session("i1"))
    ticket = tickets.get(escalated.ticket_id)
    assert (ticket.status.value, ticket.department) == ("dispatched", "市场监管")
    assert ticket.urgent
    assert [t.action.value for t in tickets.history(ticket.id)] == ["report", "accept", "dispatch"]


def test_history_lists_each_step_taken_on_this_terminal(market) -> None:
    service = Inspections(market.session("i1"))
    hazards = Hazards(service.session)
    (hazard,) = service.complete(run(service), signature=sha("signature"))
    hazards.start_rectification(hazard.id)
    hazards.reinspect(hazard.id, passed=False, note="仍在串接")
    hazards.escalate(hazard.id, department="城管")
    close(hazards, hazard.id)
    steps = hazards.history(hazard.id)
    assert [(s.action.value, s.to_status and s.to_status.value) for s in steps] == [
        ("found", "open"),
        ("start_rectification", "rectifying"),
        ("reinspect_fail", "rectifying"),
        ("escalate", None),
        ("rectify", "rectified"),
        ("reinspect_pass", "reinspected"),
        ("verify_close", "closed"),
    ]
    assert steps[2].note == "仍在串接"
    assert {s.by_user for s in steps} == {"user-i1"}
    assert steps[4].party == "王老板"  # recorded on the responsible party's behalf
    assert steps[4].photos == (sha("rectified"),)


def test_an_absent_operator_is_noted_on_each_hazard_and_excludes_a_signature(market) -> None:
    service = Inspections(market.session("i1"))
    inspection_id = run(service)
    before = outbox(market)
    with pytest.raises(ValidationError) as err:
        service.complete(inspection_id, signature=sha("sig"), operator_absent="外出进货")
    assert err.value.code == "inspection.signed_and_absent"
    assert outbox(market) == before
    (hazard,) = service.complete(inspection_id, operator_absent="外出进货")
    assert hazard.description.endswith("经营者不在场：外出进货")
    done = service.get(inspection_id)
    assert done.signature is None
    # Kept on the inspection itself too: one that finds nothing would otherwise lose it.
    assert done.operator_absent == "外出进货"


def test_an_inspection_without_signature_or_reason_is_refused_and_writes_nothing(market) -> None:
    service = Inspections(market.session("i1"))
    inspection_id = run(service)
    before = outbox(market)
    for blank in ({}, {"signature": None, "operator_absent": "  "}, {"signature": ""}):
        with pytest.raises(ValidationError) as err:
            service.complete(inspection_id, **blank)
        assert (err.value.code, err.value.field) == ("inspection.needs_signature", "signature")
    assert outbox(market) == before
    assert service.get(inspection_id).status is InspectionStatus.IN_PROGRESS


def test_a_month_of_hazards_is_the_office_s_month(market) -> None:
    # found at 17:30 UTC on 30 November: 01:30 on 1 December in the office, so December's
    evening = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)
    service = Inspections(market.session("i1", now=evening))
    hazards = Hazards(service.session)
    service.complete(run(service, fail=("wiring",)), signature=sha("signature"))
    assert hazards.month_figures(2026, 12).found == 1
    assert hazards.month_figures(2026, 11).found == 0
