"""冲突 (the supervisors' conflict queue), as the community supervisor: the area's open
conflicts one row per field; a row shows the record's value now and every refused value with
who wrote it and when; keeping one settles them all and queues one resolution."""

from __future__ import annotations

import json

from tests.core.helpers import insert_refused
from tests.ui.conftest import click_row, log_in, open_tab, tap


def test_the_supervisor_sees_every_value_and_keeps_one(qtbot, window) -> None:
    log_in(qtbot, window, "s1")
    ws = window.workspace
    insert_refused(ws.store, "h-g1-502", "notes", "甲写的备注", "", "op-a", "user-w1", at="08:00")
    picked = insert_refused(
        ws.store, "h-g1-502", "notes", "乙写的备注", "", "op-b", "user-p1", at="08:30"
    )
    queue = open_tab(qtbot, window, "conflicts")
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1)
    assert queue.summary.text() == "1 个字段，2 个被拒的值待处理"
    assert queue.model.index(0, 0).data() == "3栋2单元502"
    assert queue.model.index(0, 3).data() == "2"
    click_row(qtbot, queue.table, 0)
    assert queue.values.rowCount() == 3  # the record now, then both refused values
    assert queue.values.index(0, 1).data() == "记录现值"
    assert [queue.values.index(r, 0).data() for r in (1, 2)] == ["甲写的备注", "乙写的备注"]
    assert queue.values.index(1, 2).data() == "用户w1"
    assert queue.values.index(2, 1).data() == "被拒"
    assert not queue.keep.isEnabled()
    click_row(qtbot, queue.values_table, 2)
    assert queue.keep.isEnabled()
    tap(qtbot, queue.keep)
    qtbot.waitUntil(lambda: queue.model.rowCount() == 0)
    assert queue.empty.isVisible()
    assert ws.register.household("h-g1-502").notes == "乙写的备注"
    (op,) = ws.store.query("SELECT fields FROM outbox WHERE entity = 'conflict_resolution'")
    fields = json.loads(op["fields"])
    assert fields["choice"] == "terminal" and fields["value"] == "乙写的备注"
    assert picked in fields["conflict_ids"] and len(fields["conflict_ids"]) == 2


def test_a_typed_value_is_checked(qtbot, window) -> None:
    log_in(qtbot, window, "s1")
    ws = window.workspace
    insert_refused(
        ws.store, "h-g1-502", "phone", "13900001111", "13800002222", "op-c", "user-w1", at="08:00"
    )
    queue = open_tab(qtbot, window, "conflicts")
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1)
    click_row(qtbot, queue.table, 0)
    queue.typed.setText("12")
    tap(qtbot, queue.use_typed)
    qtbot.waitUntil(queue.error.isVisible)
    assert "电话" in queue.error.text()
    assert ws.store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == 0
    assert queue.model.rowCount() == 1


def test_a_grid_worker_has_no_queue(qtbot, window) -> None:
    log_in(qtbot, window)  # w1: their own conflicts are on the Sync page
    assert "conflicts" not in window.shell.nav.buttons
