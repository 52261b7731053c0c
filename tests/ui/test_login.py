"""Logging in with worker ID and PIN, wrong PINs, the PIN pad, and the idle lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QPushButton

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


@pytest.mark.parametrize("size", [(1280, 800), (800, 1280)], ids=["landscape", "portrait"])
def test_a_wrong_pin_moves_no_key_of_the_pad(qtbot, window, size) -> None:
    # the portrait walk of 2026-12-06: the error and the tries left grew the centred card,
    # which moved up 42 px, so the next PIN was typed with every key off by half a key
    window.resize(*size)
    window.show()
    login = window.login
    keys = [k for k in login.findChildren(QPushButton) if k.objectName().startswith("pinKey_")]
    targets = [*keys, login.submit, login.pin, login.worker_id]
    before = [place(t) for t in targets]
    qtbot.keyClicks(login.worker_id, "w1")
    qtbot.keyClicks(login.pin, "999999")
    qtbot.mouseClick(login.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: login.error.isVisible() and login.notice.isVisible())
    assert [place(t) for t in targets] == before


def place(widget) -> QRect:
    QApplication.processEvents()
    return QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())
