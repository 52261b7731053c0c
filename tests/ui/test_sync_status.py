"""The sync indicator and page tell the truth: what waits, whose it is, and where it stands."""

from __future__ import annotations

from tests.ui.conftest import log_in, open_tab
from ui.models.outbox import OutboxModel


def record_column(sync) -> list[str]:
    model = sync.model
    return [model.index(i, OutboxModel.COL_RECORD).data() for i in range(model.rowCount())]


def test_the_outgoing_list_names_each_record(qtbot, window) -> None:
    log_in(qtbot, window)
    ws = window.workspace
    ws.register.edit_household("h-g1-502", phone="13900001111")
    ws.tickets.open(grid_id="g1", category="物业管理", title="楼道漏水")
    sync = open_tab(qtbot, window, "sync")
    qtbot.waitUntil(lambda: sync.data is not None and sync.model.rowCount() >= 3)
    records = record_column(sync)
    assert "住户 · 3-2-502" in records
    assert "工单 · 楼道漏水" in records
    assert "工单流转 · 楼道漏水" in records
