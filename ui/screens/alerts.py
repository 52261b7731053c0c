"""The notification centre (提醒): every alert standing now, the new ones since the last look
marked; tapping one opens its record. Opening the centre marks what it shows as seen, on every
terminal of the worker (``gridterm.services.alerts``)."""

from __future__ import annotations

from PySide6.QtCore import Signal

from gridterm.domain.alerts import MarkState, Subject
from gridterm.services.alerts import AlertLine
from ui.context import AppContext
from ui.models.alerts import AlertModel
from ui.ops import CoreOp
from ui.screens.base import Navigator, Screen
from ui.widgets.table import TouchTable
from ui.widgets.touch import card, label
from ui.workspace import Workspace

# What the alerts are computed from: while the centre is open, a write to any of these may
# add or settle one. (Not ``alert_mark``: the centre's own seen marks must not reload the
# list, or the "new" labels would vanish while the worker reads them; it is not watched.)
ALERT_SOURCES = frozenset(
    {"ticket", "ticket_transition", "hazard", "hazard_step", "visit", "household"}
)


class AlertsScreen(Screen):
    """The list of alerts, newest first."""

    watches = ALERT_SOURCES
    loaded = Signal()
    # emitted once the shown alerts are marked seen (the bell recounts on it)
    seen = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__(ctx, ws, nav)
        self.setObjectName("alerts")
        self.lines: list[AlertLine] = []
        self.summary = label("", "muted")
        self.summary.setObjectName("alertSummary")
        self.body.addWidget(self.summary)
        list_card, layout = card()
        self.model = AlertModel(ctx.theme, ws.session.now)
        self.table = TouchTable(self.model, stretch=(AlertModel.COL_TITLE,), name=self.tr("Alerts"))
        self.table.setObjectName("alertTable")
        self.table.on_row(self._open)
        layout.addWidget(self.table, 1)
        self.empty = label(self.tr("Nothing needs your attention."), "ok")
        self.empty.hide()
        layout.addWidget(self.empty)
        self.body.addWidget(list_card, 1)
        self.reload()

    def title(self) -> str:
        return self.tr("Alerts")

    def reload(self) -> None:
        self.read(self.ws.alerts.current, self._loaded)

    def _loaded(self, lines: list[AlertLine]) -> None:
        self.lines = lines
        self.model.set_rows(lines)
        new = [line.alert for line in lines if not line.seen]
        self.summary.setText(
            self.tr("%n new since you last looked", None, len(new))
            if new
            else self.tr("Nothing new since you last looked")
        )
        self.table.setVisible(bool(lines))
        self.empty.setVisible(not lines)
        if new:
            # looked at now: seen on every terminal of this worker (the rows stay marked new
            # until the centre is opened again)
            alerts = self.ws.alerts
            CoreOp(self, lambda: alerts.mark(new, MarkState.SEEN)).success(
                lambda _: self.seen.emit()
            ).run(self.ctx.ops)
        self.loaded.emit()

    def _open(self, line: AlertLine) -> None:
        a = line.alert
        if a.subject is Subject.TICKET:
            self.nav.open_ticket(a.subject_id)
        elif a.subject is Subject.HAZARD:
            self.nav.open_hazard(a.subject_id)
        else:
            self.nav.open_household(a.subject_id)
