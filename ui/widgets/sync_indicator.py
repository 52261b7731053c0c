"""The always-visible sync state: online or offline, records waiting, last confirmed sync."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from gridterm.services import outbox_status
from gridterm.services.outbox_status import OutboxSummary
from ui.context import AppContext
from ui.ops import CoreOp
from ui.widgets.icons import icon, icon_size
from ui.workspace import Workspace

#: How often the counts are re-read besides after local writes (the sync engine writes too).
POLL_MS = 15_000


def short_time(iso: str | None) -> str:
    """A stored UTC time as local HH:MM (today) or MM-DD HH:MM."""
    if not iso:
        return ""
    at = datetime.fromisoformat(iso).astimezone()
    now = datetime.now().astimezone()
    return at.strftime("%H:%M") if at.date() == now.date() else at.strftime("%m-%d %H:%M")


class SyncIndicator(QPushButton):
    """A button in the top bar; tapping it opens the sync page."""

    def __init__(self, ctx: AppContext, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.ctx = ctx
        self.ws = ws
        self.online: bool | None = None
        self.summary: OutboxSummary | None = None
        self.compact = False
        self.setIconSize(icon_size(28))
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.reload)
        self._timer.start()
        # Methods, not lambdas: the workspace and the runner outlive this indicator (a language
        # switch rebuilds the shell) and only a method's connection dies with its widget.
        ws.events.changed.connect(self._changed)
        ctx.theme.changed.connect(self._render)
        if ws.sync is not None:
            self.attach(ws.sync)
        else:
            # No sync (yet): still say whether there is a network at all.
            QTimer.singleShot(0, self, self._probe_network)
        self._render()
        self.reload()

    def attach(self, runner: Any) -> None:
        """Follow the background sync's network view and reports."""
        runner.online.connect(self.set_online)
        runner.reported.connect(self._changed)
        self._render()

    def _probe_network(self) -> None:
        from ui.sync_runner import network_state

        self.set_online(network_state())

    def _changed(self, _: object) -> None:
        self.reload()

    def reload(self) -> None:
        """Re-read the outbox counts off the GUI thread."""
        CoreOp(self, lambda: outbox_status.summary(self.ws.session)).success(self._set).failure(
            lambda _: None
        ).run(self.ctx.ops)

    def _last_sync(self, s: OutboxSummary) -> str:
        if s.last_confirmed_at:
            return self.tr("Last sync {time}").format(time=short_time(s.last_confirmed_at))
        return self.tr("Not enrolled") if self.ws.sync is None else self.tr("Never synced")

    def set_compact(self, compact: bool) -> None:
        """Leave out when the last sync was (a portrait top bar has no room; the sync page
        says it)."""
        self.compact = compact
        self._render()

    def set_online(self, online: bool | None) -> None:
        """Reachability as the network layer reports it (None: unknown)."""
        self.online = online
        self._render()

    def _set(self, summary: OutboxSummary) -> None:
        self.summary = summary
        self._render()

    def _render(self) -> None:
        s = self.summary
        parts = [self.tr("Online") if self.online else self.tr("Offline")]
        if s is not None:
            if s.unsent:
                parts.append(self.tr("%n waiting", None, s.unsent))
            else:
                parts.append(self.tr("All sent"))
            if s.rejected:
                parts.append(self.tr("%n need attention", None, s.rejected))
            if not self.compact:
                parts.append(self._last_sync(s))
        self.setText(" · ".join(parts))
        key = "danger" if s is not None and s.rejected else ("ok" if self.online else "muted")
        self.setIcon(icon("online" if self.online else "offline", self.ctx.theme.color(key)))
