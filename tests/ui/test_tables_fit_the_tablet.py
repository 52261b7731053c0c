"""Every table fits the tablet's width: no sideways scrolling on a 1280×800 landscape or an
800×1280 portrait window, in Chinese and English, normal and large text (the walk of issue
12 measured the residents list 326 px wider than its view, the hazards list 587–601 px)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.exceptions import TimeoutError as WaitTimedOut

from tests.ui.conftest import DEMO_INSPECTOR, log_in
from tests.ui.layout import views_scroll_sideways, wait_for
from tests.ui.tours import inspector_tour, tour
from ui.main_window import MainWindow

CONFIGS = [
    ((1280, 800), "zh_CN", "normal"),
    ((800, 1280), "zh_CN", "large"),
    ((1280, 800), "en", "large"),
    ((800, 1280), "en", "large"),
]
IDS = ["landscape", "portrait-large", "landscape-en-large", "portrait-en-large"]


@contextlib.contextmanager
def dressed(window: MainWindow, size: tuple[int, int], locale: str, text: str) -> Iterator[None]:
    ctx = window.ctx
    ctx.i18n.switch(locale)
    ctx.theme.apply("normal", text)
    window.resize(*size)
    try:
        yield
    finally:
        ctx.theme.apply("normal", "normal")
        ctx.i18n.switch("zh_CN")


def overflows(qtbot, window: MainWindow, steps) -> list[str]:
    bad = []
    for name, _screen in steps:
        QApplication.processEvents()
        with contextlib.suppress(WaitTimedOut):
            qtbot.waitUntil(lambda: not views_scroll_sideways(window), timeout=300)
        bad += [f"{name}: {p}" for p in views_scroll_sideways(window)]
    return bad


@pytest.mark.parametrize(("size", "locale", "text"), CONFIGS, ids=IDS)
@pytest.mark.parametrize("worker", ["G0001", "S0001", DEMO_INSPECTOR])
def test_no_table_scrolls_sideways(qtbot, demo_window, size, locale, text, worker) -> None:
    with dressed(demo_window, size, locale, text):
        log_in(qtbot, demo_window, worker)
        walk = inspector_tour if worker == DEMO_INSPECTOR else tour
        bad = overflows(qtbot, demo_window, walk(demo_window, wait_for(qtbot)))
    assert bad == [], "\n".join(bad)
