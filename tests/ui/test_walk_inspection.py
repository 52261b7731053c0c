"""What the walk of issue 12 found on the market inspector's screens (docs/ui.md, *The walk
of 2026-12-03*): the inspection's heading says where the stall is as the stall's page does,
"finish" does not go on counting items already answered, and the stall's page names the
stall even where its title is cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import log_in, tap, wait_idle
from tests.ui.inspections import PREMISES_ID, with_stalls


@pytest.fixture
def db_path(db_path: Path) -> Path:
    """The UI test database with the market inspector i1, a checklist and two stalls."""
    return with_stalls(db_path)


def open_inspection(qtbot, window):
    log_in(qtbot, window, "i1")
    window.shell.start_inspection(PREMISES_ID)
    screen = window.shell.top_screen()
    qtbot.waitUntil(lambda: bool(screen.cards), timeout=5000)
    return screen


def test_the_inspection_heading_says_building_floor_row_and_stall(qtbot, window) -> None:
    screen = open_inspection(qtbot, window)
    heading = screen.heading.text()
    # as the stall's own page says it; it read "A区 1层 101", without the row or 摊位
    assert "3排 · 摊位 101" in heading
    assert heading.startswith("王老板 · ")  # the operator first, as before


def test_an_answer_takes_away_what_finish_said_about_the_unanswered(qtbot, window) -> None:
    screen = open_inspection(qtbot, window)
    tap(qtbot, screen.finish)
    qtbot.waitUntil(lambda: screen.error.isVisible())
    assert "5" in screen.error.text()  # five items not checked yet
    code = next(iter(screen.cards))
    tap(qtbot, screen.cards[code].result.buttons["pass"])
    # "answered 1/5" beside "5 items not checked yet" contradicted itself
    assert not screen.error.isVisible()
    wait_idle(qtbot, window)
    tap(qtbot, screen.finish)
    qtbot.waitUntil(lambda: screen.error.isVisible())
    assert "4" in screen.error.text()


def test_the_stall_page_names_the_stall_beside_its_facts(qtbot, window) -> None:
    log_in(qtbot, window, "i1")
    window.shell.open_premises(PREMISES_ID)
    page = window.shell.top_screen()
    qtbot.waitUntil(lambda: page.data is not None)
    # its title ("101 鑫源五金") is cut on a portrait tablet: the name must be there as well
    assert page.values["name"].text() == "鑫源五金"
    assert page.values["name"].isVisible()
