"""The app survives a day of input: the soak test (docs/ui.md, "The soak test").

``./dev test`` sends 50,000 inputs; ``./dev test tests/ui/test_soak.py --soak-long`` sends
500,000. The check that matters is ``None``'s reference count: PySide6 6.12.0 drops one per
``QTimer.start()``, and the interpreter aborts once it reaches zero.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import log_in
from tests.ui.soak import soak
from ui.idle import IdleWatcher
from ui.ops import CoreOp
from ui.quiet import QuietTimer

SOAK_EVENTS = 50_000
SOAK_LONG_EVENTS = 500_000
#: Objects that hold None come and go during a run; a leak of one per input is far larger.
NONE_SLACK = 2_000


@pytest.fixture
def soak_events(request: pytest.FixtureRequest) -> int:
    return SOAK_LONG_EVENTS if request.config.getoption("--soak-long") else SOAK_EVENTS


@pytest.mark.slow
def test_a_day_of_input_leaves_the_app_alive_and_none_intact(
    qtbot, window, soak_events: int
) -> None:
    window.resize(1280, 800)
    log_in(qtbot, window)

    def wait(condition) -> None:
        qtbot.waitUntil(condition, timeout=10_000)

    # A first short run loads every screen, so what stays cached is not counted as a leak.
    soak(window, wait, 600)
    QApplication.processEvents()
    before = sys.getrefcount(None)
    report = soak(window, wait, soak_events)
    QApplication.processEvents()
    after = sys.getrefcount(None)

    assert report.events == soak_events
    assert set(report.by_screen) == {"today", "household", "visit", "search", "tickets", "settings"}
    assert after > before - NONE_SLACK, f"None lost {before - after} references"
    # Still responsive: the GUI thread answers, and an operation off it comes back.
    assert window.isVisible() and window.shell is not None and window.shell.isVisible()
    answers: list[int] = []
    CoreOp(window, lambda: 42).success(answers.append).run(window.ctx.ops)
    qtbot.waitUntil(lambda: answers == [42], timeout=5000)


def _type(widget: QWidget, times: int) -> None:
    for _ in range(times):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
            QApplication.sendEvent(widget, event)


def test_input_does_not_restart_the_idle_timer(qtbot, qapp) -> None:
    """A key only notes the time: the timer armed at start is the one still running."""
    target = QWidget()
    qtbot.addWidget(target)
    watcher = IdleWatcher(qapp, 60_000)
    watcher.start()
    armed = watcher._quiet._timer.timerId()
    _type(target, 1000)
    assert watcher.active
    assert watcher._quiet._timer.timerId() == armed
    watcher.stop()
    qapp.removeEventFilter(watcher)


def test_idle_counts_from_the_last_input(qtbot, qapp) -> None:
    clock = [0.0]
    target = QWidget()
    qtbot.addWidget(target)
    watcher = IdleWatcher(qapp, 200)
    watcher._quiet._now = lambda: clock[0]
    fired: list[float] = []
    watcher.idle.connect(lambda: fired.append(clock[0]))
    watcher.start()
    clock[0] = 0.15  # input 150 ms in: the lock must wait until 350 ms
    _type(target, 1)
    clock[0] = 0.2
    watcher._quiet._fire()  # the timer armed at 0 fires at 200 ms …
    assert fired == [] and watcher.active  # … and waits on for the rest
    clock[0] = 0.35
    watcher._quiet._fire()
    assert fired == [0.35]
    qapp.removeEventFilter(watcher)


def test_a_quiet_timer_runs_once_after_the_last_poke(qtbot, qapp) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    runs: list[int] = []
    quiet = QuietTimer(owner, 30, lambda: runs.append(1))
    quiet.poke()
    armed = quiet._timer.timerId()
    for _ in range(500):
        quiet.poke()
    assert quiet._timer.timerId() == armed
    qtbot.waitUntil(lambda: runs == [1])
    qtbot.wait(60)
    assert runs == [1] and not quiet.pending
    quiet.poke()
    quiet.flush()
    assert runs == [1, 1] and not quiet.pending
