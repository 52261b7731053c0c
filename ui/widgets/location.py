"""A one-off position fix where the terminal has GNSS (QtPositioning), else none."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from gridterm.domain.rounds import Location

#: How long a check-in waits for a fix before going ahead without one.
FIX_TIMEOUT_MS = 4000


class LocationProbe(QObject):
    """Emits ``located(Location | None)`` once: a fix, or None when there is no source or no
    fix in time (a check-in never waits longer than ``FIX_TIMEOUT_MS``)."""

    located = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._done = False
        self._source = None

    def start(self, enabled: bool = True) -> None:
        """Ask for one fix (``enabled`` False: answer None at once)."""
        if not enabled:
            QTimer.singleShot(0, self, lambda: self._finish(None))
            return
        try:
            # Imported here: QtPositioning is only needed at check-in, never at start-up.
            from PySide6.QtPositioning import QGeoPositionInfoSource
        except ImportError:
            QTimer.singleShot(0, self, lambda: self._finish(None))
            return
        self._source = QGeoPositionInfoSource.createDefaultSource(self)
        if self._source is None:
            QTimer.singleShot(0, self, lambda: self._finish(None))
            return
        self._source.positionUpdated.connect(self._fix)
        self._source.errorOccurred.connect(lambda _: self._finish(None))
        self._source.requestUpdate(FIX_TIMEOUT_MS)
        QTimer.singleShot(FIX_TIMEOUT_MS + 500, self, lambda: self._finish(None))

    def _fix(self, info: object) -> None:
        coord = info.coordinate()  # type: ignore[attr-defined]
        accuracy = None
        from PySide6.QtPositioning import QGeoPositionInfo

        if info.hasAttribute(QGeoPositionInfo.Attribute.HorizontalAccuracy):  # type: ignore[attr-defined]
            accuracy = info.attribute(QGeoPositionInfo.Attribute.HorizontalAccuracy)  # type: ignore[attr-defined]
        self._finish(Location(coord.latitude(), coord.longitude(), accuracy))

    def _finish(self, location: Location | None) -> None:
        if not self._done:
            self._done = True
            self.located.emit(location)
