"""Locking the terminal after idle time: any touch, click or key restarts the countdown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal

from ui.quiet import QuietTimer

_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.Wheel,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_ms`` without input while ``active``.

    Every input of the whole app passes the event filter, so it only notes the time
    (``QuietTimer.poke``); restarting a timer per event is what crashed PySide6 6.12.0.
    """

    idle = Signal()

    def __init__(self, app: QObject, timeout_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self._quiet = QuietTimer(self, timeout_ms, self.idle.emit)
        app.installEventFilter(self)

    @property
    def active(self) -> bool:
        """Whether the countdown runs (only while someone is logged in)."""
        return self._quiet.pending

    def start(self) -> None:
        """Begin counting idle time."""
        self._quiet.poke()

    def stop(self) -> None:
        """Stop counting (locked or logged out)."""
        self._quiet.cancel()

    def set_timeout(self, ms: int) -> None:
        """Change the idle time."""
        self._quiet.set_delay(ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self._quiet.pending:
            self._quiet.poke()
        return False
