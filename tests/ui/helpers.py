"""Shared by the UI tests: the screens a test opens as a worker would reach them, a ticket
reported through the workspace, photos picked through the touch picker, and a crash and
restart of the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from tests.ui.conftest import DEMO_INSPECTOR, click_row, log_in, open_tab, qt_left, tap
from ui.main_window import MainWindow
from ui.settings import PHOTO_FOLDER
from ui.widgets.photo_picker import PhotoPicker

#: The test database's household with a resident (3-2-501, an elderly person living alone).
HOME = "h-g1-501"


def open_visit(qtbot, window):
    """The visit form for ``HOME``, once it has started."""
    window.shell.start_visit(HOME)
    visit = window.shell.top_screen()
    qtbot.waitUntil(lambda: visit.start is not None)
    return visit


def open_household(qtbot, window, household_id: str):
    """The household's screen, once its data is shown."""
    window.shell.open_household(household_id)
    household = window.shell.top_screen()
    qtbot.waitUntil(lambda: household.data is not None)
    return household


def open_building(qtbot, window):
    """The register's only building, its two floors of tiles shown."""
    register = open_tab(qtbot, window, "register")
    qtbot.waitUntil(lambda: register.building_model.rowCount() == 1)
    click_row(qtbot, register.building_table, 0)
    qtbot.waitUntil(lambda: window.shell.top_screen().objectName() == "building")
    building = window.shell.top_screen()
    qtbot.waitUntil(lambda: building.model.rowCount() == 2)
    return building


def open_market(qtbot, window):
    """The demo's market inspector logged in, on the market they land on."""
    log_in(qtbot, window, DEMO_INSPECTOR)
    market = window.shell.top_screen()
    assert market.objectName() == "market"  # the inspector lands on their market
    qtbot.waitUntil(lambda: market.data is not None)
    return market


def report(window, title: str = "楼道灯坏了", urgent: bool = False, household: str | None = None):
    """A ticket in grid g1 opened through the workspace's service."""
    return window.workspace.tickets.open(
        grid_id="g1", category="物业管理", title=title, urgent=urgent, household_id=household
    )


def history_steps(detail) -> list[str]:
    """What each step in a ticket's or a hazard's history did, top to bottom."""
    model = detail.history_model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def picture(folder: Path, name: str, color: str, size: tuple[int, int] = (800, 600)) -> Path:
    """A PNG of one colour in ``folder``."""
    path = folder / f"{name}.png"
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    image.save(str(path))
    return path


def tap_picture(qtbot, picker: PhotoPicker, path: Path) -> None:
    """Tap ``path``'s thumbnail, as a finger would."""
    qtbot.waitUntil(lambda: path in [p.path for p in picker.model.rows()])
    row = [p.path for p in picker.model.rows()].index(path)
    index = picker.model.index(row)
    picker.view.scrollTo(index)
    rect = picker.view.visualRect(index)
    qtbot.mouseClick(picker.view.viewport(), qt_left(), pos=rect.center())


def pick_photo(qtbot, strip, path: Path) -> None:
    """Attach ``path`` through the touch picker opened on its folder."""
    strip.ctx.settings.set(PHOTO_FOLDER, str(path.parent))
    before = len(strip.digests)
    tap(qtbot, strip.file_button)
    qtbot.waitUntil(lambda: strip.dialog is not None and strip.dialog.isVisible())
    tap_picture(qtbot, strip.dialog, path)
    qtbot.waitUntil(lambda: len(strip.digests) == before + 1)


def crash_and_restart(qtbot, ctx, window: MainWindow, worker: str = "w1") -> MainWindow:
    """A crash: the window and its database connection are gone without saving anything.
    Then the app starts again on the same context and ``worker`` logs in."""
    window.workspace.store.close()
    window.workspace = None
    window.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    again.show()
    log_in(qtbot, again, worker)
    return again
