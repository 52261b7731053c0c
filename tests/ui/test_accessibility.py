"""Every control on every screen has a name a screen reader can read, in the UI's language.

The walk: the first-run and login screens, then each role's screens (the tours of
``tests/ui/tours``, every section of the navigation, every tab of a
tabbed page, every action panel of a ticket), and the lock screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from tests.ui.accessibility import accessible_description, find_by_name, names, unnamed
from tests.ui.conftest import DEMO_INSPECTOR, log_in, tap
from tests.ui.texts import untranslated
from tests.ui.tours import inspection_tour, inspector_tour, tour
from ui.main_window import MainWindow


class Walk:
    """Collects, screen by screen, the controls without a name or with an English one."""

    def __init__(self, qtbot, window: MainWindow):
        self.qtbot = qtbot
        self.window = window
        self.seen: list[str] = []
        self._bad: dict[str, str] = {}  # each problem once, with the first screen showing it

    def wait(self, ok) -> None:
        # a screen's data within 15 s: a loaded CI machine takes longer than a tablet
        self.qtbot.waitUntil(ok, timeout=15000)

    def check(self, name: str) -> None:
        """This screen as shown, then each tab of its tabbed pages."""
        QApplication.processEvents()
        self.seen.append(name)
        self._check_shown(name)
        for tabs in self.window.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            shown = tabs.currentIndex()
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                QApplication.processEvents()
                self._check_shown(f"{name} / {tabs.tabText(i)}")
            tabs.setCurrentIndex(shown)

    def _check_shown(self, name: str) -> None:
        problems = unnamed(self.window)
        problems += [f"{where} {text!r}" for where, text in untranslated(names(self.window))]
        for problem in problems:
            self._bad.setdefault(problem, name)

    @property
    def bad(self) -> list[str]:
        """Each control without a name (or with an English one), and where it was seen."""
        return [f"{screen}: {problem}" for problem, screen in self._bad.items()]

    def steps(self, steps: Iterable[tuple[str, QWidget]]) -> None:
        for name, screen in steps:
            self.check(name)
            if name == "ticket_detail":
                self.action_panels(screen)

    def action_panels(self, detail: Any) -> None:
        """Each action the ticket offers, with its panel open, then closed again."""
        for action in detail.action_buttons():
            tap(self.qtbot, detail.findChild(QWidget, f"action_{action}"))
            self.check(f"ticket_detail / {action}")
            detail.action_panel.dismiss()

    def sections(self) -> None:
        """The sections of the navigation the tour did not reach (Hazards for supervisors)."""
        shell: Any = self.window.shell
        for section in shell.nav.buttons:
            shell.show_tab(section)
            screen: Any = shell.top_screen()
            if hasattr(screen, "data"):
                self.wait(lambda screen=screen: screen.data is not None)
            self.check(f"section {section}")

    def lock(self) -> None:
        self.window.lock()
        self.check("locked")


def test_first_run_and_login_name_their_controls(qtbot, window) -> None:
    walk = Walk(qtbot, window)
    window.stack.setCurrentWidget(window.first_run)
    walk.check("first_run")
    window.first_run.set_enrolling()
    walk.check("first_run enrolling")
    window.stack.setCurrentWidget(window.login)
    walk.check("login")
    assert walk.bad == [], "\n".join(walk.bad)
    # Found by their names, as a screen reader user (or a test) finds them.
    assert find_by_name(window, "工号") is window.login.worker_id
    assert find_by_name(window, "PIN 码") is window.login.pin
    assert accessible_description(window.login.pin)


@pytest.mark.parametrize(
    "worker",
    ["G0001", "P0001", "S0001", "J0001"],
    ids=["grid worker", "part-time worker", "community supervisor", "street staff"],
)
def test_every_screen_of_every_role_names_its_controls(qtbot, demo_window, worker) -> None:
    log_in(qtbot, demo_window, worker)
    walk = Walk(qtbot, demo_window)
    walk.steps(tour(demo_window, walk.wait))
    walk.sections()
    walk.lock()
    assert "tickets" in walk.seen and "ticket_detail" in walk.seen
    assert walk.bad == [], "\n".join(walk.bad)


def test_the_market_inspectors_screens_name_their_controls(qtbot, demo_window) -> None:
    log_in(qtbot, demo_window, DEMO_INSPECTOR)
    walk = Walk(qtbot, demo_window)
    walk.steps(inspector_tour(demo_window, walk.wait))
    walk.steps(inspection_tour(demo_window.shell, walk.wait))
    walk.sections()
    assert {"market", "market_grid", "premises", "premises_edit", "hazards"} <= set(walk.seen)
    assert {"inspection", "inspection_sign", "hazard_detail"} <= set(walk.seen)
    assert walk.bad == [], "\n".join(walk.bad)
