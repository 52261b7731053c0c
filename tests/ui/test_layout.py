"""On every screen, landscape and portrait: touch targets ≥ 48 px and no button or one-line
label squeezed below its text (clipped text); the window keeps the tablet's size."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.conftest import log_in
from tests.ui.layout import problems_on_tour, settled_problems, tablet_window, wait_for
from tests.ui.tours import tour


@pytest.mark.parametrize(
    ("size", "locale", "text", "colours"),
    [
        ((1280, 800), "zh_CN", "normal", "normal"),
        ((800, 1280), "zh_CN", "normal", "normal"),
        ((1280, 800), "en", "large", "normal"),
        ((800, 1280), "en", "large", "normal"),
        # high contrast draws wider borders: the widest look there is
        ((800, 1280), "en", "large", "high_contrast"),
    ],
    ids=[
        "landscape",
        "portrait",
        "landscape-en-large",
        "portrait-en-large",
        "portrait-en-large-high-contrast",
    ],
)
def test_every_screen_fits_the_tablet(qtbot, ctx, size, locale, text, colours) -> None:
    with tablet_window(qtbot, ctx, size, locale, text, colours) as window:
        log_in(qtbot, window)
        window.workspace.tickets.open(
            grid_id="g1", category="物业管理", title="楼道灯坏了", urgent=True
        )
        bad = problems_on_tour(qtbot, window, tour(window, wait_for(qtbot)), size)
    assert bad == [], "\n".join(bad)


def test_a_households_long_tag_wraps_inside_its_header(qtbot, ctx) -> None:
    """In large English text on a portrait tablet "Key household: Chronic / regular
    treatment" ran under the action buttons, cut at the header's edge."""
    with tablet_window(qtbot, ctx, (800, 1280), "en", "large") as window:
        log_in(qtbot, window)
        window.workspace.register.edit_household(
            "h-g1-501", key_reasons=["patient", "elderly_alone"], party_member=True
        )
        window.shell.open_household("h-g1-501")
        household = window.shell.top_screen()
        wait_for(qtbot)(lambda: household.findChild(QLabel, "tag_key_household") is not None)
        QApplication.processEvents()
        assert settled_problems(qtbot, window) == []
