"""The terminal's position where it has GNSS (QtPositioning), followed while a screen needs it.

A check-in must not keep the worker waiting for a satellite fix (a cold start takes minutes):
``Positioning`` follows the source in the background while Today is open, so a tap uses the
fix at hand; without a fresh one it asks for a moment only (``QUICK_FIX_MS``) and then goes
ahead without a location, which the screen then says.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from gridterm.domain.rounds import Location

#: The longest a check-in waits for a fix when none is fresh: a moment, not more.
QUICK_FIX_MS = 800
#: A fix this recent (seconds) still says where the worker is.
FRESH_FIX_S = 120.0
#: How often the background follow asks the source for a position.
FOLLOW_INTERVAL_MS = 15_000

Answer = Callable[[Location | None], None]


def to_location(info: Any) -> Location:
    """A QGeoPositionInfo as the core's Location (with the horizontal accuracy when known)."""
    from PySide6.QtPositioning import QGeoPositionInfo

    coord = info.coordinate()
    accuracy = None
    if info.hasAttribute(QGeoPositionInfo.Attribute.HorizontalAccuracy):
        accuracy = info.attribute(QGeoPositionInfo.Attribute.HorizontalAccuracy)
    return Location(coord.latitude(), coord.longitude(), accuracy)


def default_source(parent: QObject) -> Any:
    """The platform's position source, or None (no GNSS, no QtPositioning plugin)."""
    try:
        # Imported here: QtPositioning is only needed on Today, never at start-up.
        from PySide6.QtPositioning import QGeoPositionInfoSource
    except ImportError:
        return None
    return QGeoPositionInfoSource.createDefaultSource(parent)


class Positioning(QObject):
    """Follows a position source between ``start`` and ``stop``; ``current(answer)`` calls
    ``answer`` once with a Location or None, at once when a fresh fix is at hand or there is
    no source, else within ``QUICK_FIX_MS``; ``fixed(Location)`` on every fix."""

    fixed = Signal(object)

    def __init__(self, parent: QObject | None = None, enabled: bool = True):
        super().__init__(parent)
        self.enabled = enabled
        self._source: Any = None
        self._made = False
        self._fix: tuple[float, Location] | None = None
        self._waiting: list[Answer] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._answer(None))

    def use_source(self, source: Any) -> None:
        """Follow ``source`` (a QGeoPositionInfoSource or a stand-in with its signals)."""
        self._source, self._made = source, True
        if source is not None:
            source.positionUpdated.connect(self._position)
            source.errorOccurred.connect(lambda _: self._answer(None))

    def source(self) -> Any:
        """The position source, made on first use (None: the terminal has none)."""
        if not self._made:
            self.use_source(default_source(self) if self.enabled else None)
        return self._source

    def start(self) -> None:
        """Follow the position in the background (Today shown)."""
        source = self.source()
        if source is not None:
            source.setUpdateInterval(FOLLOW_INTERVAL_MS)
            source.startUpdates()

    def stop(self) -> None:
        """Stop following (Today hidden): no satellite receiver running for nothing."""
        if self._source is not None:
            self._source.stopUpdates()

    def fresh_fix(self) -> Location | None:
        """The last fix when it is recent enough to be where the worker is."""
        if self._fix is not None and time.monotonic() - self._fix[0] <= FRESH_FIX_S:
            return self._fix[1]
        return None

    def current(self, answer: Answer) -> None:
        """Where the worker is, as soon as it can be said (never later than a moment)."""
        fix = self.fresh_fix()
        source = self.source()
        if fix is not None or source is None:
            QTimer.singleShot(0, self, lambda: answer(fix))
            return
        self._waiting.append(answer)
        if not self._timer.isActive():
            source.requestUpdate(QUICK_FIX_MS)
            self._timer.start(QUICK_FIX_MS)

    def _position(self, info: Any) -> None:
        location = to_location(info)
        self._fix = (time.monotonic(), location)
        self._answer(location)
        self.fixed.emit(location)

    def _answer(self, location: Location | None) -> None:
        self._timer.stop()
        waiting, self._waiting = self._waiting, []
        for answer in waiting:
            answer(location)
