"""Sync (同步): each record's state, the quarantine to correct and resend, conflicts, sync now.

Until the sync engine (issue 4) is installed, "sync now" explains that records stay safe on
the terminal; everything else reads the outbox as it stands (ui/sync_hook.py is the seam).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout

from gridterm.services import outbox_status
from gridterm.services.outbox_status import OutboxEntry, OutboxSummary
from ui.context import AppContext
from ui.models.outbox import OutboxModel
from ui.ops import CoreOp
from ui.screens.base import Navigator, Screen
from ui.sync_hook import load_engine, require_engine
from ui.widgets.form import Choice
from ui.widgets.responsive import ResponsiveRow
from ui.widgets.sync_indicator import short_time
from ui.widgets.table import TouchTable
from ui.widgets.touch import button, card
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace

ALL = "all"
#: Records a worker can open to correct a rejected write.
OPENABLE = frozenset({"household", "resident", "ticket", "ticket_transition", "visit"})


@dataclass(frozen=True, slots=True)
class SyncData:
    """The outbox summary, its rows and the conflicts."""

    summary: OutboxSummary
    entries: list[OutboxEntry]
    conflicts: int


def read_sync(ws: Workspace, state: str | None) -> SyncData:
    """What the sync page shows (blocking)."""
    return SyncData(
        outbox_status.summary(ws.session),
        outbox_status.entries(ws.session, state),
        len(outbox_status.conflicts(ws.session)),
    )


class SyncScreen(Screen):
    """The outbox by state, the quarantine, conflicts and "sync now"."""

    watches = frozenset(
        {"household", "resident", "visit", "ticket", "ticket_transition", "check_in"}
    )
    loaded = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__(ctx, ws, nav)
        self.setObjectName("sync")
        self.data: SyncData | None = None
        row = ResponsiveRow()
        self.body.addWidget(row, 1)

        summary_card, summary = card()
        summary.addWidget(text_label(self.tr("On this terminal"), "section"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        self.numbers: dict[str, object] = {}
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
        row.add(summary_card, 2)

        list_card, records = card()
        self.filter = Choice(
            [
                (ALL, self.tr("All")),
                ("pending", self.tr("Waiting")),
                ("rejected", self.tr("Quarantine")),
                ("confirmed", self.tr("Confirmed")),
            ],
            "outboxFilter",
        )
        self.filter.set_value(ALL)
        self.filter.group.buttonClicked.connect(lambda _: self.reload())
        records.addWidget(self.filter)
        self.model = OutboxModel(ctx.theme)
        self.table = TouchTable(self.model, stretch=(OutboxModel.COL_REASON,))
        self.table.setObjectName("outboxTable")
        self.table.on_row(self._chosen)
        records.addWidget(self.table, 1)
        self.empty = text_label(self.tr("Nothing here."), "muted")
        records.addWidget(self.empty)
        actions = QHBoxLayout()
        self.selected: OutboxEntry | None = None
        self.open_record = button(
            self.tr("Open the record to correct it"), object_name="openRecord"
        )
        self.open_record.clicked.connect(self._open_record)
        self.resend = button(self.tr("Resend as it is"), object_name="resend")
        self.resend.clicked.connect(self._resend)
        actions.addWidget(self.open_record)
        actions.addWidget(self.resend)
        actions.addStretch(1)
        records.addLayout(actions)
        row.add(list_card, 3)
        self._update_actions()

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
            self.numbers[key].setText(str(getattr(s, key)))  # type: ignore[attr-defined]
        self.numbers["conflicts"].setText(str(data.conflicts))  # type: ignore[attr-defined]
        self.last_sync.setText(
            self.tr("Last confirmed sync: {time}").format(time=short_time(s.last_confirmed_at))
            if s.last_confirmed_at
            else self.tr("This terminal has never synced.")
        )
        self.model.set_rows(data.entries)
        self.empty.setVisible(not data.entries)
        # Keep the worker's choice across a refresh when the record is still listed.
        kept = self.selected and next(
            (i for i, e in enumerate(data.entries) if e.op_id == self.selected.op_id), None
        )
        if isinstance(kept, int):
            self.selected = data.entries[kept]
            self.table.selectRow(kept)
        else:
            self.selected = None
        self._update_actions()
        self.loaded.emit()

    def _chosen(self, entry: OutboxEntry) -> None:
        self.selected = entry
        self._update_actions()

    def _update_actions(self) -> None:
        e = self.selected
        self.resend.setEnabled(e is not None and e.state == "rejected")
        self.open_record.setEnabled(e is not None and e.entity in OPENABLE)

    def _open_record(self) -> None:
        e = self.selected
        if e is None:
            return
        ws = self.ws

        def find() -> tuple[str, str]:
            if e.entity == "household":
                return "household", e.entity_id
            if e.entity == "resident":
                rows = ws.store.query(
                    "SELECT household_id FROM resident WHERE id = ?", (e.entity_id,)
                )
                return "household", rows[0]["household_id"]
            if e.entity == "visit":
                return "household", ws.visits.get(e.entity_id).household_id
            if e.entity == "ticket_transition":
                rows = ws.store.query(
                    "SELECT ticket_id FROM ticket_transition WHERE id = ?", (e.entity_id,)
                )
                return "ticket", rows[0]["ticket_id"]
            return "ticket", e.entity_id

        def go(target: tuple[str, str]) -> None:
            kind, record_id = target
            if kind == "household":
                self.nav.open_household(record_id)
            else:
                self.nav.open_ticket(record_id)

        CoreOp(self, find).success(go).run(self.ctx.ops)

    def _resend(self) -> None:
        e = self.selected
        if e is None:
            return
        session = self.ws.session
        CoreOp(self, lambda: outbox_status.resend(session, e.op_id)).success(
            lambda _: self.reload()
        ).run(self.ctx.ops)

    def _sync_now(self) -> None:
        session = self.ws.session
        self.message.hide()
        self.sync_now.setEnabled(False)
        CoreOp(self, lambda: require_engine(load_engine()).sync_now(session)).success(
            lambda _: self.reload()
        ).failure(self._sync_failed).finally_(lambda: self.sync_now.setEnabled(True)).run(
            self.ctx.ops, network=True
        )

    def _sync_failed(self, error: BaseException) -> None:
        from ui.labels import error_message

        self.message.setText(error_message(error))
        self.message.show()
