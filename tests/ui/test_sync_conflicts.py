"""The sync page's conflicts: each with the record in field words and both values; "take the
server's" writes that value into the record and queues one resolution naming the conflict,
and the conflict moves to the folded list of settled ones."""

from __future__ import annotations

import json

from gridterm.ids import new_id
from tests.ui.conftest import click_row, log_in, open_tab, tap, type_text


def conflict(store, entity, entity_id, field, mine, server) -> str:
    cid = new_id()
    store.write(
        lambda tx: tx.execute(
            "INSERT INTO sync_conflict (id, entity, entity_id, field, local_value, server_value,"
            " op_id, base_version, source, detected_at) VALUES (?, ?, ?, ?, ?, ?, 'op', 1,"
            " 'push', '2026-11-20T08:00:00+00:00')",
            (cid, entity, entity_id, field, json.dumps(mine), json.dumps(server)),
        )
    )
    return cid


def pending(store, entity_id):
    """What waits to be sent about the record: its edits and the resolutions naming it."""
    rows = store.query(
        "SELECT fields FROM outbox WHERE state = 'pending'"
        " AND (entity_id = ? OR json_extract(fields, '$.entity_id') = ?)",
        (entity_id, entity_id),
    )
    return [json.loads(r["fields"]) for r in rows]


def test_take_the_servers_value(qtbot, window) -> None:
    log_in(qtbot, window)
    ws = window.workspace
    conflict(ws.store, "household", "h-g1-502", "phone", "13900001111", "13800002222")
    sync = open_tab(qtbot, window, "sync")
    qtbot.waitUntil(lambda: sync.conflicts.model.rowCount() == 1)
    assert sync.numbers["conflicts"].text() == "1"
    sync.tabs.setCurrentIndex(2)
    assert sync.conflicts.model.index(0, 0).data() == "3栋2单元502"
    click_row(qtbot, sync.conflicts.table, 0)
    assert sync.conflicts.heading.text().startswith("3栋2单元502 · 电话")
    assert sync.conflicts.use_value.isVisible() and sync.conflicts.keep_mine.isVisible()
    assert not sync.conflicts.settled_table.isVisible()
    tap(qtbot, sync.conflicts.take_server)
    qtbot.waitUntil(lambda: sync.conflicts.model.rowCount() == 0)
    assert ws.register.household("h-g1-502").phone == "13800002222"
    (resolution,) = pending(ws.store, "h-g1-502")
    assert (resolution["field"], resolution["choice"]) == ("phone", "server")
    assert resolution["value"] == "13800002222"
    assert sync.conflicts.show_settled.text() == "已处理（1）"
    tap(qtbot, sync.conflicts.show_settled)
    assert sync.conflicts.settled_table.isVisible()
    assert sync.conflicts.settled_model.index(0, 1).data() == "采用服务器的"
    assert sync.conflicts.settled_model.index(0, 2).data() == "13800002222"


def test_a_typed_value_is_checked_and_a_ticket_status_only_accepted(qtbot, window) -> None:
    log_in(qtbot, window)
    ws = window.workspace
    conflict(ws.store, "household", "h-g1-502", "phone", "13900001111", "13800002222")
    sync = open_tab(qtbot, window, "sync")
    qtbot.waitUntil(lambda: sync.conflicts.model.rowCount() == 1)
    sync.tabs.setCurrentIndex(2)
    click_row(qtbot, sync.conflicts.table, 0)
    sync.conflicts.typed.clear()
    type_text(qtbot, sync.conflicts.typed, "12")
    tap(qtbot, sync.conflicts.use_value)
    qtbot.waitUntil(sync.conflicts.error.isVisible)
    assert "电话" in sync.conflicts.error.text()
    assert pending(ws.store, "h-g1-502") == []  # nothing changed

    ticket = ws.tickets.open(grid_id="g1", category="物业管理", title="漏水")
    step = {"action": "accept", "to_status": "accepted", "note": ""}
    conflict(ws.store, "ticket", ticket.id, "status", step, "reported")
    sync.reload()
    qtbot.waitUntil(lambda: sync.conflicts.model.rowCount() == 2)
    row = next(i for i, c in enumerate(sync.conflicts.model.rows()) if c.entity == "ticket")
    click_row(qtbot, sync.conflicts.table, row)
    assert not sync.conflicts.keep_mine.isVisible() and not sync.conflicts.use_value.isVisible()
    assert sync.conflicts.take_server.text() == "接受服务器的状态"
    tap(qtbot, sync.conflicts.take_server)
    qtbot.waitUntil(lambda: sync.conflicts.model.rowCount() == 1)
    assert ws.tickets.get(ticket.id).status.value == "reported"
