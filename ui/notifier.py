"""Alerts reaching the worker: the count on the top bar's bell, and the system's own
notification (QSystemTrayIcon.showMessage, where the platform has a tray) for each new one.

Alerts come from other people's records, and those arrive with the pull: they are
recomputed off the GUI thread after a sync that brought records, when the worker has looked
at the notification centre, and every few minutes (a deadline comes nearer with no write at
all) — never on each local write, which would recount them after every keystroke-sized save
and every row a pull applies. An alert shown as a notification is marked ``notified`` on
every terminal of the worker, so none is announced twice.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon, QToolButton

from gridterm.domain.alerts import MarkState
from gridterm.services.alerts import AlertOverview
from ui.context import AppContext
from ui.labels import ALERT_KINDS, label
from ui.ops import CoreOp
from ui.widgets.icons import icon
from ui.workspace import Workspace

log = logging.getLogger(__name__)

# Deadlines come nearer without any write: look again this often.
TICK_MS = 5 * 60 * 1000
# At most this many notifications at once; the rest are summed up in one.
MAX_SHOWN = 3


def brought_records(report: Any) -> bool:
    """Whether a sync run changed records on this terminal (pulled, removed, conflicts)."""
    return bool(
        getattr(report, "pulled", 0)
        or getattr(report, "removed", 0)
        or getattr(report, "conflicts", 0)
    )


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
        # One computation at a time: a refresh asked for meanwhile runs once it is done.
        self._running = False
        self._again = False
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.refresh)
        self._tick.start()
        if ws.sync is not None:
            self.attach(ws.sync)
        self.refresh()

    def attach(self, runner: Any) -> None:
        """Recount after each sync run that brought records (the background sync's report)."""
        runner.reported.connect(self._reported)

    def _reported(self, report: Any) -> None:
        if brought_records(report):
            self.refresh()

    def refresh(self) -> None:
        """Recompute the alerts (off the GUI thread) and announce the new ones."""
        if self._running:
            self._again = True
            return
        self._running = True
        # A failed count is not the worker's concern: the bell keeps its number till the next.
        CoreOp(self.bell, self.ws.alerts.overview).success(self._show).failure(self._failed).run(
            self.ctx.ops
        )

    def _failed(self, error: BaseException) -> None:
        log.warning("alerts not counted", exc_info=error)
        self._done()

    def _done(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.refresh()

    def _show(self, state: AlertOverview) -> None:
        self.bell.setText(str(state.unseen) if state.unseen else "")
        self.bell.setProperty("role", "alerting" if state.unseen else "")
        self.bell.style().unpolish(self.bell)
        self.bell.style().polish(self.bell)
        self.counted.emit(state.unseen)
        if not state.to_notify:
            self._done()
            return
        for a in state.to_notify[:MAX_SHOWN]:
            self._announce(label(ALERT_KINDS, a.kind), a.title)
        rest = len(state.to_notify) - MAX_SHOWN
        if rest > 0:
            self._announce(self.tr("GridTerm"), self.tr("%n more alert(s)", None, rest))
        alerts, shown = self.ws.alerts, list(state.to_notify)
        # Running until the marks are written: a refresh before then would announce again.
        CoreOp(self.bell, lambda: alerts.mark(shown, MarkState.NOTIFIED)).failure(
            lambda error: log.warning("alert marks not written", exc_info=error)
        ).finally_(self._done).run(self.ctx.ops)

    def _announce(self, title: str, text: str) -> None:
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)
        self.announced.emit(title, text)
