"""Switching language rebuilds the shell; what the old one connected must die with it, and no
internal error text ever reaches a worker."""

from __future__ import annotations

import logging

from PySide6.QtCore import SIGNAL, QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import log_in, open_tab, tap
from ui.labels import error_message
from ui.ops import CoreOp


def _delete_old_widgets() -> None:
    """Run the deferred deletes a language switch leaves (the old shell and its bar)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def test_theme_after_language_switches_reaches_only_live_widgets(qtbot, window, ctx) -> None:
    log_in(qtbot, window)
    open_tab(qtbot, window, "settings")
    theme_receivers = ctx.theme.receivers(SIGNAL("changed()"))
    event_receivers = window.workspace.events.receivers(SIGNAL("changed(PyObject)"))
    for locale, title in (("en", "Settings"), ("zh_CN", "设置"), ("en", "Settings")):
        tap(qtbot, window.shell.top_screen().language.buttons[locale])
        qtbot.waitUntil(lambda t=title: window.shell.top.title.text() == t)
        _delete_old_widgets()
    # Every old bar, top bar and indicator let go of the theme and the store events.
    assert ctx.theme.receivers(SIGNAL("changed()")) == theme_receivers
    assert window.workspace.events.receivers(SIGNAL("changed(PyObject)")) == event_receivers
    # A theme change now reaches only the live shell: no "already deleted" (pytest-qt fails a
    # test on any exception raised in a slot).
    tap(qtbot, window.shell.top_screen().colours.buttons["high_contrast"])
    qtbot.wait(50)
    assert window.findChildren(QMessageBox) == []
    ctx.theme.apply("normal", "normal")


def test_an_unexpected_error_shows_a_plain_message_and_logs_the_details(
    qtbot, window, ctx, caplog
) -> None:
    internal = RuntimeError("libshiboken: Internal C++ object (NavBar) already deleted.")
    with caplog.at_level(logging.ERROR):
        shown = error_message(internal)
    assert "libshiboken" not in shown and "NavBar" not in shown
    assert shown.startswith("出了点问题")
    assert "libshiboken" in caplog.text  # the details are for support, in the log
    # An error whose code the UI does not know does not show the code either.
    coded = type("Odd", (Exception,), {"code": "store.page_torn"})("x")
    assert "store.page_torn" not in error_message(coded)

    # The default error dialog of an operation off the GUI thread says the same.
    def boom() -> None:
        raise internal

    log_in(qtbot, window)
    CoreOp(window, boom).run(ctx.ops)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None)
    box = window.findChild(QMessageBox, "errorBox")
    assert "libshiboken" not in box.text() and box.text().startswith("出了点问题")
    box.close()
