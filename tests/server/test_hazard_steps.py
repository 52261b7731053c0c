"""The server replays hazard steps through the core and refuses what the terminal refuses,
with the same codes: a pass before a rectification, proof steps without a photo, a
department's handling before its ticket was handled; what it applies moves the hazard."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from gridterm.ids import new_id
from sync.server.db import schema
from tests.server.helpers import op
from tests.server.market import AT, answer_op, hazard_fields, inspection_fields, statuses

PHOTO = "c" * 64


def _step(hid, action, by, seq, **extra):
    fields = {"hazard_id": hid, "action": action, "by_user": by, "at": AT, **extra}
    return op("hazard_step", new_id(), fields, seq=seq)


@pytest.fixture
def found(server, market):
    d, c, premises = market
    iid, hid = new_id(), new_id()
    by = d.user_id("market_inspector")
    got = statuses(
        c.push(
            [
                op("hazard_inspection", iid, inspection_fields(d, premises), seq=1),
                answer_op(iid, "wiring", "fail", "插线板串接"),
                answer_op(iid, "exits", "pass"),
                op(
                    "hazard_inspection",
                    iid,
                    {"status": "completed", "operator_absent": "外出"},
                    kind="update",
                    seq=3,
                ),
                op("hazard", hid, hazard_fields(d, premises, iid), seq=4),
                _step(hid, "found", by, 5, to_status="open", photos="[]"),
            ]
        )
    )
    assert got == [("applied", None)] * 6
    return d, c, hid, by


def _hazard_row(server, hid):
    with server.engine.connect() as conn:
        return conn.execute(select(schema.hazard).where(schema.hazard.c.id == hid)).one()


def _actions(server, hid):
    s = schema.hazard_step
    with server.engine.connect() as conn:
        return [
            r.action
            for r in conn.execute(
                select(s.c.action).where(s.c.hazard_id == hid).order_by(s.c.at, s.c.id)
            )
        ]


def test_the_server_refuses_each_step_without_its_proof(server, found):
    _, c, hid, by = found
    got = statuses(
        c.push(
            [
                _step(hid, "reinspect_pass", by, 6, photos=f'["{PHOTO}"]'),
                _step(hid, "rectify", by, 7),
                _step(hid, "rectify", by, 8, photos=f'["{PHOTO}"]', party="陈老板"),
                _step(hid, "reinspect_pass", by, 9),
                _step(hid, "reinspect_pass", by, 10, photos=f'["{"d" * 64}"]'),
                _step(hid, "verify_close", by, 11),
                _step(hid, "verify_close", by, 12, photos=f'["{"e" * 64}"]'),
            ]
        )
    )
    assert got == [
        ("rejected", "hazard.not_rectified"),
        ("rejected", "hazard.rectify_needs_photo"),
        ("applied", None),
        ("rejected", "hazard.reinspect_needs_photo"),
        ("applied", None),
        ("rejected", "hazard.close_needs_photo"),
        ("applied", None),
    ]
    row = _hazard_row(server, hid)
    assert (row.status, row.closed_at is not None) == ("closed", True)
    assert PHOTO in row.photos and "e" * 64 in row.photos
    assert _actions(server, hid) == ["found", "rectify", "reinspect_pass", "verify_close"]


def test_a_department_handled_step_needs_its_ticket_handled(server, found):
    d, c, hid, by = found
    tid = new_id()
    ticket = {
        "grid_id": d.grids["m1"], "category": "安全隐患", "title": "五金店 隐患整改不到位",
        "reported_by": by, "reported_at": AT, "status": "reported", "level": "grid",
    }  # fmt: skip

    def t(action, seq, **extra):
        return op("ticket_transition", new_id(),
                  {"ticket_id": tid, "action": action, "by_user": by, "at": AT, **extra},
                  seq=seq)  # fmt: skip

    got = statuses(
        c.push(
            [
                _step(hid, "start_rectification", by, 6),
                op("ticket", tid, ticket, seq=7),
                t("report", 8),
                t("accept", 9),
                t("dispatch", 10, department="市场监管"),
                _step(hid, "escalate", by, 11, ticket_id=tid, party="市场监管"),
                _step(hid, "ticket_handled", by, 12, party="市场监管"),
                t("mark_handled", 13, note="已更换线路"),
                _step(hid, "ticket_handled", by, 14, party="市场监管"),
            ]
        )
    )
    assert got[:6] == [("applied", None)] * 6
    assert got[6:] == [
        ("rejected", "hazard.ticket_not_handled"),
        ("applied", None),
        ("applied", None),
    ]
    row = _hazard_row(server, hid)
    assert (row.status, row.ticket_id) == ("rectified", tid)
