"""Tickets (工单): mine by state, how long each has waited, a running timer on urgent ones."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent

from gridterm.domain.tickets import TicketStatus
from gridterm.services.deadlines import TicketLine
from gridterm.services.today import OPEN_STATUSES
from ui.context import AppContext
from ui.formatting import clock_text
from ui.labels import TICKET_STATUSES, label
from ui.models.tickets import TicketModel, is_waiting
from ui.screens.base import Navigator, Screen
from ui.widgets.form import Choice
from ui.widgets.table import TouchTable
from ui.widgets.touch import card, set_role
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace

OPEN = "open"
# The filter of tickets past their deadline (they are open, by definition).
OVERDUE = "overdue"


class TicketsScreen(Screen):
    """Filter by state or overdue, tap a ticket for its history and actions; soonest
    deadline first."""

    watches = frozenset({"ticket", "ticket_transition"})
    loaded = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__(ctx, ws, nav)
        self.setObjectName("tickets")
        self.all: list[TicketLine] = []
        self.urgent_banner = text_label("", "urgent")
        self.urgent_banner.setObjectName("urgentBanner")
        # Its room is kept while hidden: appearing must not push the state tabs from under a
        # finger reaching for them.
        policy = self.urgent_banner.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.urgent_banner.setSizePolicy(policy)
        self.urgent_banner.hide()
        self.body.addWidget(self.urgent_banner)
        options = [(OPEN, self.tr("Open")), (OVERDUE, self.tr("Overdue"))] + [
            (s.value, label(TICKET_STATUSES, s)) for s in TicketStatus
        ]
        # Wrapped, not scrolled: in portrait a sideways-scrolled row hid 已销号 off screen.
        self.filter = Choice(options, "ticketFilter", wrap=True)
        self.filter.set_value(OPEN)
        self.filter.group.buttonClicked.connect(lambda _: self._show())
        self.body.addWidget(self.filter)
        list_card, layout = card()
        self.model = TicketModel(ctx.theme, ws.session.now)
        self.table = TouchTable(
            self.model,
            stretch=(TicketModel.COL_TITLE,),
            sortable=True,
            name=self.tr("Tickets"),
            # urgent tickets also come first and have the banner; the level and category are
            # in the detail, and the waiting timer and the time limit are what a list is for
            give_way=(TicketModel.COL_URGENT, TicketModel.COL_LEVEL, TicketModel.COL_CATEGORY),
        )
        self.table.setObjectName("ticketTable")
        # measured over every ticket, not the filter's: a tap on a state moves no column
        self.table.steady_over(lambda: self.all)
        self.table.on_row(lambda t: nav.open_ticket(t.ticket.id))
        layout.addWidget(self.table, 1)
        self.empty = text_label(self.tr("No tickets here."), "muted")
        self.empty.hide()
        layout.addWidget(self.empty)
        self.body.addWidget(list_card, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)

    def title(self) -> str:
        return self.tr("Tickets in my grids")

    def reload(self) -> None:
        tickets = self.ws.tickets
        self.read(tickets.lines, self._loaded)

    def _loaded(self, tickets: list[TicketLine]) -> None:
        self.all = tickets
        self._show()
        self.loaded.emit()

    def _matching(self, chosen: str) -> list[TicketLine]:
        if chosen == OVERDUE:
            now = self.ws.session.now()
            return [t for t in self.all if t.overdue(now)]
        wanted = set(OPEN_STATUSES) if chosen == OPEN else {chosen}
        return [t for t in self.all if t.ticket.status.value in wanted]

    def _show(self) -> None:
        rows = self._matching(self.filter.value() or OPEN)
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        names = {OPEN: self.tr("Open"), OVERDUE: self.tr("Overdue")}
        for value, b in self.filter.buttons.items():
            base = names.get(value) or label(TICKET_STATUSES, value)
            n = len(self._matching(value))
            b.setText(f"{base} {n}")
            # overdue is red everywhere: the filter too, while there are any
            set_role(b, "danger" if value == OVERDUE and n else "")
        self._tick()
        has_timers = any(t.due is not None for t in self.all)
        if has_timers and not self.timer.isActive():
            self.timer.start()
        elif not has_timers:
            self.timer.stop()

    def _tick(self) -> None:
        self.model.tick()
        waiting = [t for t in self.all if t.ticket.urgent and is_waiting(t.ticket)]
        if not waiting:
            self.urgent_banner.hide()
            self._fit_banner()
            return
        oldest = min(waiting, key=lambda t: t.ticket.reported_at)
        now = self.ws.session.now()
        seconds = int((now - oldest.ticket.reported_at).total_seconds())
        self.urgent_banner.setText(self._banner_text(len(waiting), seconds))
        late = oldest.overdue(now)
        set_role(self.urgent_banner, "urgent" if late else "warning")
        self._fit_banner()
        self.urgent_banner.show()

    def _banner_text(self, count: int, seconds: int) -> str:
        return self.tr(
            "%n urgent ticket(s) waiting for a response · longest {clock}", None, count
        ).replace("{clock}", clock_text(seconds))

    def _fit_banner(self) -> None:
        """One height whether shown or not (urgent and warning pad differently): one line, or
        two where the width does not hold it (portrait, large English text)."""
        banner = self.urgent_banner
        metrics = banner.fontMetrics()
        text = banner.text() or self._banner_text(1, 0)
        lines = 1 if metrics.horizontalAdvance(text) + 28 <= banner.width() else 2
        banner.setFixedHeight(lines * metrics.lineSpacing() + 12)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_banner()
