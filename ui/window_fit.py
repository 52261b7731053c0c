"""Where the main window opens: the tablet's size turned as the screen is, on the screen."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QMainWindow

#: The tablet's landscape screen; the window fills the screen on the device itself.
DEFAULT_SIZE = QSize(1280, 800)


def window_size(available: QSize) -> QSize:
    """The window's size on a screen with ``available`` room: the tablet's, turned as the
    screen is (800×1280 on a portrait one), and never larger than the room."""
    tablet = DEFAULT_SIZE.transposed() if available.height() > available.width() else DEFAULT_SIZE
    return tablet.boundedTo(available)


def fit_to_screen(window: QMainWindow, available: QRect) -> None:
    """Size and place ``window`` for a screen's ``available`` geometry: without a window
    manager (the tablet's kiosk session) nothing else turns it or keeps it on the screen.
    A geometry restored from the last run stays, as far as it fits."""
    restored = window.geometry() if window.property("restored") else None
    size = (
        restored.size().boundedTo(available.size()) if restored else window_size(available.size())
    )
    place = QRect(restored.topLeft() if restored else available.topLeft(), size)
    # moved back inside the screen where the restored place runs past an edge
    place.moveRight(min(place.right(), available.right()))
    place.moveBottom(min(place.bottom(), available.bottom()))
    place.moveLeft(max(place.left(), available.left()))
    place.moveTop(max(place.top(), available.top()))
    window.setGeometry(place)
