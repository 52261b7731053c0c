"""Hazard inspections through push: premises, versioned checklists (guarantee 8), answers,
completion, and hazards through their closed loop, all by the core's rules."""

from __future__ import annotations

from sqlalchemy import select

from gridterm.ids import new_id
from sync.server.admin import templates
from sync.server.db import schema
from sync.server.db.engine import writing
from tests.server.helpers import TEMPLATE, op
from tests.server.market import AT, answer_op, hazard_fields, inspection_fields, statuses


def test_an_inspection_runs_its_template_version_to_completion(server, market):
    d, c, premises = market
    iid = new_id()
    assert statuses(c.push([op("hazard_inspection", iid, inspection_fields(d, premises))])) == [
        ("applied", None)
    ]
    # a new template version is published while the inspection is open: v1 still rules it
    with writing(server.engine) as conn:
        templates.publish(
            conn,
            {
                **TEMPLATE,
                "version": 2,
                "items": [{"code": "gas", "text": "液化气瓶", "severity": "critical"}],
            },
        )
    got = statuses(
        c.push(
            [
                answer_op(iid, "wiring", "fail"),  # a failure needs a note or a photo
                answer_op(iid, "wiring", "fail", "插线板串接"),
                answer_op(iid, "gas", "pass"),  # not an item of v1
                op("hazard_inspection", iid, {"status": "completed"}, kind="update"),
                answer_op(iid, "exits", "pass"),
                # neither the operator's signature nor why nobody signed
                op(
                    "hazard_inspection",
                    iid,
                    {"status": "completed", "completed_at": AT, "signature": None},
                    kind="update",
                ),
                op(
                    "hazard_inspection",
                    iid,
                    {"status": "completed", "completed_at": AT, "signature": "cd" * 32},
                    kind="update",
                ),
                answer_op(iid, "exits", "fail", "too late"),
            ]
        )
    )
    assert got == [
        ("rejected", "inspection.failure_needs_evidence"),
        ("applied", None),
        ("rejected", "checklist.unknown_item"),
        ("rejected", "inspection.items_unanswered"),
        ("applied", None),
        ("rejected", "inspection.needs_signature"),
        ("applied", None),
        ("rejected", "inspection.already_completed"),
    ]
    with server.engine.connect() as conn:
        row = conn.execute(
            select(schema.hazard_inspection).where(schema.hazard_inspection.c.id == iid)
        ).one()
        answers = conn.execute(
            select(schema.checklist_answer.c.item_code, schema.checklist_answer.c.result).where(
                schema.checklist_answer.c.inspection_id == iid
            )
        ).all()
    assert (row.status, row.template_version) == ("completed", 1)
    assert sorted(answers) == [("exits", "pass"), ("wiring", "fail")]


def test_an_absent_operator_is_kept_on_the_inspection_and_excludes_a_signature(server, market):
    d, c, premises = market
    iid = new_id()
    signature = "ab" * 32
    pushed = c.push(
        [
            op("hazard_inspection", iid, inspection_fields(d, premises)),
            answer_op(iid, "wiring", "pass"),
            answer_op(iid, "exits", "pass"),
            op(
                "hazard_inspection",
                iid,
                {"status": "completed", "signature": signature, "operator_absent": "外出进货"},
                kind="update",
            ),
            op(
                "hazard_inspection",
                iid,
                {"status": "completed", "signature": None, "operator_absent": "外出进货"},
                kind="update",
            ),
        ]
    )
    assert statuses(pushed) == [
        ("applied", None),
        ("applied", None),
        ("applied", None),
        ("rejected", "inspection.signed_and_absent"),
        ("applied", None),
    ]
    with server.engine.connect() as conn:
        row = conn.execute(
            select(schema.hazard_inspection).where(schema.hazard_inspection.c.id == iid)
        ).one()
    assert (row.status, row.signature, row.operator_absent) == ("completed", None, "外出进货")


def test_unknown_templates_and_premises_outside_the_area(server, market):
    d, c, premises = market
    assert statuses(
        c.push(
            [
                op(
                    "hazard_inspection",
                    new_id(),
                    {**inspection_fields(d, premises), "template_version": 9},
                )
            ]
        )
    ) == [("rejected", "checklist.unknown_template")]
    worker = d.client("grid_worker")  # holds g1, not the market
    r = worker.push([op("hazard_inspection", new_id(), inspection_fields(d, premises))])
    assert r.status_code == 403


def test_a_status_sent_on_the_hazard_itself_obeys_the_loop(server, market):
    # terminals before hazard steps sent the status on the hazard: the same rules apply
    d, c, premises = market
    iid, hid = new_id(), new_id()
    hazard = hazard_fields(d, premises, iid)
    got = statuses(
        c.push(
            [
                op("hazard_inspection", iid, inspection_fields(d, premises), seq=1),
                op("hazard", new_id(), {**hazard, "responsible": ""}, seq=2),
                op("hazard", hid, hazard, seq=3),
                op("hazard", hid, {"status": "closed"}, kind="update", base_version=1, seq=4),
                op("hazard", hid, {"status": "rectifying"}, kind="update", base_version=1, seq=5),
                op(
                    "hazard",
                    hid,
                    {
                        "status": "reinspected",
                        "deadline": "2026-12-01",
                        "photos": f'["{"e" * 64}"]',
                    },
                    kind="update",
                    base_version=2,
                    seq=6,
                ),
                op("hazard", hid, {"deadline": "2026-12-01"}, kind="update", base_version=2, seq=7),
            ]
        )
    )
    assert got == [
        ("applied", None),
        ("rejected", "hazard.responsible_required"),
        ("applied", None),
        ("rejected", "hazard.transition_not_allowed"),
        ("applied", None),
        ("rejected", "hazard.not_rectified"),  # never rectified
        ("applied", None),
    ]
    with server.engine.connect() as conn:
        row = conn.execute(select(schema.hazard).where(schema.hazard.c.id == hid)).one()
        steps = conn.execute(
            select(schema.hazard_step.c.action, schema.hazard_step.c.by_user).where(
                schema.hazard_step.c.hazard_id == hid
            )
        ).all()
    assert (row.status, row.deadline) == ("rectifying", "2026-12-01")
    # the move is kept as a step of the hazard's history, by the one who pushed it
    assert steps == [("start_rectification", d.user_id("market_inspector"))]


def test_premises_edits_are_validated_and_merged(server, market):
    _, c, premises = market
    got = statuses(
        c.push(
            [
                op(
                    "premises",
                    premises,
                    {"contact_phone": "call me"},
                    kind="update",
                    base_version=1,
                    seq=1,
                ),
                op(
                    "premises",
                    premises,
                    {"licence_no": "91420100MA4K", "trade": "五金"},
                    kind="update",
                    base_version=1,
                    seq=2,
                ),
            ]
        )
    )
    assert got == [("rejected", "field.bad_phone"), ("applied", None)]
    with server.engine.connect() as conn:
        row = conn.execute(select(schema.premises).where(schema.premises.c.id == premises)).one()
    assert (row.licence_no, row.trade, row.version) == ("91420100MA4K", "五金", 2)
