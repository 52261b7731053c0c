"""The Sync page's conflicts (冲突): fields changed here and on the server, each settled by the
worker's choice — their value, the server's, or (a text field) one they type — and the ones
settled already, folded away.

Settling is ``ws.sync_conflicts.resolve``, one transaction with its resolution op; the page
reloads when it succeeded (``changed``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from gridterm.services.sync_conflicts import Resolution, SyncConflict
from ui.context import AppContext
from ui.labels import error_message
from ui.models.conflicts import ConflictModel, SettledConflictModel, conflict_title, value_text
from ui.ops import CoreOp
from ui.widgets import accessible
from ui.widgets.table import TouchTable
from ui.widgets.touch import button
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace


class ConflictsPanel(QWidget):
    """The open conflicts, the chosen one's two values and the choices, the settled ones."""

    # a conflict was settled: the page reads the sync tables again
    changed = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace):
        super().__init__()
        self.ctx, self.ws = ctx, ws
        layout = QVBoxLayout(self)
        layout.addWidget(
            text_label(
                self.tr(
                    "A field changed here and on the server. Choose the value that stays; both "
                    "values stay recorded. A ticket's status follows its steps."
                ),
                "muted",
            )
        )
        self.model = ConflictModel()
        self.table = TouchTable(
            self.model, stretch=(ConflictModel.COL_MINE,), name=self.tr("Conflicts")
        )
        self.table.setObjectName("conflictTable")
        self.table.on_row(self._chosen)
        layout.addWidget(self.table, 1)
        self.chosen: SyncConflict | None = None
        self.heading = text_label("", "section")
        self.heading.setObjectName("conflictTitle")
        layout.addWidget(self.heading)
        layout.addLayout(self._choices())
        self.error = text_label("", "error")
        self.error.setObjectName("conflictError")
        self.error.hide()
        layout.addWidget(self.error)
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
        self.show_conflicts([], [])

    def _choices(self) -> QVBoxLayout:
        choices = QVBoxLayout()
        choose = QHBoxLayout()
        self.keep_mine = button(self.tr("Keep mine"), object_name="keepMine")
        self.keep_mine.clicked.connect(lambda: self._resolve(Resolution.MINE))
        self.take_server = button(self.tr("Take the server's"), "primary", "takeServer")
        self.take_server.clicked.connect(lambda: self._resolve(Resolution.SERVER))
        choose.addWidget(self.keep_mine)
        choose.addWidget(self.take_server)
        choose.addStretch(1)
        choices.addLayout(choose)
        typed = QHBoxLayout()
        self.typed = QLineEdit()
        self.typed.setObjectName("conflictValue")
        self.typed.setPlaceholderText(self.tr("Or write the right value"))
        accessible.name(self.typed, self.tr("Or write the right value"))
        self.use_value = button(self.tr("Use this value"), object_name="useValue")
        self.use_value.clicked.connect(lambda: self._resolve(Resolution.VALUE))
        typed.addWidget(self.typed, 1)
        typed.addWidget(self.use_value)
        choices.addLayout(typed)
        return choices

    def show_conflicts(self, open_: list[SyncConflict], settled: list[SyncConflict]) -> None:
        """List the open and the settled conflicts, keeping the chosen one while it is open."""
        self.model.set_rows(open_)
        self.settled_model.set_rows(settled)
        self.show_settled.setText(self.tr("Settled (%n)", None, len(settled)))
        still = [i for i, c in enumerate(open_) if self.chosen and c.id == self.chosen.id]
        if still:
            self.table.selectRow(still[0])
        else:
            self._chosen(None)
        self._update_actions()

    def _chosen(self, conflict: SyncConflict | None) -> None:
        self.chosen = conflict
        self.error.hide()
        if conflict is not None:
            self.heading.setText(
                self.tr("{record}: mine {mine}, server's {server}").format(
                    record=conflict_title(conflict),
                    mine=value_text(conflict, conflict.local_value) or "–",
                    server=value_text(conflict, conflict.server_value) or "–",
                )
            )
            self.typed.setText("" if conflict.local_value is None else str(conflict.local_value))
        self._update_actions()

    def _update_actions(self) -> None:
        c = self.chosen
        self.heading.setVisible(c is not None)
        for choice in (self.keep_mine, self.take_server):
            choice.setEnabled(c is not None)
        self.keep_mine.setVisible(c is None or not c.status_of_ticket)
        self.take_server.setText(
            self.tr("Accept the server's status")
            if c is not None and c.status_of_ticket
            else self.tr("Take the server's")
        )
        self.typed.setVisible(c is not None and c.editable)
        self.use_value.setVisible(c is not None and c.editable)

    def _resolve(self, choice: Resolution) -> None:
        c = self.chosen
        if c is None:
            return
        conflicts, value = self.ws.sync_conflicts, self.typed.text()
        CoreOp(self, lambda: conflicts.resolve(c.id, choice, value)).success(
            lambda _: self.changed.emit()
        ).failure(self._failed).run(self.ctx.ops)

    def _failed(self, error: BaseException) -> None:
        self.error.setText(error_message(error))
        self.error.show()

    def _settled_toggled(self, shown: bool) -> None:
        self.settled_table.setVisible(shown)
