"""团队 (Team): the area's workers today, live — who has not checked in, who is behind.

For community supervisors and street staff. The figures are the core's (``Reports.team``),
read off the GUI thread and read again whenever visits, check-ins or tickets change.
"""

from __future__ import annotations

from PySide6.QtCore import Signal

from gridterm.reports.team import Team
from ui.context import AppContext
from ui.models.team import TeamModel
from ui.screens.base import Navigator, Screen
from ui.screens.report_panels import data_as_of_text
from ui.widgets.table import TouchTable
from ui.widgets.touch import card, label
from ui.workspace import Workspace


class TeamScreen(Screen):
    """One row per worker; the summary says how many checked in and how many are behind."""

    watches = frozenset({"visit", "check_in", "ticket", "ticket_transition", "household"})
    loaded = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__(ctx, ws, nav)
        self.setObjectName("team")
        self.team: Team | None = None
        top, row = card(vertical=False)
        self.area = label("", "section")
        self.area.setObjectName("teamArea")
        row.addWidget(self.area, 1)
        self.summary = label("", "title")
        self.summary.setObjectName("teamSummary")
        row.addWidget(self.summary, 2)
        self.body.addWidget(top)
        self.as_of = label("", "muted")
        self.as_of.setObjectName("dataAsOf")
        self.body.addWidget(self.as_of)
        table_card, layout = card()
        self.model = TeamModel(ctx.theme, self)
        self.table = TouchTable(
            self.model, stretch=(TeamModel.COL_WORKER,), sortable=True, name=self.tr("Team")
        )
        self.table.setObjectName("teamTable")
        layout.addWidget(self.table, 1)
        self.empty = label(self.tr("Nobody works in this area yet."), "muted")
        self.empty.hide()
        layout.addWidget(self.empty)
        self.body.addWidget(table_card, 1)

    def title(self) -> str:
        return self.tr("Team")

    def reload(self) -> None:
        self.read(lambda: self.ws.reports.team(), self._apply)

    def _apply(self, team: Team) -> None:
        self.team = team
        members = team.members
        self.model.set_rows(members)
        self.area.setText(f"{team.log.area.name} · {team.log.period.label()}")
        checked = sum(1 for m in members if m.checked_in)
        behind = sum(1 for m in members if m.behind)
        self.summary.setText(
            self.tr("{checked} of {total} checked in · {behind} behind on key households").format(
                checked=checked, total=len(members), behind=behind
            )
        )
        self.as_of.setText(data_as_of_text(team.log.data_as_of))
        self.table.setVisible(bool(members))
        self.empty.setVisible(not members)
        self.loaded.emit()
