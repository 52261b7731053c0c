"""One ticket (工单详情): its facts, the steps the state machine allows now, its full history."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gridterm.domain.tickets import Ticket, TicketAction, Transition
from gridterm.services.browse import user_names
from ui.context import AppContext
from ui.formatting import clock_text, time_text, waited_text
from ui.labels import LEVELS, TICKET_ACTIONS, TICKET_STATUSES, category_label, label
from ui.models.tickets import is_waiting
from ui.models.transitions import TransitionModel, photos_of
from ui.ops import CoreOp
from ui.screens.base import Navigator, Screen
from ui.widgets.department_picker import DepartmentPicker
from ui.widgets.form import Form, confirm_row
from ui.widgets.photos import PhotoStrip
from ui.widgets.responsive import ResponsiveRow
from ui.widgets.table import history_card
from ui.widgets.thumbs import PhotoColumn
from ui.widgets.touch import button, card, discard, kinetic
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace


@dataclass(frozen=True, slots=True)
class TicketData:
    """A ticket, its history and the names behind user ids."""

    ticket: Ticket
    history: list[Transition]
    names: dict[str, str]
    address: str


def read_ticket(ws: Workspace, ticket_id: str) -> TicketData:
    """One ticket with its history (blocking)."""
    ticket = ws.tickets.get(ticket_id)
    history = ws.tickets.history(ticket_id)
    names = user_names(ws.session, {t.by_user for t in history} | {ticket.reported_by})
    address = ""
    if ticket.household_id:
        address = ws.register.household(ticket.household_id).address
    return TicketData(ticket, history, names, address)


class TicketDetailScreen(Screen):
    """Facts on the left, actions and history on the right (stacked in portrait)."""

    watches = frozenset({"ticket", "ticket_transition"})
    loaded = Signal()
    acted = Signal(object)

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator, ticket_id: str):
        super().__init__(ctx, ws, nav)
        self.setObjectName("ticketDetail")
        self.ticket_id = ticket_id
        self.data: TicketData | None = None
        self.pending: TicketAction | None = None
        # One scrolling page: the action panel grows (photos, departments) and must never
        # squeeze the history into overlapping it.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        kinetic(scroll)
        row = ResponsiveRow()
        scroll.setWidget(row)
        self.body.addWidget(scroll, 1)

        facts_card, facts = card()
        self.state = text_label("", "section")
        self.state.setObjectName("ticketState")
        self.timer_label = text_label("", "urgent")
        self.timer_label.setObjectName("urgentTimer")
        self.timer_label.hide()
        facts.addWidget(self.state)
        facts.addWidget(self.timer_label)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setColumnStretch(1, 1)
        self.values: dict[str, QWidget] = {}
        for i, (key, text) in enumerate(
            (
                ("category", self.tr("Category")),
                ("reported", self.tr("Reported")),
                ("waited", self.tr("Waiting")),
                ("department", self.tr("Department")),
                ("location", self.tr("Where")),
                ("description", self.tr("Description")),
            )
        ):
            self.grid.addWidget(text_label(text, "muted"), i, 0)
            value = text_label("")
            value.setObjectName(f"ticket_{key}")
            self.values[key] = value
            self.grid.addWidget(value, i, 1)
        facts.addLayout(self.grid)
        self.household_button = button("", object_name="ticketHousehold")
        self.household_button.hide()
        self.household_button.clicked.connect(self._open_household)
        facts.addWidget(self.household_button)
        self.photos = PhotoStrip(ctx, ws)
        self.photos.camera_button.hide()
        self.photos.file_button.hide()
        facts.addWidget(self.photos)
        facts.addStretch(1)
        row.add(facts_card, 2)

        right = QWidget()
        right_col = QVBoxLayout(right)
        right_col.setContentsMargins(0, 0, 0, 0)
        actions_card, actions = card()
        actions.addWidget(text_label(self.tr("Next step"), "section"))
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(8)
        actions.addLayout(self.action_row)
        self.no_actions = text_label(self.tr("Nothing for you to do on this ticket now."), "muted")
        actions.addWidget(self.no_actions)
        self.panel = QWidget()
        self.panel_form = Form(errors_beside=False)  # its errors under the confirm button
        self.panel.setLayout(self.panel_form)
        self.note = QLineEdit()
        self.note.setObjectName("actionNote")
        self.department = DepartmentPicker()
        self.verify_photos = PhotoStrip(ctx, ws)
        self.verify_photos.failed.connect(self.panel_form.show_error)
        self.panel_form.row(self.tr("Note"), self.note, "note")
        self.panel_form.row(self.tr("Department"), self.department, "department")
        self.panel_form.row(self.tr("Photo on site"), self.verify_photos, "photo")
        buttons, cancel, self.confirm = confirm_row(
            self.tr("Cancel"), self._close_panel, self._confirm
        )
        actions.addWidget(self.panel)
        # The error goes under the buttons: above them it pushed "confirm" from under the finger.
        actions.addLayout(buttons)
        actions.addWidget(self.panel_form.error)
        self._confirm_row = [cancel, self.confirm]
        self._close_panel()
        right_col.addWidget(actions_card)

        self.history_model = TransitionModel(self)
        history, self.history_table = history_card(
            self.tr("History"),
            self.history_model,
            (TransitionModel.COL_STEP, TransitionModel.COL_NOTE),
        )
        # every photo a step took (the verification's) as thumbnails; a tap shows it large
        self.history_photos = PhotoColumn(
            self.history_table, TransitionModel.COL_PHOTOS, ctx.ops, ws, photos_of
        )
        right_col.addWidget(history, 1)
        row.add(right, 3)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)

    def title(self) -> str:
        if self.data is None:
            return self.tr("Ticket")
        return self.data.ticket.title

    def reload(self) -> None:
        ws, ticket_id = self.ws, self.ticket_id
        CoreOp(self, lambda: read_ticket(ws, ticket_id)).success(self._apply).run(self.ctx.ops)

    def _apply(self, data: TicketData) -> None:
        self.data = data
        t = data.ticket
        self.state.setText(
            f"{label(TICKET_STATUSES, t.status)} · {label(LEVELS, t.level)}"
            + (" · " + self.tr("Urgent") if t.urgent else "")
        )
        self.values["category"].setText(category_label(t.category))  # type: ignore[attr-defined]
        self.values["reported"].setText(  # type: ignore[attr-defined]
            self.tr("{time} by {name}").format(
                time=time_text(t.reported_at), name=data.names.get(t.reported_by, "")
            )
        )
        self.values["department"].setText(t.department or "—")  # type: ignore[attr-defined]
        self.values["location"].setText(t.location or data.address or "—")  # type: ignore[attr-defined]
        self.values["description"].setText(t.description or "—")  # type: ignore[attr-defined]
        self.household_button.setVisible(bool(t.household_id))
        self.household_button.setText(
            self.tr("Open household {address}").format(address=data.address)
        )
        self.photos.set_digests(list(t.photos))
        self.photos.setVisible(bool(t.photos))
        self.history_model.names = data.names
        self.history_model.set_rows(data.history)
        self._show_actions(t)
        self._tick()
        if t.urgent and is_waiting(t):
            self.timer.start()
        else:
            self.timer.stop()
        self.nav.retitle()
        self.loaded.emit()

    def _tick(self) -> None:
        if self.data is None:
            return
        t = self.data.ticket
        now = self.ws.session.now()
        self.values["waited"].setText(waited_text(t.waited_minutes(now)))  # type: ignore[attr-defined]
        if t.urgent and is_waiting(t):
            seconds = int((now - t.reported_at).total_seconds())
            self.timer_label.setText(
                self.tr("Urgent: waiting {clock} (respond within 10 minutes)").format(
                    clock=clock_text(seconds)
                )
            )
            self.timer_label.show()
        else:
            self.timer_label.hide()

    # -- actions ---------------------------------------------------------------------------

    def _show_actions(self, ticket: Ticket) -> None:
        allowed = ticket.allowed_actions(self.ws.session.user.role)
        self.no_actions.setVisible(not allowed)
        if [a.value for a in allowed] != self.action_buttons():
            while self.action_row.count():
                item = self.action_row.takeAt(0)
                if item.widget():
                    discard(item.widget())
            for action in allowed:
                b = button(label(TICKET_ACTIONS, action), object_name=f"action_{action.value}")
                b.clicked.connect(lambda _=False, a=action: self._open_panel(a))
                self.action_row.addWidget(b)
            self.action_row.addStretch(1)
        # A refresh (another write, the sync engine) must not close what the worker is typing.
        if self.pending is not None and self.pending not in allowed:
            self._close_panel()

    def action_buttons(self) -> list[str]:
        """The actions offered now (for tests and the screenshot script)."""
        names = []
        for i in range(self.action_row.count()):
            w = self.action_row.itemAt(i).widget()
            if w is not None:
                names.append(w.objectName().removeprefix("action_"))
        return names

    def _open_panel(self, action: TicketAction) -> None:
        self.pending = action
        self.panel_form.clear_error()
        self.note.clear()
        self.department.clear()
        self.verify_photos.set_digests([])
        needs_department = action is TicketAction.DISPATCH
        needs_photo = action is TicketAction.VERIFY
        self.panel_form.show_row("department", needs_department)
        self.panel_form.show_row("photo", needs_photo)
        required = action in (TicketAction.ESCALATE, TicketAction.REOPEN)
        self.note.setPlaceholderText(
            self.tr("Why? (required)") if required else self.tr("Optional note")
        )
        self.confirm.setText(label(TICKET_ACTIONS, action))
        self.panel.show()
        for b in self._confirm_row:
            b.show()
        self.note.setFocus()

    def _close_panel(self) -> None:
        self.pending = None
        self.panel.hide()
        self.panel_form.clear_error()
        for b in self._confirm_row:
            b.hide()

    def _confirm(self) -> None:
        if self.pending is None:
            return
        action, note = self.pending, self.note.text()
        department = ""
        if action is TicketAction.DISPATCH:
            department = self.department.value()
        photos = self.verify_photos.digests
        # a verification without a photo is refused by the core (ticket.verify_needs_photo)
        photo = photos[0] if photos and action is TicketAction.VERIFY else None
        tickets, ticket_id = self.ws.tickets, self.ticket_id
        self.confirm.setEnabled(False)
        CoreOp(
            self,
            lambda: tickets.act(ticket_id, action, note=note, department=department, photo=photo),
        ).success(self._acted).failure(self.panel_form.show_error).finally_(
            lambda: self.confirm.setEnabled(True)
        ).run(self.ctx.ops)

    def _acted(self, ticket: Ticket) -> None:
        self._close_panel()
        self.acted.emit(ticket)
        self.reload()

    def _open_household(self) -> None:
        if self.data is not None and self.data.ticket.household_id:
            self.nav.open_household(self.data.ticket.household_id)
