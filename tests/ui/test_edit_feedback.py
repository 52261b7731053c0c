"""The register's edit forms say they saved, as the visit form does: a brief toast over the
household the worker goes back to (the walk of 2026-12-03 found none)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.conftest import log_in, tap, type_text
from tests.ui.helpers import open_household


def _toast(window) -> str | None:
    toast = window.findChild(QLabel, "toast")
    return toast.text() if toast is not None and toast.isVisible() else None


def test_saving_a_household_says_so(qtbot, window) -> None:
    log_in(qtbot, window)
    household = open_household(qtbot, window, "h-g1-602")
    tap(qtbot, household.edit_button)
    edit = window.shell.top_screen()
    type_text(qtbot, edit.notes, "租户已换")
    tap(qtbot, edit.save)
    qtbot.waitUntil(lambda: window.shell.top_screen() is household)
    assert _toast(window) == "户信息已保存。"
    assert window.rect().contains(window.findChild(QLabel, "toast").geometry())


def test_saving_a_new_resident_says_so(qtbot, window) -> None:
    log_in(qtbot, window)
    household = open_household(qtbot, window, "h-g1-602")
    tap(qtbot, household.add_resident)
    edit = window.shell.top_screen()
    type_text(qtbot, edit.name, "李建国")
    tap(qtbot, edit.gender.buttons["male"])
    tap(qtbot, edit.save)
    qtbot.waitUntil(lambda: window.shell.top_screen() is household)
    assert _toast(window) == "居民信息已保存。"
    qtbot.waitUntil(lambda: window.findChild(QLabel, "toast") is None, timeout=5000)
