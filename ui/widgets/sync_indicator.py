"""The always-visible sync state: online or offline, records waiting, last confirmed sync."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from gridterm.services.outbox_status import OutboxSummary
from ui.context import AppContext
from ui.formatting import time_text
from ui.ops import Latest
from ui.widgets.icons import icon, icon_size
from ui.workspace import Workspace

#: How often the counts are re-read besides after local writes (the sync engine writes too).
POLL_MS = 15_000


def short_time(iso: str | None) -> str:
    """A stored UTC time as local HH:MM (today) or 2026-11-20 HH:MM (``time_text``)."""
    return time_text(datetime.fromisoformat(iso)) if iso else ""


# Sync errors that come from the network, not from the server's answer: after one of
# these the server was not reached (sync.client.transport, snapshot, push and pull).
UNREACHED_ERRORS = ("net.", "snapshot.corrupt")


def reached(report: Any) -> bool:
    """Whether a sync run got answers from the server (whatever they said)."""
    error = getattr(report, "error", None)
    return error is None or not error.startswith(UNREACHED_ERRORS)


class SyncIndicator(QPushButton):
    """A button in the top bar; tapping it opens the sync page.

    It says what is known, never more: "not enrolled" on a terminal without a server;
    online or offline from the last real request to the server (a probe or a sync) — or
    offline when the operating system says there is no network — and "connecting" before
    the first answer; this worker's records waiting (not another worker's of a shared
    terminal); the last sync that completed.
    """

    def __init__(self, ctx: AppContext, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.ctx = ctx
        self.ws = ws
        # The operating system's view (None: unknown) and the last request's outcome
        # (None: no request yet).
        self.network: bool | None = None
        self.server_reached: bool | None = None
        self.summary: OutboxSummary | None = None
        self.compact = False
        self.reads = Latest(self, ctx.ops, delay_ms=0)
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
        self._render()
        self.reload()

    @property
    def enrolled(self) -> bool:
        """Whether this terminal syncs at all (a demo database does not)."""
        return self.ws.sync is not None

    @property
    def online(self) -> bool | None:
        """Reachable (True), not (False) or not known yet (None)."""
        if not self.enrolled or self.network is False:
            return False if self.enrolled else None
        return self.server_reached

    def attach(self, runner: Any) -> None:
        """Follow the background sync's network view, its probes and its reports."""
        runner.online.connect(self.set_network)
        runner.reached.connect(self.set_reached)
        runner.reported.connect(self._reported)
        self._render()

    def _reported(self, report: Any) -> None:
        self.set_reached(reached(report))
        self.reload()

    def _changed(self, _: object) -> None:
        self.reload()

    def reload(self) -> None:
        """Re-read the outbox counts off the GUI thread."""
        # only the newest count: one read before a write or a sync may come back after the
        # one the write caused ("3 waiting" again after "All sent")
        self.reads.request(self.ws.outbox.summary, self._set, lambda _: None)

    def _last_sync(self, s: OutboxSummary) -> str:
        if s.last_confirmed_at:
            return self.tr("Last sync {time}").format(time=short_time(s.last_confirmed_at))
        return self.tr("Never synced")

    def set_compact(self, compact: bool) -> None:
        """Leave out when the last sync was (a portrait top bar has no room; the sync page
        says it)."""
        self.compact = compact
        self._render()

    def set_network(self, online: bool | None) -> None:
        """Reachability as the operating system reports it (None: unknown)."""
        self.network = online
        self._render()

    def set_reached(self, ok: bool) -> None:
        """The outcome of the last request to the server (a probe or a sync)."""
        self.server_reached = ok
        self._render()

    def _state_text(self) -> str:
        if not self.enrolled:
            return self.tr("Not enrolled")
        online = self.online
        if online is None:
            return self.tr("Connecting…")
        return self.tr("Online") if online else self.tr("Offline")

    def _set(self, summary: OutboxSummary) -> None:
        self.summary = summary
        self._render()

    def _render(self) -> None:
        s = self.summary
        parts = [self._state_text()]
        if s is not None:
            if s.unsent:
                parts.append(self.tr("%n waiting", None, s.unsent))
            elif self.enrolled:
                parts.append(self.tr("All sent"))
            if s.rejected:
                parts.append(self.tr("%n need attention", None, s.rejected))
            if not self.compact and self.enrolled:
                parts.append(self._last_sync(s))
        self.setText(" · ".join(parts))
        online = self.online
        key = "danger" if s is not None and s.rejected else ("ok" if online else "muted")
        self.setIcon(icon("online" if online else "offline", self.ctx.theme.color(key)))
