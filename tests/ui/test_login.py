"""Logging in with worker ID and PIN, wrong PINs, the PIN pad, and the idle lock."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import PIN
from tests.ui.conftest import log_in


def test_login_opens_today(qtbot, window) -> None:
    assert window.stack.currentWidget() is window.login
    log_in(qtbot, window)
    assert window.workspace.session.user.worker_id == "w1"
    assert window.shell.current == "today"


def test_a_wrong_pin_says_so_in_chinese(qtbot, window) -> None:
    qtbot.keyClicks(window.login.worker_id, "w1")
    qtbot.keyClicks(window.login.pin, "999999")
    qtbot.mouseClick(window.login.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.login.error.isVisible())
    assert window.login.error.text() == "工号或 PIN 码错误。"
    assert window.login.pin.text() == ""
    assert window.workspace is None


def test_the_pin_pad_types_the_pin(qtbot, window) -> None:
    for digit in PIN:
        qtbot.mouseClick(
            window.login.findChild(type(window.login.submit), f"pinKey_{digit}"),
            Qt.MouseButton.LeftButton,
        )
    assert window.login.pin.text() == PIN
    qtbot.mouseClick(
        window.login.findChild(type(window.login.submit), "pinKey_back"), Qt.MouseButton.LeftButton
    )
    assert window.login.pin.text() == PIN[:-1]


def test_idle_lock_needs_the_pin_again(qtbot, window) -> None:
    log_in(qtbot, window)
    window.idle.set_timeout(50)
    window.idle.start()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login)
    assert window.login.locked_worker == "w1"
    assert not window.login.worker_id.isEnabled()
    qtbot.keyClicks(window.login.pin, "000000")
    qtbot.mouseClick(window.login.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.login.error.isVisible())
    qtbot.keyClicks(window.login.pin, PIN)
    qtbot.mouseClick(window.login.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell)
