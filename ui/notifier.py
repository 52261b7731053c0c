"""Alerts reaching the worker: the count on the top bar's bell, and the system's own
notification (QSystemTrayIcon.showMessage, where the platform has a tray) for each new one.

Alerts are recomputed off the GUI thread whenever records they come from change (a pull, or
the worker's own writes); an alert shown as a notification is marked ``notified`` on every
terminal of the worker, so none is announced twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon, QToolButton

from gridterm.domain.alerts import Alert, MarkState
from ui.context import AppContext
from ui.labels import ALERT_KINDS, label
from ui.ops import CoreOp
from ui.quiet import QuietTimer
from ui.screens.alerts import ALERT_SOURCES
from ui.widgets.icons import icon
from ui.workspace import Workspace

# Writes come in bursts (a pull applies hundreds of rows): recompute once they settle.
SETTLE_MS = 800
# At most this many notifications at once; the rest are summed up in one.
MAX_SHOWN = 3


@dataclass(frozen=True, slots=True)
class AlertState:
    """What the bell shows and what is to be announced."""

    unseen: int
    announce: list[Alert]


class AlertNotifier(QObject):
    """Keeps the bell's count and announces new alerts."""

    # (title, text) of each system notification shown (tests listen to it)
    announced = Signal(str, str)
    counted = Signal(int)

    def __init__(self, ctx: AppContext, ws: Workspace, bell: QToolButton):
        super().__init__(bell)
        self.ctx = ctx
        self.ws = ws
        self.bell = bell
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon("bell", ctx.theme.color("primary")), self)
            self.tray.show()
        self._timer = QuietTimer(self, SETTLE_MS, self.refresh)
        ws.events.changed.connect(self._changed)
        self.refresh()

    def _changed(self, entities: frozenset[str]) -> None:
        if entities & ALERT_SOURCES:
            self._timer.poke()

    def refresh(self) -> None:
        """Recompute the alerts (off the GUI thread) and announce the new ones."""
        alerts = self.ws.alerts

        def compute() -> AlertState:
            lines = alerts.current()
            return AlertState(sum(not line.seen for line in lines), alerts.to_notify())

        CoreOp(self.bell, compute).success(self._show).run(self.ctx.ops)

    def _show(self, state: AlertState) -> None:
        self.bell.setText(str(state.unseen) if state.unseen else "")
        self.bell.setProperty("role", "alerting" if state.unseen else "")
        self.bell.style().unpolish(self.bell)
        self.bell.style().polish(self.bell)
        self.counted.emit(state.unseen)
        if not state.announce:
            return
        for a in state.announce[:MAX_SHOWN]:
            self._announce(label(ALERT_KINDS, a.kind), a.title)
        rest = len(state.announce) - MAX_SHOWN
        if rest > 0:
            self._announce(self.tr("GridTerm"), self.tr("%n more alert(s)", None, rest))
        alerts, shown = self.ws.alerts, list(state.announce)
        CoreOp(self.bell, lambda: alerts.mark(shown, MarkState.NOTIFIED)).run(self.ctx.ops)

    def _announce(self, title: str, text: str) -> None:
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)
        self.announced.emit(title, text)
