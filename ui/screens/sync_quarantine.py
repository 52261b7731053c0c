"""The Sync page's quarantine (隔离区): records the server refused, each with its reason, to
correct and send again, resend as they were, or open in the screen that shows them.

The corrections and resends are ``ws.quarantine``'s, one transaction each; the page reloads
when one succeeded (``changed``).
"""

from __future__ import annotations

import json

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from gridterm.services.quarantine import QuarantinedRecord
from gridterm.store import entities
from ui.context import AppContext
from ui.labels import error_message, field_label
from ui.models.outbox import QuarantineModel
from ui.ops import CoreOp
from ui.screens.base import Navigator
from ui.widgets import accessible
from ui.widgets.table import TouchTable
from ui.widgets.touch import button
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace

#: Records a worker can open to correct them (the catalog says which screen shows each).
OPENABLE = frozenset(e.name for e in entities.CATALOG if e.shown_as is not None)


class QuarantinePanel(QWidget):
    """The refused records, the chosen one's field to correct, and what to do with it."""

    # a record was corrected or resent: the page reads the outbox again
    changed = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__()
        self.ctx, self.ws, self.nav = ctx, ws, nav
        layout = QVBoxLayout(self)
        self.model = QuarantineModel()
        self.table = TouchTable(
            self.model, stretch=(QuarantineModel.COL_REASON,), name=self.tr("Quarantine")
        )
        self.table.setObjectName("quarantineTable")
        self.table.on_row(self._chosen)
        layout.addWidget(self.table, 1)
        self.chosen: QuarantinedRecord | None = None
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
        self.error = text_label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        self._update_actions()

    def show_records(self, records: list[QuarantinedRecord]) -> None:
        """List ``records``, keeping the worker's choice when it is still refused."""
        self.model.set_rows(records)
        chosen = self.chosen
        kept = [i for i, q in enumerate(records) if chosen and q.op_id == chosen.op_id]
        if kept:
            self.table.selectRow(kept[0])
        else:
            self._chosen(None)
        self._update_actions()

    def _chosen(self, record: QuarantinedRecord | None) -> None:
        self.chosen = record
        self.error.hide()
        field = record.field if record else None
        self.fix_label.setText(field_label(field) if field else "")
        value = record.fields.get(field) if record and field else None
        self.fix_value.setText("" if value is None else _plain(value))
        self._update_actions()

    def _update_actions(self) -> None:
        r = self.chosen
        self.resend.setEnabled(r is not None)
        self.open_record.setEnabled(r is not None and r.entity in OPENABLE)
        can_fix = r is not None and bool(r.field) and r.op != "delete"
        for w in (self.fix_label, self.fix_value, self.correct):
            w.setVisible(can_fix)

    def _correct(self) -> None:
        r = self.chosen
        if r is None or not r.field:
            return
        quarantine, changes = self.ws.quarantine, {r.field: self.fix_value.text().strip()}
        CoreOp(self, lambda: quarantine.correct(r.op_id, changes)).success(
            lambda _: self.changed.emit()
        ).failure(self._failed).run(self.ctx.ops)

    def _resend(self) -> None:
        r = self.chosen
        if r is None:
            return
        quarantine = self.ws.quarantine
        CoreOp(self, lambda: quarantine.resend(r.op_id)).success(
            lambda _: self.changed.emit()
        ).failure(self._failed).run(self.ctx.ops)

    def _failed(self, error: BaseException) -> None:
        self.error.setText(error_message(error))
        self.error.show()

    def _open_record(self) -> None:
        r = self.chosen
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


def _plain(value: object) -> str:
    """A stored field value as the worker would type it (JSON text shown as its content)."""
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        return value if isinstance(decoded, dict | list) else str(decoded)
    return str(value)
