"""Colours and text size are two independent settings: high contrast goes with large text,
every combination fits and shows the lock; an old single 'theme' setting is carried over
(issue 12)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import log_in, open_tab, tap
from tests.ui.layout import settled_problems, tablet_window
from ui.settings import COLOURS, OLD_THEME_KEY, TEXT_SIZE, AppSettings


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_high_contrast_and_large_text_are_chosen_apart_and_kept(qtbot, window, ctx) -> None:
    log_in(qtbot, window)
    settings = open_tab(qtbot, window, "settings")
    normal_px = ctx.theme.font_px
    tap(qtbot, settings.colours.buttons["high_contrast"])
    tap(qtbot, settings.text_size.buttons["large"])
    # both at once: black ground and the larger text
    assert (ctx.theme.scheme, ctx.theme.text_size) == ("high_contrast", "large")
    assert ctx.theme.color("bg") == QColor("#000000") and ctx.theme.font_px > normal_px
    assert QApplication.font().pixelSize() == ctx.theme.font_px
    assert (ctx.settings.get(COLOURS), ctx.settings.get(TEXT_SIZE)) == ("high_contrast", "large")
    # changing one leaves the other
    tap(qtbot, settings.colours.buttons["normal"])
    assert (ctx.theme.scheme, ctx.theme.text_size) == ("normal", "large")
    assert ctx.theme.color("bg") != QColor("#000000")
    tap(qtbot, settings.text_size.buttons["normal"])
    assert ctx.theme.font_px == normal_px
    assert (ctx.settings.get(COLOURS), ctx.settings.get(TEXT_SIZE)) == ("normal", "normal")


@pytest.mark.parametrize(
    ("old", "colours", "text"),
    [
        ("normal", "normal", "normal"),
        ("high_contrast", "high_contrast", "normal"),
        ("large_text", "normal", "large"),
        ("no such theme", "normal", "normal"),
    ],
)
def test_an_old_theme_setting_becomes_the_two_settings(tmp_path, old, colours, text) -> None:
    path = tmp_path / "old.ini"
    path.write_text(f"[settings]\nversion=1\n\n[ui]\ntheme={old}\nlanguage=en\n")
    settings = AppSettings(path)
    assert (settings.get(COLOURS), settings.get(TEXT_SIZE)) == (colours, text)
    assert not settings.qsettings.contains(OLD_THEME_KEY)
    settings.set(TEXT_SIZE, "large")  # and a later start does not migrate again
    assert AppSettings(path).get(TEXT_SIZE) == "large"


COMBINATIONS = [
    (colours, text, locale, size)
    for colours in ("normal", "high_contrast")
    for text in ("normal", "large")
    for locale in ("zh_CN", "en")
    for size in ((1280, 800), (800, 1280))
]


@pytest.mark.parametrize(
    ("colours", "text", "locale", "size"),
    COMBINATIONS,
    ids=[f"{c}-{t}-{loc}-{w}x{h}" for c, t, loc, (w, h) in COMBINATIONS],
)
def test_every_combination_shows_the_lock_and_fits(qtbot, ctx, colours, text, locale, size) -> None:
    with tablet_window(qtbot, ctx, size, locale, text, colours) as window:
        log_in(qtbot, window)
        settings = open_tab(qtbot, window, "settings")
        assert settings.colours.value() == colours and settings.text_size.value() == text
        QApplication.processEvents()
        top, lock = window.shell.top, window.shell.top.lock
        # The lock is there, whole, on the screen...
        assert lock.isVisible()
        place = QRect(lock.mapTo(window, lock.rect().topLeft()), lock.size())
        assert window.rect().contains(place), (place, window.rect())
        # ...and drawn in a colour that stands out from the bar behind it.
        image = lock.grab().toImage()
        ground = QColor(top.grab().toImage().pixelColor(2, 2))
        w, h = image.width(), image.height()
        inked = [
            image.pixelColor(x, y)
            for x in range(w // 4, 3 * w // 4)
            for y in range(h // 4, 3 * h // 4)
            if contrast(image.pixelColor(x, y), ground) > 3
        ]
        assert len(inked) > 20, f"lock icon hardly visible on {ground.name()}"
        assert settled_problems(qtbot, window) == []
