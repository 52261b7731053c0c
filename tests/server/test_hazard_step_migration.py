"""Server migration 0010 carries the hazards of the released schema (0009) forward into
hazard steps, with the same step ids the terminal's migration 0011 gives them, on both
backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sync.server.admin import records, territory
from sync.server.db import schema
from tests.server.migrating import old_database, upgraded

AT = "2026-11-02T01:30:00Z"
BEFORE, AFTER = "b" * 64, "a" * 64


def _released_market(conn) -> str:
    """A market at schema 0009: one inspection, a hazard open, one escalated, one closed."""
    office = territory.street_office(conn, "东湖街道")
    community = territory.community(conn, office, "桃园社区")
    grid = territory.grid(conn, community, "市场网格", "special")
    part = records.grid_partition(conn, grid)
    records.add(conn, "premises", {"id": "p1", "grid_id": grid, "name": "五金店"}, part)
    records.add(
        conn,
        "hazard_inspection",
        {"id": "i1", "premises_id": "p1", "grid_id": grid, "inspector_id": "u-i1",
         "template_code": "shop", "template_version": 1, "started_at": AT,
         "status": "completed", "completed_at": AT},
        part,
    )  # fmt: skip
    for code in ("wiring", "exits", "gas"):
        conn.execute(
            schema.checklist_answer.insert().values(
                inspection_id="i1", item_code=code, result="fail", note="", grid_id=grid,
                photos=f'["{BEFORE}"]',
            )
        )  # fmt: skip
    records.add(
        conn,
        "ticket",
        {"id": "t1", "grid_id": grid, "category": "安全隐患", "title": "整改不到位",
         "status": "dispatched", "level": "grid", "reported_by": "u-i1",
         "reported_at": "2026-11-05T02:00:00Z", "updated_at": "2026-11-05T02:00:00Z"},
        part,
    )  # fmt: skip
    for hid, code, status, photos, ticket, closed in (
        ("h-open", "wiring", "open", [BEFORE], None, None),
        ("h-escalated", "exits", "rectifying", [BEFORE], "t1", None),
        ("h-closed", "gas", "closed", [BEFORE, AFTER], None, "2026-11-09T03:00:00Z"),
    ):
        records.add(
            conn,
            "hazard",
            {"id": hid, "inspection_id": "i1", "premises_id": "p1", "grid_id": grid,
             "item_code": code, "severity": "major", "deadline": "2026-11-09",
             "responsible": "陈老板", "status": status, "found_at": AT, "photos": photos,
             "ticket_id": ticket, "closed_at": closed},
            part,
        )  # fmt: skip
    return grid


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_released_hazards_get_the_terminals_step_ids(backend, tmp_path) -> None:
    with old_database(backend, tmp_path) as engine:
        with upgraded(engine, "0009") as conn:
            grid = _released_market(conn)
        with upgraded(engine):
            pass
        s = schema.hazard_step
        with engine.connect() as conn:
            found = conn.execute(
                select(s.c.id, s.c.action, s.c.to_status, s.c.by_user, s.c.photos, s.c.ticket_id,
                       s.c.grid_id).order_by(s.c.hazard_id, s.c.at, s.c.id)
            ).all()  # fmt: skip
    assert found == [
        ("h-closed:found", "found", "open", "u-i1", f'["{BEFORE}"]', None, grid),
        ("h-closed:carried", "carried", "closed", "", f'["{AFTER}"]', None, grid),
        ("h-escalated:found", "found", "open", "u-i1", f'["{BEFORE}"]', None, grid),
        ("h-escalated:escalated", "escalate", None, "", "[]", "t1", grid),
        ("h-escalated:carried", "carried", "rectifying", "", "[]", None, grid),
        ("h-open:found", "found", "open", "u-i1", f'["{BEFORE}"]', None, grid),
    ]
