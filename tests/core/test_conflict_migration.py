"""Schema 7 carries every conflict of the released schemas forward, named as the server names
it (its op and field), with its grid; a row whose op is unknown keeps its own id."""

from __future__ import annotations

import json

import pytest

from gridterm.ids import conflict_id
from gridterm.store import Store, keys
from gridterm.store.connection import connect
from tests.core.helpers import (
    FIXTURE_PIN,
    copy_fixture,
    released_versions,
)


def _add_old_conflicts(path) -> None:
    key = keys.KeyRing.load(path).unwrap("w1", FIXTURE_PIN)
    conn = connect(path, key)
    rows = [
        ("old-1", "household", "h1", "notes", "我的", "服务器的", "op-1", "open"),
        ("old-2", "household", "h1", "phone", "13900000002", "13800000001", "op-2", "dismissed"),
        ("old-3", "ticket", "t1", "title", "灯坏了", "楼道灯坏了", None, "open"),
    ]
    conn.execute("BEGIN")
    for cid, entity, entity_id, field, mine, server, op_id, status in rows:
        conn.execute(
            "INSERT INTO sync_conflict (id, entity, entity_id, field, local_value, server_value,"
            " op_id, base_version, source, status, detected_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 3, 'push', ?, '2026-11-20T08:00:00Z')",
            (
                cid,
                entity,
                entity_id,
                field,
                json.dumps(mine, ensure_ascii=False),
                json.dumps(server, ensure_ascii=False),
                op_id,
                status,
            ),
        )
    conn.execute("COMMIT")
    conn.close()


#: Schemas with the old conflict table (3) and before conflict records (10) carried it forward.
@pytest.mark.parametrize("version", [v for v in released_versions() if 3 <= v < 10])
def test_conflicts_of_every_released_schema_are_carried_forward(version, tmp_path):
    path = copy_fixture(version, tmp_path)
    _add_old_conflicts(path)
    with Store.unlock(path, "w1", FIXTURE_PIN) as store:
        rows = store.query(
            "SELECT id, entity_id, field, grid_id, local_value, server_value, status, source"
            " FROM sync_conflict ORDER BY field"
        )
    assert rows == [
        {
            "id": conflict_id("op-1", "notes"),
            "entity_id": "h1",
            "field": "notes",
            "grid_id": "g1",
            "local_value": '"我的"',
            "server_value": '"服务器的"',
            "status": "open",
            "source": "push",
        },
        {
            "id": conflict_id("op-2", "phone"),
            "entity_id": "h1",
            "field": "phone",
            "grid_id": "g1",
            "local_value": '"13900000002"',
            "server_value": '"13800000001"',
            "status": "dismissed",
            "source": "push",
        },
        {
            "id": "old-3",
            "entity_id": "t1",
            "field": "title",
            "grid_id": "g1",
            "local_value": '"灯坏了"',
            "server_value": '"楼道灯坏了"',
            "status": "open",
            "source": "push",
        },
    ]
