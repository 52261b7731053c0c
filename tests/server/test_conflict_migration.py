"""Server schema 9 carries the released schema's conflicts forward: each takes the id both
sides compute from its op and field, and a change-log entry in its grid, so every terminal
of the grid pulls it — open or settled, with all its values."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import text

from sync.protocol import conflict_id
from sync.server.db import migrate
from sync.server.db.engine import make_engine, writing


def test_conflicts_of_schema_8_reach_the_terminals(tmp_path):
    engine = make_engine(str(tmp_path / "old.db"), pool_size=1)
    cfg = migrate.alembic_config()
    with writing(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0008")  # the released schema
        conn.execute(text("INSERT INTO street_office (id, name, num) VALUES ('so', '街道', 1)"))
        conn.execute(
            text(
                "INSERT INTO community (id, street_office_id, name, num) VALUES ('c', 'so', 'c', 1)"
            )
        )
        conn.execute(
            text("INSERT INTO grid (id, community_id, name, num) VALUES ('g', 'c', 'g', 7)")
        )
        for cid, op_id, status in (("old-a", "op-a", "open"), ("old-b", "op-b", "resolved")):
            conn.execute(
                text(
                    "INSERT INTO conflict (id, entity, entity_id, grid_id, field, base_version,"
                    " server_value, terminal_value, op_id, by_user, device_id, created_at, status)"
                    " VALUES (:id, 'household', 'h1', 'g', 'notes', 1, :server, :mine, :op,"
                    " 'u1', 'd1', 1000, :status)"
                ),
                {
                    "id": cid,
                    "server": json.dumps("服务器的", ensure_ascii=False),
                    "mine": json.dumps("我的", ensure_ascii=False),
                    "op": op_id,
                    "status": status,
                },
            )
    migrate.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, status, terminal_value, resolve_op_id FROM conflict ORDER BY op_id")
        ).all()
        logged = conn.execute(
            text("SELECT partition, entity_id FROM change_log WHERE entity = 'conflict'")
        ).all()
    ids = [conflict_id("op-a", "notes"), conflict_id("op-b", "notes")]
    assert [(r.id, r.status, json.loads(r.terminal_value)) for r in rows] == [
        (ids[0], "open", "我的"),
        (ids[1], "resolved", "我的"),
    ]
    assert sorted(logged) == sorted([("g7", ids[0]), ("g7", ids[1])])
