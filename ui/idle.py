"""Locking the terminal after idle time: any touch, click or key restarts the countdown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.Wheel,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_ms`` without input while ``active``."""

    idle = Signal()

    def __init__(self, app: QObject, timeout_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle)
        app.installEventFilter(self)

    @property
    def active(self) -> bool:
        """Whether the countdown runs (only while someone is logged in)."""
        return self._timer.isActive()

    def start(self) -> None:
        """Begin counting idle time."""
        self._timer.start()

    def stop(self) -> None:
        """Stop counting (locked or logged out)."""
        self._timer.stop()

    def set_timeout(self, ms: int) -> None:
        """Change the idle time."""
        self._timer.setInterval(ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self._timer.isActive():
            self._timer.start()
        return False
