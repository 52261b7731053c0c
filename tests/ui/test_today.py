"""Today: check in and out, key households due first with their reasons, today's counts."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, Signal

from tests.ui.conftest import click_row, log_in, tap
from ui.models.due import DueModel

LEFT = Qt.MouseButton.LeftButton


def test_check_in_then_out(qtbot, window) -> None:
    log_in(qtbot, window)
    today = window.shell.top_screen()
    qtbot.waitUntil(lambda: today.data is not None)
    assert today.check_button.text() == "签到"
    assert today.check_state.text() == "今天还没有签到"
    tap(qtbot, today.check_button)
    qtbot.waitUntil(lambda: today.check_button.text() == "签退")
    assert today.check_state.text().splitlines()[0].endswith("已签到")
    tap(qtbot, today.check_button)
    qtbot.waitUntil(lambda: today.check_button.text() == "签到")
    assert today.check_state.text().startswith("今日巡查：")


def test_due_key_households_with_reasons_open_on_tap(qtbot, window) -> None:
    log_in(qtbot, window)
    today = window.shell.top_screen()
    qtbot.waitUntil(lambda: today.due_model.rowCount() == 1)
    assert today.due_title.text() == "待走访（1）"
    m = today.due_model
    row = [m.index(0, c).data() for c in range(m.columnCount())]
    assert row == ["从未走访", "3-2-501", "王秀英", "独居老人", "—"]
    assert m.index(0, DueModel.COL_STATE).data(Qt.ItemDataRole.ForegroundRole) is not None
    click_row(qtbot, today.due_table, 0)
    qtbot.waitUntil(lambda: window.shell.top_screen().objectName() == "household")


def test_counts_follow_what_was_recorded(qtbot, window) -> None:
    log_in(qtbot, window)
    today = window.shell.top_screen()
    qtbot.waitUntil(lambda: today.data is not None)
    assert today.count_labels["visits"].text() == "0"
    window.workspace.visits.record(
        household_id="h-g1-501",
        visited_at=window.workspace.session.now(),
        visit_type="key_group_care",
        outcome="nothing_raised",
    )
    window.workspace.tickets.open(grid_id="g1", category="消防安全", title="楼道堆物", urgent=True)
    qtbot.waitUntil(lambda: today.count_labels["visits"].text() == "1")
    assert today.count_labels["key_visits"].text() == "1"
    qtbot.waitUntil(lambda: today.count_labels["urgent_open"].text() == "1")
    qtbot.waitUntil(lambda: today.due_model.rowCount() == 0)
    assert today.none_due.isVisible()


class SilentSource(QObject):
    """A position source that never gets a fix (indoors, a cold GNSS receiver)."""

    positionUpdated = Signal(object)
    errorOccurred = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[int] = []

    def setUpdateInterval(self, ms: int) -> None:
        pass

    def startUpdates(self) -> None:
        pass

    def stopUpdates(self) -> None:
        pass

    def requestUpdate(self, timeout_ms: int) -> None:
        self.requests.append(timeout_ms)


def test_check_in_without_a_fix_is_quick_and_says_so(qtbot, window) -> None:
    log_in(qtbot, window)
    today = window.shell.top_screen()
    qtbot.waitUntil(lambda: today.data is not None)
    source = SilentSource()
    today.positioning.use_source(source)
    started = time.monotonic()
    tap(qtbot, today.check_button)
    qtbot.waitUntil(lambda: today.check_button.text() == "签退", timeout=1500)
    assert time.monotonic() - started < 1.5  # a moment, not 4.5 s of "正在定位……"
    assert source.requests and source.requests[0] <= 1000
    assert today.check_state.text().endswith("没有获取到位置：本次签到未记录位置。")
    assert window.workspace.rounds.last_check().location is None
