"""Tickets (工单): mine by state, how long each has waited, a running timer on urgent ones."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent

from gridterm.domain.tickets import URGENT_RESPONSE_MINUTES, Ticket, TicketStatus
from gridterm.services.today import OPEN_STATUSES
from ui.context import AppContext
from ui.formatting import clock_text
from ui.labels import TICKET_STATUSES, label
from ui.models.tickets import TicketModel, is_waiting
from ui.ops import CoreOp
from ui.screens.base import Navigator, Screen
from ui.widgets.form import Choice, scrolling_row
from ui.widgets.table import TouchTable
from ui.widgets.touch import card, set_role
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace

OPEN = "open"


class TicketsScreen(Screen):
    """Filter by state, tap a ticket for its history and actions."""

    watches = frozenset({"ticket", "ticket_transition"})
    loaded = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__(ctx, ws, nav)
        self.setObjectName("tickets")
        self.all: list[Ticket] = []
        self.urgent_banner = text_label("", "urgent")
        self.urgent_banner.setObjectName("urgentBanner")
        # Its room is kept while hidden: appearing must not push the state tabs from under a
        # finger reaching for them.
        policy = self.urgent_banner.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.urgent_banner.setSizePolicy(policy)
        self.urgent_banner.hide()
        self.body.addWidget(self.urgent_banner)
        options = [(OPEN, self.tr("Open"))] + [
            (s.value, label(TICKET_STATUSES, s)) for s in TicketStatus
        ]
        self.filter = Choice(options, "ticketFilter")
        self.filter.set_value(OPEN)
        self.filter.group.buttonClicked.connect(lambda _: self._show())
        self.body.addWidget(scrolling_row(self.filter))
        list_card, layout = card()
        self.model = TicketModel(ctx.theme, ws.session.now)
        self.table = TouchTable(
            self.model, stretch=(TicketModel.COL_TITLE,), sortable=True, name=self.tr("Tickets")
        )
        self.table.setObjectName("ticketTable")
        self.table.on_row(lambda t: nav.open_ticket(t.id))
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
        CoreOp(self, tickets.in_my_area).success(self._loaded).run(self.ctx.ops)

    def _loaded(self, tickets: list[Ticket]) -> None:
        self.all = tickets
        self._show()
        self.loaded.emit()

    def _show(self) -> None:
        chosen = self.filter.value() or OPEN
        wanted = set(OPEN_STATUSES) if chosen == OPEN else {chosen}
        rows = [t for t in self.all if t.status.value in wanted]
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        for value, b in self.filter.buttons.items():
            states = set(OPEN_STATUSES) if value == OPEN else {value}
            n = sum(t.status.value in states for t in self.all)
            base = self.tr("Open") if value == OPEN else label(TICKET_STATUSES, value)
            b.setText(f"{base} {n}")
        self._tick()
        has_timers = any(t.urgent and is_waiting(t) for t in self.all)
        if has_timers and not self.timer.isActive():
            self.timer.start()
        elif not has_timers:
            self.timer.stop()

    def _tick(self) -> None:
        self.model.tick()
        waiting = [t for t in self.all if t.urgent and is_waiting(t)]
        if not waiting:
            self.urgent_banner.hide()
            self._fit_banner()
            return
        oldest = min(t.reported_at for t in waiting)
        seconds = int((self.ws.session.now() - oldest).total_seconds())
        self.urgent_banner.setText(self._banner_text(len(waiting), seconds))
        late = seconds >= URGENT_RESPONSE_MINUTES * 60
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
