"""One ticket (工单详情): its facts, the steps the state machine allows now, its full history."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QLineEdit

from gridterm.domain.deadlines import Due
from gridterm.domain.tickets import Ticket, TicketAction, Transition
from ui.context import AppContext
from ui.formatting import clock_text, due_text, time_text, waited_text
from ui.labels import LEVELS, TICKET_ACTIONS, TICKET_STATUSES, category_label, label
from ui.models.tickets import is_waiting
from ui.models.transitions import TransitionModel, photos_of
from ui.screens.base import Navigator
from ui.screens.record_detail import RecordDetailScreen
from ui.widgets.action_panel import ActionPanel
from ui.widgets.department_picker import DepartmentPicker
from ui.widgets.photos import PhotoStrip
from ui.widgets.touch import button, card
from ui.workspace import Workspace


@dataclass(frozen=True, slots=True)
class TicketData:
    """A ticket, its history and the names behind user ids."""

    ticket: Ticket
    history: list[Transition]
    names: dict[str, str]
    address: str
    due: Due | None = None  # the time limit running for it (办理时限), as the list shows it


def read_ticket(ws: Workspace, ticket_id: str) -> TicketData:
    """One ticket with its history (blocking)."""
    ticket = ws.tickets.get(ticket_id)
    history = ws.tickets.history(ticket_id)
    names = ws.browse.user_names({t.by_user for t in history} | {ticket.reported_by})
    address = ""
    if ticket.household_id:
        address = ws.register.household(ticket.household_id).address
    return TicketData(ticket, history, names, address, ws.tickets.line(ticket).due)


class TicketDetailScreen(RecordDetailScreen):
    """Facts on the left, actions and history on the right (stacked in portrait)."""

    watches = frozenset({"ticket", "ticket_transition"})
    loaded = Signal()
    acted = Signal(object)

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator, ticket_id: str):
        super().__init__(ctx, ws, nav)
        self.setObjectName("ticketDetail")
        self.ticket_id = ticket_id
        self.data: TicketData | None = None
        row = self.detail_page()
        row.add(self._facts(), 2)
        self.history_model = TransitionModel(self)
        history = self.history(
            self.history_model,
            (TransitionModel.COL_STEP, TransitionModel.COL_NOTE),
            TransitionModel.COL_PHOTOS,
            photos_of,  # the verification's photo
        )
        row.add(self.right_column(self.next_step(self._action_panel()), history), 3)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)

    def _facts(self) -> QFrame:
        """Its state, an urgent ticket's running clock, the facts, the way to its household
        and the photos it was reported with."""
        facts_card, facts = card()
        self.timer_label = self.state_lines(facts, "ticketState", "urgentTimer")
        fields = (
            ("category", self.tr("Category")),
            ("reported", self.tr("Reported")),
            ("waited", self.tr("Waiting")),
            ("due", self.tr("Time limit")),
            ("department", self.tr("Department")),
            ("location", self.tr("Where")),
            ("description", self.tr("Description")),
        )
        self.grid = self.facts_grid(fields, "ticket")
        facts.addLayout(self.grid)
        self.household_button = button("", object_name="ticketHousehold")
        self.household_button.hide()
        self.household_button.clicked.connect(self._open_household)
        facts.addWidget(self.household_button)
        self.photos = PhotoStrip(self.ctx, self.ws)
        self.photos.show_only()
        facts.addWidget(self.photos)
        facts.addStretch(1)
        return facts_card

    def _action_panel(self) -> ActionPanel:
        """The steps the state machine allows now and what each asks for: a note, the
        department a dispatch goes to, a verification's photo on site."""
        panel = ActionPanel(
            lambda step: label(TICKET_ACTIONS, step),
            self.tr("Nothing for you to do on this ticket now."),
            self.tr("Cancel"),
        )
        self.note = QLineEdit()
        self.note.setObjectName("actionNote")
        self.department = DepartmentPicker()
        self.verify_photos = PhotoStrip(self.ctx, self.ws)
        self.verify_photos.failed.connect(panel.form.show_error)
        panel.form.row(self.tr("Note"), self.note, "note")
        panel.form.row(self.tr("Department"), self.department, "department")
        # "take a photo" beside the photo (its line's room kept: the buttons stay put)
        needs = ("ticket.verify_needs_photo",)
        panel.form.row(self.tr("Photo on site"), self.verify_photos, "photo", error_beside=needs)
        return panel

    def title(self) -> str:
        if self.data is None:
            return self.tr("Ticket")
        return self.data.ticket.title

    def reload(self) -> None:
        ws, ticket_id = self.ws, self.ticket_id
        self.read(lambda: read_ticket(ws, ticket_id), self._apply)

    def _apply(self, data: TicketData) -> None:
        self.data = data
        t = data.ticket
        self.state.setText(
            f"{label(TICKET_STATUSES, t.status)} · {label(LEVELS, t.level)}"
            + (" · " + self.tr("Urgent") if t.urgent else "")
        )
        self.values["category"].setText(category_label(t.category))
        self.values["reported"].setText(
            self.tr("{time} by {name}").format(
                time=time_text(t.reported_at), name=data.names.get(t.reported_by, "")
            )
        )
        self.values["department"].setText(t.department or "—")
        self.values["location"].setText(t.location or data.address or "—")
        self.values["description"].setText(t.description or "—")
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
        waited = t.waited_minutes(now)
        self.values["waited"].setText("—" if waited is None else waited_text(waited))
        due = self.data.due
        self.values["due"].setText(due_text(due.left(now)) if due else "—")
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
        self.action_panel.set_allowed(
            [a.value for a in ticket.allowed_actions(self.ws.session.user.role)]
        )

    def _open_panel(self, step: str) -> None:
        action = TicketAction(step)
        self.note.clear()
        self.department.clear()
        self.verify_photos.set_digests([])
        self.panel_form.show_row("department", action is TicketAction.DISPATCH)
        self.panel_form.show_row("photo", action is TicketAction.VERIFY)
        required = action in (TicketAction.ESCALATE, TicketAction.REOPEN)
        self.note.setPlaceholderText(
            self.tr("Why? (required)") if required else self.tr("Optional note")
        )
        self.note.setFocus()

    def _confirm(self, step: str) -> None:
        action, note = TicketAction(step), self.note.text()
        department = self.department.value() if action is TicketAction.DISPATCH else ""
        photos = self.verify_photos.digests
        # a verification without a photo is refused by the core (ticket.verify_needs_photo)
        photo = photos[0] if photos and action is TicketAction.VERIFY else None
        tickets, ticket_id = self.ws.tickets, self.ticket_id
        self.action_panel.submit(
            self.ctx.ops,
            lambda: tickets.act(ticket_id, action, note=note, department=department, photo=photo),
            self._acted,
        )

    def _acted(self, ticket: Ticket) -> None:
        self.acted.emit(ticket)
        self.reload()

    def _open_household(self) -> None:
        if self.data is not None and self.data.ticket.household_id:
            self.nav.open_household(self.data.ticket.household_id)
