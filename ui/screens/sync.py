"""Sync (同步): each record's state, the quarantine to correct and resend, conflicts, sync now.

The page reads the outbox and the sync tables as they stand (``ws.outbox``,
``ws.quarantine``, ``ws.sync_conflicts``); "sync now" asks the background sync of an enrolled
terminal (``ui.sync_runner``) to run at once and shows its report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gridterm.errors import GridTermError
from gridterm.services.outbox_status import OutboxEntry, OutboxSummary
from gridterm.services.quarantine import QuarantinedRecord
from gridterm.services.sync_conflicts import Resolution, SyncConflict
from gridterm.store import entities
from ui.context import AppContext
from ui.labels import error_message, field_label
from ui.models.conflicts import ConflictModel, SettledConflictModel, conflict_title, value_text
from ui.models.outbox import OutboxModel, QuarantineModel
from ui.ops import CoreOp
from ui.screens.base import Navigator, Screen
from ui.widgets import accessible
from ui.widgets.form import Choice
from ui.widgets.responsive import ResponsiveRow
from ui.widgets.sync_indicator import short_time
from ui.widgets.table import TouchTable
from ui.widgets.touch import button, card, set_role
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace

ALL = "all"
#: Records a worker can open to correct them (the catalog says which screen shows each).
OPENABLE = frozenset(e.name for e in entities.CATALOG if e.shown_as is not None)


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
        self.tabs.addTab(self._records_tab(), "")
        self.tabs.addTab(self._quarantine_tab(), "")
        self.tabs.addTab(self._conflicts_tab(), "")
        row.add(self.tabs, 3)
        self._tab_titles()
        self._update_actions()
        if ws.sync is not None:
            self.attach_sync(ws.sync)

    # -- building ----------------------------------------------------------------------------

    def _summary_card(self) -> QWidget:
        summary_card, summary = card()
        summary.addWidget(text_label(self.tr("On this terminal"), "section"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        self.numbers: dict[str, QLabel] = {}
        for i, (key, text) in enumerate(
            (
                ("pending", self.tr("Waiting to send")),
                ("sent", self.tr("Sent, awaiting confirmation")),
                ("confirmed", self.tr("Confirmed by the server")),
                ("rejected", self.tr("Need attention (quarantine)")),
                ("conflicts", self.tr("Conflicts to resolve")),
            )
        ):
            number = text_label("–", "title", wrap=False)
            number.setObjectName(f"sync_{key}")
            self.numbers[key] = number
            grid.addWidget(number, i, 0)
            grid.addWidget(text_label(text), i, 1)
        grid.setColumnStretch(1, 1)
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

    def _quarantine_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.quarantine_model = QuarantineModel()
        self.quarantine_table = TouchTable(
            self.quarantine_model, stretch=(QuarantineModel.COL_REASON,), name=self.tr("Quarantine")
        )
        self.quarantine_table.setObjectName("quarantineTable")
        self.quarantine_table.on_row(self._chosen)
        layout.addWidget(self.quarantine_table, 1)
        self.selected: QuarantinedRecord | None = None
        fix = QHBoxLayout()
        self.fix_label = text_label("", "muted", wrap=False)
        self.fix_value = QLineEdit()
        self.fix_value.setObjectName("correctedValue")
        accessible.name(self.fix_value, self.tr("Corrected value"))
        self.correct = button(self.tr("Correct and resend"), "primary", "correct")
        self.correct.clicked.connect(self._correct)
        fix.addWidget(self.fix_label)
        fix.addWidget(self.fix_value, 1)
        fix.addWidget(self.correct)
        layout.addLayout(fix)
        actions = QHBoxLayout()
        self.open_record = button(self.tr("Open the record"), object_name="openRecord")
        self.open_record.clicked.connect(self._open_record)
        self.resend = button(self.tr("Resend as it is"), object_name="resend")
        self.resend.clicked.connect(self._resend)
        actions.addWidget(self.open_record)
        actions.addWidget(self.resend)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.quarantine_error = text_label("", "error")
        self.quarantine_error.hide()
        layout.addWidget(self.quarantine_error)
        return page

    def _conflicts_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            text_label(
                self.tr(
                    "A field changed here and on the server. Choose the value that stays; both "
                    "values stay recorded. A ticket's status follows its steps."
                ),
                "muted",
            )
        )
        self.conflict_model = ConflictModel()
        self.conflict_table = TouchTable(
            self.conflict_model, stretch=(ConflictModel.COL_MINE,), name=self.tr("Conflicts")
        )
        self.conflict_table.setObjectName("conflictTable")
        self.conflict_table.on_row(self._conflict_chosen)
        layout.addWidget(self.conflict_table, 1)
        self.conflict: SyncConflict | None = None
        self.conflict_title = text_label("", "section")
        self.conflict_title.setObjectName("conflictTitle")
        layout.addWidget(self.conflict_title)
        choose = QHBoxLayout()
        self.keep_mine = button(self.tr("Keep mine"), object_name="keepMine")
        self.keep_mine.clicked.connect(lambda: self._resolve(Resolution.MINE))
        self.take_server = button(self.tr("Take the server's"), "primary", "takeServer")
        self.take_server.clicked.connect(lambda: self._resolve(Resolution.SERVER))
        choose.addWidget(self.keep_mine)
        choose.addWidget(self.take_server)
        choose.addStretch(1)
        layout.addLayout(choose)
        typed = QHBoxLayout()
        self.conflict_value = QLineEdit()
        self.conflict_value.setObjectName("conflictValue")
        self.conflict_value.setPlaceholderText(self.tr("Or write the right value"))
        accessible.name(self.conflict_value, self.tr("Or write the right value"))
        self.use_value = button(self.tr("Use this value"), object_name="useValue")
        self.use_value.clicked.connect(lambda: self._resolve(Resolution.VALUE))
        typed.addWidget(self.conflict_value, 1)
        typed.addWidget(self.use_value)
        layout.addLayout(typed)
        self.conflict_error = text_label("", "error")
        self.conflict_error.setObjectName("conflictError")
        self.conflict_error.hide()
        layout.addWidget(self.conflict_error)
        # Settled conflicts stay listed (who chose what), folded away until asked for.
        self.show_settled = button("", object_name="showSettled")
        self.show_settled.setCheckable(True)
        self.show_settled.toggled.connect(self._settled_toggled)
        layout.addWidget(self.show_settled)
        self.settled_model = SettledConflictModel()
        self.settled_table = TouchTable(
            self.settled_model,
            stretch=(SettledConflictModel.COL_RECORD,),
            name=self.tr("Settled conflicts"),
        )
        self.settled_table.setObjectName("settledTable")
        self.settled_table.hide()
        layout.addWidget(self.settled_table, 1)
        return page

    def _tab_titles(self) -> None:
        d = self.data
        self.tabs.setTabText(0, self.tr("Records"))
        self.tabs.setTabText(1, self.tr("Quarantine (%n)", None, len(d.quarantined) if d else 0))
        self.tabs.setTabText(2, self.tr("Conflicts (%n)", None, len(d.conflicts) if d else 0))
        self.show_settled.setText(self.tr("Settled (%n)", None, len(d.settled) if d else 0))

    # -- data --------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Sync")

    def reload(self) -> None:
        state = self.filter.value()
        ws = self.ws
        CoreOp(self, lambda: read_sync(ws, None if state in (None, ALL) else state)).success(
            self._apply
        ).run(self.ctx.ops)

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
        self.quarantine_model.set_rows(data.quarantined)
        self.conflict_model.set_rows(data.conflicts)
        self.settled_model.set_rows(data.settled)
        still = [
            i for i, c in enumerate(data.conflicts) if self.conflict and c.id == self.conflict.id
        ]
        if still:
            self.conflict_table.selectRow(still[0])
        else:
            self._conflict_chosen(None)
        # Keep the worker's choice across a refresh when the record is still refused.
        chosen = self.selected
        kept = [i for i, q in enumerate(data.quarantined) if chosen and q.op_id == chosen.op_id]
        if kept:
            self.quarantine_table.selectRow(kept[0])
        else:
            self._chosen(None)
        self._tab_titles()
        self._update_actions()
        self.loaded.emit()

    # -- quarantine ----------------------------------------------------------------------------

    def _chosen(self, record: QuarantinedRecord | None) -> None:
        self.selected = record
        self.quarantine_error.hide()
        field = record.field if record else None
        self.fix_label.setText(field_label(field) if field else "")
        value = record.fields.get(field) if record and field else None
        self.fix_value.setText("" if value is None else _plain(value))
        self._update_actions()

    def _update_actions(self) -> None:
        r = self.selected
        self.resend.setEnabled(r is not None)
        self.open_record.setEnabled(r is not None and r.entity in OPENABLE)
        can_fix = r is not None and bool(r.field) and r.op != "delete"
        for w in (self.fix_label, self.fix_value, self.correct):
            w.setVisible(can_fix)
        c = self.conflict
        self.conflict_title.setVisible(c is not None)
        for w in (self.keep_mine, self.take_server):
            w.setEnabled(c is not None)
        self.keep_mine.setVisible(c is None or not c.status_of_ticket)
        self.take_server.setText(
            self.tr("Accept the server's status")
            if c is not None and c.status_of_ticket
            else self.tr("Take the server's")
        )
        for w in (self.conflict_value, self.use_value):
            w.setVisible(c is not None and c.editable)

    def _correct(self) -> None:
        r = self.selected
        if r is None or not r.field:
            return
        quarantine, changes = self.ws.quarantine, {r.field: self.fix_value.text().strip()}
        CoreOp(self, lambda: quarantine.correct(r.op_id, changes)).success(
            lambda _: self.reload()
        ).failure(self._quarantine_failed).run(self.ctx.ops)

    def _resend(self) -> None:
        r = self.selected
        if r is None:
            return
        quarantine = self.ws.quarantine
        CoreOp(self, lambda: quarantine.resend(r.op_id)).success(lambda _: self.reload()).failure(
            self._quarantine_failed
        ).run(self.ctx.ops)

    def _quarantine_failed(self, error: BaseException) -> None:
        self.quarantine_error.setText(error_message(error))
        self.quarantine_error.show()

    def _open_record(self) -> None:
        r = self.selected
        if r is None:
            return
        quarantine = self.ws.quarantine

        def go(target: tuple[str, str]) -> None:
            kind, record_id = target
            if kind == "household":
                self.nav.open_household(record_id)
            else:
                self.nav.open_ticket(record_id)

        CoreOp(self, lambda: quarantine.shown_in(r.entity, r.entity_id)).success(go).run(
            self.ctx.ops
        )

    # -- conflicts and sync ------------------------------------------------------------------

    def _conflict_chosen(self, conflict: SyncConflict | None) -> None:
        self.conflict = conflict
        self.conflict_error.hide()
        if conflict is not None:
            self.conflict_title.setText(
                self.tr("{record}: mine {mine}, server's {server}").format(
                    record=conflict_title(conflict),
                    mine=value_text(conflict, conflict.local_value) or "–",
                    server=value_text(conflict, conflict.server_value) or "–",
                )
            )
            self.conflict_value.setText(
                "" if conflict.local_value is None else str(conflict.local_value)
            )
        self._update_actions()

    def _resolve(self, choice: Resolution) -> None:
        c = self.conflict
        if c is None:
            return
        conflicts, value = self.ws.sync_conflicts, self.conflict_value.text()
        CoreOp(self, lambda: conflicts.resolve(c.id, choice, value)).success(
            lambda _: self.reload()
        ).failure(self._conflict_failed).run(self.ctx.ops)

    def _conflict_failed(self, error: BaseException) -> None:
        self.conflict_error.setText(error_message(error))
        self.conflict_error.show()

    def _settled_toggled(self, shown: bool) -> None:
        self.settled_table.setVisible(shown)

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


def _plain(value: object) -> str:
    """A stored field value as the worker would type it (JSON text shown as its content)."""
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        return value if isinstance(decoded, dict | list) else str(decoded)
    return str(value)
