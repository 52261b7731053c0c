"""冲突待办 (Conflicts): the supervisors' queue of the open conflicts of their area.

For community supervisors and street staff. One row per record field; choosing one shows
every value side by side — what the record holds now and each refused value with who wrote it
and when — and the supervisor keeps one (or types one, for text fields). The queue and the
choice are the core's (``conflict_queue``), read and written off the GUI thread; the
resolution goes to the server with the next sync.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit

from gridterm.services.conflict_queue import QueueItem
from gridterm.services.sync_conflicts import Resolution
from ui.context import AppContext
from ui.labels import error_message
from ui.models.conflict_queue import Candidate, CandidateModel, QueueModel
from ui.models.conflicts import conflict_title
from ui.ops import CoreOp
from ui.screens.base import Navigator, Screen
from ui.widgets import accessible
from ui.widgets.table import TouchTable
from ui.widgets.touch import button, card, label
from ui.workspace import Workspace


class ConflictQueueScreen(Screen):
    """The area's open conflicts; the values of the chosen one; keep one."""

    watches = frozenset({"conflict", "household", "resident", "ticket", "premises", "hazard"})
    loaded = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__(ctx, ws, nav)
        self.setObjectName("conflictQueue")
        self.item: QueueItem | None = None
        self.candidate: Candidate | None = None
        top, row = card(vertical=False)
        self.summary = label("", "title")
        self.summary.setObjectName("queueSummary")
        row.addWidget(self.summary, 1)
        self.body.addWidget(top)
        self.body.addWidget(
            label(
                self.tr(
                    "A value written on a terminal was refused because someone changed the "
                    "field first. Nothing is settled until a person chooses; every value stays "
                    "recorded."
                ),
                "muted",
            )
        )
        list_card, layout = card()
        self.model = QueueModel(self)
        self.table = TouchTable(
            self.model, stretch=(QueueModel.COL_NOW,), name=self.tr("Conflicts")
        )
        self.table.setObjectName("queueTable")
        self.table.on_row(self._chosen)
        layout.addWidget(self.table, 1)
        self.empty = label(self.tr("No open conflicts in your area."), "muted")
        self.empty.setObjectName("queueEmpty")
        self.empty.hide()
        layout.addWidget(self.empty)
        self.body.addWidget(list_card, 2)
        self.values_card = self._values_card()
        self.body.addWidget(self.values_card, 3)
        self._update_actions()

    def _values_card(self) -> QFrame:
        values_card, layout = card()
        self.item_title = label("", "section")
        self.item_title.setObjectName("queueItemTitle")
        layout.addWidget(self.item_title)
        self.values = CandidateModel(self)
        self.values_table = TouchTable(
            self.values, stretch=(CandidateModel.COL_VALUE,), name=self.tr("Values")
        )
        self.values_table.setObjectName("queueValues")
        self.values_table.on_row(self._candidate)
        layout.addWidget(self.values_table, 1)
        actions = QHBoxLayout()
        self.keep = button(self.tr("Keep this value"), "primary", "keepValue")
        self.keep.clicked.connect(self._keep)
        actions.addWidget(self.keep)
        self.typed = QLineEdit()
        self.typed.setObjectName("queueTyped")
        self.typed.setPlaceholderText(self.tr("Or write the right value"))
        accessible.name(self.typed, self.tr("Or write the right value"))
        actions.addWidget(self.typed, 1)
        self.use_typed = button(self.tr("Use this value"), object_name="useTyped")
        self.use_typed.clicked.connect(self._use_typed)
        actions.addWidget(self.use_typed)
        layout.addLayout(actions)
        self.error = label("", "error")
        self.error.setObjectName("queueError")
        self.error.hide()
        layout.addWidget(self.error)
        return values_card

    def title(self) -> str:
        return self.tr("Conflicts")

    def reload(self) -> None:
        self.read(self.ws.conflict_queue.items, self._apply)

    def _apply(self, items: list[QueueItem]) -> None:
        self.model.set_rows(items)
        values = sum(len(i.values) for i in items)
        self.summary.setText(
            self.tr("{fields} fields with {values} refused values to settle").format(
                fields=len(items), values=values
            )
        )
        self.table.setVisible(bool(items))
        self.empty.setVisible(not items)
        still = [i for i, it in enumerate(items) if self.item and it.first.id == self.item.first.id]
        if still:
            self.table.selectRow(still[0])
            self._chosen(items[still[0]])
        else:
            self._chosen(None)
        self.loaded.emit()

    def _chosen(self, item: QueueItem | None) -> None:
        self.item = item
        self.candidate = None
        self.error.hide()
        self.values.show_item(item)
        self.item_title.setText(conflict_title(item.first) if item else "")
        self.typed.setText("")
        self._update_actions()

    def _candidate(self, candidate: Candidate | None) -> None:
        self.candidate = candidate
        self._update_actions()

    def _update_actions(self) -> None:
        item = self.item
        self.values_card.setVisible(item is not None)  # the values of the row chosen
        self.keep.setEnabled(self.candidate is not None)
        editable = item is not None and item.first.editable
        for w in (self.typed, self.use_typed):
            w.setVisible(editable)

    def _keep(self) -> None:
        item, c = self.item, self.candidate
        if item is None or c is None:
            return
        if c.kind == "now":
            self._resolve(item, Resolution.SERVER, None, "")
        else:
            self._resolve(item, Resolution.MINE, None, c.conflict_id or "")

    def _use_typed(self) -> None:
        if self.item is not None:
            self._resolve(self.item, Resolution.VALUE, self.typed.text(), "")

    def _resolve(self, item: QueueItem, choice: Resolution, value: object, pick: str) -> None:
        queue = self.ws.conflict_queue
        CoreOp(self, lambda: queue.resolve(item, choice, value, pick=pick)).success(
            lambda _: self.reload()
        ).failure(self._failed).run(self.ctx.ops)

    def _failed(self, error: BaseException) -> None:
        self.error.setText(error_message(error))
        self.error.show()
