"""On every screen, landscape and portrait: touch targets ≥ 48 px and no button or one-line
label squeezed below its text (clipped text); the window keeps the tablet's size."""

from __future__ import annotations

import pytest

from tests.ui.conftest import log_in
from tests.ui.layout import problems_on_tour, tablet_window, wait_for
from tests.ui.tours import tour


@pytest.mark.parametrize(
    ("size", "locale", "text"),
    [
        ((1280, 800), "zh_CN", "normal"),
        ((800, 1280), "zh_CN", "normal"),
        ((1280, 800), "en", "large"),
        ((800, 1280), "en", "large"),
    ],
    ids=["landscape", "portrait", "landscape-en-large", "portrait-en-large"],
)
def test_every_screen_fits_the_tablet(qtbot, ctx, size, locale, text) -> None:
    with tablet_window(qtbot, ctx, size, locale, text) as window:
        log_in(qtbot, window)
        window.workspace.tickets.open(
            grid_id="g1", category="物业管理", title="楼道灯坏了", urgent=True
        )
        bad = problems_on_tour(qtbot, window, tour(window, wait_for(qtbot)), size)
    assert bad == [], "\n".join(bad)
