"""The sync indicator and page tell the truth: what waits, whose it is, and where it stands."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal

from sync.client.report import SyncReport
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


class Runner(QObject):
    """The signals of ui.sync_runner.SyncRunner, fired by the test instead of a network."""

    reported = Signal(object)
    reached = Signal(bool)
    online = Signal(object)


def test_an_unenrolled_terminal_never_says_online(qtbot, window) -> None:
    log_in(qtbot, window)
    indicator = window.shell.top.sync
    indicator.set_network(True)  # the operating system has a network; there is no server
    qtbot.waitUntil(lambda: indicator.summary is not None)
    assert indicator.text().startswith("未注册")
    assert "在线" not in indicator.text() and "从未同步" not in indicator.text()


def test_the_indicator_says_what_the_last_request_found(qtbot, window) -> None:
    log_in(qtbot, window)
    ws = window.workspace
    indicator = window.shell.top.sync
    runner = Runner()
    ws.sync = runner
    try:
        indicator.attach(runner)
        runner.online.emit(True)
        assert indicator.text().startswith("连接中")  # a network, but no answer yet
        runner.reached.emit(False)  # the probe found no server
        assert indicator.text().startswith("离线")
        ws.register.edit_household("h-g1-502", phone="13900001111")
        qtbot.waitUntil(lambda: "1 条待发送" in indicator.text())
        # A sync that completes: the server answered, the record is confirmed, the time kept.
        ws.store.write(
            lambda tx: (
                tx.execute(
                    "UPDATE outbox SET state = 'confirmed', state_at = '2026-11-20T08:00:00'"
                ),
                tx.execute(
                    "INSERT INTO sync_state (key, value) VALUES ('last_sync_at', ?)",
                    (datetime.now(UTC).isoformat(),),
                ),
            )
        )
        runner.reported.emit(SyncReport(confirmed=1))
        qtbot.waitUntil(lambda: "已全部发送" in indicator.text())
        assert indicator.text().startswith("在线")
        assert "上次同步" in indicator.text() and "从未同步" not in indicator.text()
        runner.reported.emit(SyncReport(error="net.unreachable"))
        qtbot.waitUntil(lambda: indicator.text().startswith("离线"))
        runner.reported.emit(SyncReport(error="auth.expired"))  # an answer, if not a welcome one
        qtbot.waitUntil(lambda: indicator.text().startswith("在线"))
        runner.online.emit(False)  # the operating system lost the network
        assert indicator.text().startswith("离线")
    finally:
        ws.sync = None  # the window closes no real sync


def test_a_shared_terminal_counts_the_logged_in_workers_own(qtbot, window) -> None:
    log_in(qtbot, window)
    window.workspace.register.edit_household("h-g1-502", phone="13900001111")
    indicator = window.shell.top.sync
    qtbot.waitUntil(lambda: "1 条待发送" in indicator.text())
    window.log_out()
    qtbot.waitUntil(lambda: window.workspace is None)
    log_in(qtbot, window, "s1")  # the next worker on the same terminal
    indicator = window.shell.top.sync
    qtbot.waitUntil(lambda: indicator.summary is not None)
    assert "待发送" not in indicator.text()  # not theirs
    settings = open_tab(qtbot, window, "settings")
    qtbot.waitUntil(settings.unsent_note.isVisible)  # before logging out, the device's total
    assert settings.unsent_note.text().startswith("本终端还有 1 条记录尚未发送")
    assert "其中 1 条是其他人员的" in settings.unsent_note.text()
    assert "。 " not in settings.unsent_note.text()  # Chinese sentences run on, no space
