"""Waiting for input to go quiet without restarting a timer on every key, tap or wheel turn.

A debounce is usually written as ``timer.start()`` on every event. PySide6 6.12.0 on Python
3.11 drops one reference to ``None`` per ``QTimer.start()``, so a few thousand keystrokes
abort the interpreter (docs/ui.md, "The soak test"). Beyond that bug, re-arming a kernel timer
per event is needless work: recording the time of the last event and checking it when the
timer fires does the same job, with one ``start()`` per quiet period instead of per event.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class QuietTimer(QObject):
    """Calls ``action`` once nothing has ``poke``-d it for ``delay_ms``.

    ``poke`` only notes the time while the timer is armed; when the timer fires early (input
    came after it was armed), it re-arms for what is left of the quiet period. ``time_source``
    is for tests.
    """

    def __init__(
        self,
        parent: QObject,
        delay_ms: int,
        action: Callable[[], object],
        time_source: Callable[[], float] = time.monotonic,
    ):
        super().__init__(parent)
        self._delay_ms = delay_ms
        self._action = action
        self._now = time_source
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)

    @property
    def pending(self) -> bool:
        """Whether ``action`` is waiting for the quiet period to end."""
        return self._timer.isActive()

    @property
    def delay_ms(self) -> int:
        """The quiet period."""
        return self._delay_ms

    def set_delay(self, delay_ms: int) -> None:
        """Change the quiet period; a pending wait ends by the new one."""
        self._delay_ms = delay_ms
        if self._timer.isActive():
            self._timer.start(max(0, self._left_ms()))

    def poke(self) -> None:
        """Input happened: ``action`` runs ``delay_ms`` after the last poke."""
        self._last = self._now()
        if not self._timer.isActive():
            self._timer.start(self._delay_ms)

    def cancel(self) -> None:
        """Forget the pending wait: ``action`` does not run."""
        self._timer.stop()

    def flush(self) -> None:
        """Run a pending ``action`` now."""
        if self._timer.isActive():
            self._timer.stop()
            self._action()

    def _left_ms(self) -> int:
        return round((self._last - self._now()) * 1000 + self._delay_ms)

    def _fire(self) -> None:
        left_ms = self._left_ms()
        if left_ms >= 1:
            self._timer.start(left_ms)
            return
        self._action()
