"""A day of taps in a minute: synthetic key, tap and wheel input spread over the screens.

``soak`` drives a logged-in main window through Today, a household, the visit form, search,
tickets and settings, and sends each screen its share of input events the way Qt would
deliver a finger's or a keyboard's: key presses and releases into the text fields, taps on
the fields and on the screen's background, wheel turns over the form and its combo boxes.
It never taps buttons, so no dialog opens and nothing is saved but the drafts the typing makes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ui.main_window import MainWindow

Wait = Callable[[Callable[[], bool]], None]
#: Events between two turns of the event loop (timers, queued signals and ops results run).
PUMP_EVERY = 50
_KEYS = [(Qt.Key(Qt.Key.Key_A + i), chr(ord("a") + i)) for i in range(26)] + [
    (Qt.Key(Qt.Key.Key_0 + i), str(i)) for i in range(10)
]


@dataclass
class SoakReport:
    """What a soak sent, screen by screen."""

    events: int
    by_screen: dict[str, int]


def soak(window: MainWindow, wait: Wait, events: int, seed: int = 12) -> SoakReport:
    """Send ``events`` inputs over the screens of a logged-in worker's window."""
    rng = random.Random(seed)
    stages = list(_stages(window, wait))
    share = events // len(stages)
    by_screen: dict[str, int] = {}
    sent = 0
    for i, (name, open_screen) in enumerate(stages):
        screen = open_screen()
        count = share if i < len(stages) - 1 else events - sent
        _drive(screen, rng, count)
        by_screen[name] = by_screen.get(name, 0) + count
        sent += count
    return SoakReport(sent, by_screen)


def _stages(window: MainWindow, wait: Wait) -> Iterator[tuple[str, Callable[[], QWidget]]]:
    shell: Any = window.shell
    assert shell is not None

    def today() -> QWidget:
        shell.show_tab("today")
        screen = shell.top_screen()
        wait(lambda: screen.data is not None)
        return screen

    def household() -> QWidget:
        shell.show_tab("register")
        register = shell.top_screen()
        wait(lambda: register.building_model.rowCount() > 0)
        shell.open_building(register.building_model.rows()[0].building_id)
        building = shell.top_screen()
        wait(lambda: building.data is not None)
        shell.open_household(building.data.tiles[0].household_id)
        screen = shell.top_screen()
        wait(lambda: screen.data is not None)
        return screen

    def visit() -> QWidget:
        household_screen = shell.top_screen()
        shell.start_visit(household_screen.data.household.id)
        screen = shell.top_screen()
        wait(lambda: screen.start is not None)
        screen.add_concern()
        return screen

    def search() -> QWidget:
        shell.top_screen()._discard()
        shell.show_tab("register")
        while shell.top_screen() is not shell._stacks["register"].widget(0):
            shell.back()
        return shell.top_screen()

    def tickets() -> QWidget:
        shell.show_tab("tickets")
        return shell.top_screen()

    def settings() -> QWidget:
        shell.show_tab("settings")
        return shell.top_screen()

    yield "today", today
    yield "household", household
    yield "visit", visit
    yield "search", search
    yield "tickets", tickets
    yield "settings", settings


def _targets(screen: QWidget) -> tuple[list[QWidget], list[QWidget], list[QWidget]]:
    """The screen's text fields, what a finger may tap, and what a wheel may turn over."""

    def shown(w: QWidget) -> bool:
        return w.isVisible() and w.isEnabled()

    # Settings' only text field is the server address: typing there is harmless until
    # "save", but the soak keeps to what a worker types during the day.
    texts: list[QWidget] = [
        w
        for w in screen.findChildren(QWidget)
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit)
        and shown(w)
        and screen.objectName() != "settings"
    ]
    taps: list[QWidget] = [screen, *texts]
    wheels: list[QWidget] = [
        w.viewport() if isinstance(w, QAbstractScrollArea) else w
        for w in screen.findChildren(QWidget)
        if isinstance(w, QAbstractScrollArea | QComboBox) and shown(w)
    ] or [screen]
    return texts, taps, wheels


def _drive(screen: QWidget, rng: random.Random, count: int) -> None:
    texts, taps, wheels = _targets(screen)
    keys = texts or [screen]  # keys with no field to type in go where the focus would be
    for n in range(count):
        kind = rng.random()
        if kind < 0.6:
            _key(rng.choice(keys), rng)
        elif kind < 0.85:
            _tap(rng.choice(taps), rng)
        else:
            _wheel(rng.choice(wheels), rng)
        if n % PUMP_EVERY == 0:
            QApplication.processEvents()
    QApplication.processEvents()


def _key(target: QWidget, rng: random.Random) -> None:
    # Mostly letters and digits, sometimes a backspace, so the fields do not grow forever.
    key, text = (Qt.Key.Key_Backspace, "") if rng.random() < 0.3 else rng.choice(_KEYS)
    for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def _point(target: QWidget, rng: random.Random) -> QPointF:
    return QPointF(rng.uniform(1, max(2, target.width() - 1)), rng.uniform(1, target.height() - 1))


def _tap(target: QWidget, rng: random.Random) -> None:
    local = _point(target, rng)
    scene = QPointF(target.mapToGlobal(local.toPoint()))
    for kind in (QMouseEvent.Type.MouseButtonPress, QMouseEvent.Type.MouseButtonRelease):
        buttons = Qt.MouseButton.LeftButton if kind == QMouseEvent.Type.MouseButtonPress else 0
        QApplication.sendEvent(
            target,
            QMouseEvent(
                kind,
                local,
                scene,
                Qt.MouseButton.LeftButton,
                Qt.MouseButton(buttons),
                Qt.KeyboardModifier.NoModifier,
            ),
        )


def _wheel(target: QWidget, rng: random.Random) -> None:
    local = _point(target, rng)
    notches = rng.choice((-2, -1, 1, 2))
    QApplication.sendEvent(
        target,
        QWheelEvent(
            local,
            QPointF(target.mapToGlobal(local.toPoint())),
            QPoint(),
            QPoint(0, 120 * notches),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        ),
    )
