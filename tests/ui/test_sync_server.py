"""Against the real server on 127.0.0.1: enroll from the first-run screen, log in, sync now."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.sync.conftest import district, server  # noqa: F401 (fixtures)
from tests.sync.district import PIN
from tests.ui.conftest import log_in, open_tab, tap, wait_idle
from ui.main_window import MainWindow

pytestmark = pytest.mark.slow


def test_enroll_log_in_and_sync_now(qtbot, ctx, tmp_path: Path, server, district) -> None:  # noqa: F811
    ctx.db_path = tmp_path / "terminal" / "gridterm.db"
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    first = window.first_run
    assert window.stack.currentWidget() is first
    worker = district.worker("w1")
    for field, text in (
        (first.server_url, server.url),
        (first.code, district.code()),
        (first.worker_id, worker),
        (first.pin, PIN),
    ):
        field.setText(text)
    qtbot.mouseClick(first.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.stack.currentWidget() is window.login or first.error.isVisible(),
        timeout=60_000,
    )
    assert not first.error.isVisible(), first.error.text()
    assert window.login.worker_id.text() == worker
    log_in(qtbot, window, worker, PIN)
    ws = window.workspace
    try:
        qtbot.waitUntil(lambda: ws.sync is not None, timeout=10_000)  # loads after Today
        household = district.households["g1"][0]
        ws.visits.record(
            household_id=household,
            visited_at=ws.session.now(),
            visit_type="routine",
            outcome="nothing_raised",
        )
        sync = open_tab(qtbot, window, "sync")
        qtbot.waitUntil(lambda: sync.data is not None)
        tap(qtbot, sync.sync_now)
        qtbot.waitUntil(lambda: sync.message.text().startswith("同步完成"), timeout=60_000)
        # The page may first redraw from a read taken mid-sync (sent, not yet confirmed).
        qtbot.waitUntil(
            lambda: (
                sync.numbers["pending"].text() == "0"
                and sync.numbers["sent"].text() == "0"
                and int(sync.numbers["confirmed"].text()) >= 1
            ),
            timeout=10_000,
        )
        # The indicator tells the truth: the server answered, nothing of mine waits, and
        # when the sync completed.
        indicator = window.shell.top.sync
        qtbot.waitUntil(lambda: "已全部发送" in indicator.text(), timeout=10_000)
        assert indicator.text().startswith("在线") and "上次同步" in indicator.text()
        wait_idle(qtbot, window)
    finally:
        runner = ws.sync
        window.close()  # halts the sync before the database closes
        qtbot.waitUntil(lambda: runner.finished)
