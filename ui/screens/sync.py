"""Sync (同步): each record's state, the quarantine to correct and resend, conflicts, sync now.

The records list and "sync now" are here; the quarantine is ``sync_quarantine``, the conflicts
``sync_conflicts``.

The page reads the outbox and the sync tables as they stand (``ws.outbox``,
``ws.quarantine``, ``ws.sync_conflicts``); "sync now" asks the background sync of an enrolled
terminal (``ui.sync_runner``) to run at once and shows its report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gridterm.errors import GridTermError
from gridterm.services.outbox_status import OutboxEntry, OutboxSummary
from gridterm.services.quarantine import QuarantinedRecord
from gridterm.services.sync_conflicts import SyncConflict
from ui.context import AppContext
from ui.labels import error_message
from ui.models.outbox import OutboxModel
from ui.screens.base import Navigator, Screen
from ui.screens.sync_conflicts import ConflictsPanel
from ui.screens.sync_quarantine import QuarantinePanel
from ui.widgets.form import Choice
from ui.widgets.numbers import number_grid
from ui.widgets.responsive import ResponsiveRow
from ui.widgets.sync_indicator import short_time
from ui.widgets.table import TouchTable
from ui.widgets.touch import button, card, set_role
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace

ALL = "all"


@dataclass(frozen=True, slots=True)
class SyncData:
    """Everything the sync page shows."""

    summary: OutboxSummary
    entries: list[OutboxEntry]
    quarantined: list[QuarantinedRecord]
    conflicts: list[SyncConflict]
    settled: list[SyncConflict]


def read_sync(ws: Workspace, state: str | None) -> SyncData:
    """What the sync page shows (blocking)."""
    return SyncData(
        ws.outbox.summary(),
        ws.outbox.entries(state),
        ws.quarantine.records(),
        ws.sync_conflicts.open(),
        ws.sync_conflicts.settled(),
    )


class SyncScreen(Screen):
    """The summary and "sync now" on the left; records, quarantine and conflicts on the right."""

    watches = frozenset(
        {
            "household",
            "resident",
            "visit",
            "ticket",
            "ticket_transition",
            "premises",
            "hazard_inspection",
            "checklist_answer",
            "hazard",
            "conflict",  # a pull brought conflicts, or one was resolved
        }
    )
    loaded = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__(ctx, ws, nav)
        self.setObjectName("sync")
        self.data: SyncData | None = None
        row = ResponsiveRow()
        self.body.addWidget(row, 1)
        row.add(self._summary_card(), 2)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("syncTabs")
        self.quarantine = QuarantinePanel(ctx, ws, nav)
        self.quarantine.changed.connect(self.reload)
        self.conflicts = ConflictsPanel(ctx, ws)
        self.conflicts.changed.connect(self.reload)
        self.tabs.addTab(self._records_tab(), "")
        self.tabs.addTab(self.quarantine, "")
        self.tabs.addTab(self.conflicts, "")
        row.add(self.tabs, 3)
        self._tab_titles()
        if ws.sync is not None:
            self.attach_sync(ws.sync)

    # -- building ----------------------------------------------------------------------------

    def _summary_card(self) -> QWidget:
        summary_card, summary = card()
        summary.addWidget(text_label(self.tr("On this terminal"), "section"))
        grid, self.numbers = number_grid(
            (
                ("pending", self.tr("Waiting to send")),
                ("sent", self.tr("Sent, awaiting confirmation")),
                ("confirmed", self.tr("Confirmed by the server")),
                ("rejected", self.tr("Need attention (quarantine)")),
                ("conflicts", self.tr("Conflicts to resolve")),
            ),
            "sync_",
            14,
        )
        summary.addLayout(grid)
        self.last_sync = text_label("", "muted")
        self.last_sync.setObjectName("lastSync")
        summary.addWidget(self.last_sync)
        self.sync_now = button(self.tr("Sync now"), "primary", "syncNow")
        self.sync_now.clicked.connect(self._sync_now)
        summary.addWidget(self.sync_now)
        self.message = text_label("", "warning")
        self.message.setObjectName("syncMessage")
        self.message.hide()
        summary.addWidget(self.message)
        summary.addWidget(
            text_label(
                self.tr(
                    "Every record is saved on this terminal first. It counts as synced only "
                    "when the server confirms it. A record the server refuses waits in the "
                    "quarantine with the reason; the others keep flowing."
                ),
                "muted",
            )
        )
        summary.addStretch(1)
        return summary_card

    def _records_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.filter = Choice(
            [
                (ALL, self.tr("All")),
                ("pending", self.tr("Waiting")),
                ("sent", self.tr("Sent")),
                ("confirmed", self.tr("Confirmed")),
            ],
            "outboxFilter",
        )
        self.filter.set_value(ALL)
        self.filter.group.buttonClicked.connect(lambda _: self.reload())
        layout.addWidget(self.filter)
        self.model = OutboxModel(self.ctx.theme)
        self.table = TouchTable(
            self.model, stretch=(OutboxModel.COL_REASON,), name=self.tr("Records")
        )
        self.table.setObjectName("outboxTable")
        layout.addWidget(self.table, 1)
        self.empty = text_label(self.tr("Nothing here."), "muted")
        layout.addWidget(self.empty)
        return page

    def _tab_titles(self) -> None:
        d = self.data
        self.tabs.setTabText(0, self.tr("Records"))
        self.tabs.setTabText(1, self.tr("Quarantine (%n)", None, len(d.quarantined) if d else 0))
        self.tabs.setTabText(2, self.tr("Conflicts (%n)", None, len(d.conflicts) if d else 0))

    # -- data --------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Sync")

    def reload(self) -> None:
        state = self.filter.value()
        ws = self.ws
        self.read(lambda: read_sync(ws, None if state in (None, ALL) else state), self._apply)

    def _apply(self, data: SyncData) -> None:
        self.data = data
        s = data.summary
        for key in ("pending", "sent", "confirmed", "rejected"):
            self.numbers[key].setText(str(getattr(s, key)))
        self.numbers["conflicts"].setText(str(len(data.conflicts)))
        self.last_sync.setText(
            self.tr("Last confirmed sync: {time}").format(time=short_time(s.last_confirmed_at))
            if s.last_confirmed_at
            else self.tr("This terminal has never synced.")
        )
        self.model.set_rows(data.entries)
        self.empty.setVisible(not data.entries)
        self.conflicts.show_conflicts(data.conflicts, data.settled)
        self.quarantine.show_records(data.quarantined)
        self._tab_titles()
        self.loaded.emit()

    # -- sync --------------------------------------------------------------------------------

    def attach_sync(self, runner: Any) -> None:
        """Show the background sync's reports."""
        runner.reported.connect(self._reported)

    def _sync_now(self) -> None:
        self.message.hide()
        if self.ws.sync is None:
            self._sync_failed(GridTermError("sync.not_enrolled", "not enrolled"))
            return
        self.sync_now.setEnabled(False)
        self.message.setText(self.tr("Syncing…"))
        set_role(self.message, "muted")
        self.message.show()
        self.ws.sync.sync_now()

    def _reported(self, report: Any) -> None:
        self.sync_now.setEnabled(True)
        if report.error:
            self._sync_failed(report)
        else:
            self.message.setText(
                self.tr("Synced: {sent} sent, {received} received, {refused} refused.").format(
                    sent=report.confirmed, received=report.pulled, refused=report.rejected
                )
            )
            set_role(self.message, "ok")
            self.message.show()
        self.reload()

    def _sync_failed(self, error: object) -> None:
        code = getattr(error, "error", None) or getattr(error, "code", "")
        self.message.setText(error_message(GridTermError(code, str(code))))
        set_role(self.message, "warning")
        self.message.show()
