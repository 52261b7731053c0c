"""Today (今日): check in / out, who is due for a visit, today's numbers, unsaved drafts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from gridterm.domain.office_time import office_day, office_day_bounds
from gridterm.domain.rounds import CheckIn, CheckKind, Location, next_check_kind
from gridterm.services.today import DayCounts, DueHousehold
from ui.context import AppContext
from ui.formatting import long_date_text, time_text
from ui.models.due import DueModel
from ui.ops import CoreOp
from ui.screens.base import Navigator, Screen
from ui.widgets.location import Positioning
from ui.widgets.numbers import number_grid
from ui.widgets.responsive import ResponsiveRow
from ui.widgets.table import TouchTable
from ui.widgets.touch import button, card, clear, label, make_big, set_role
from ui.workspace import Workspace


@dataclass(frozen=True, slots=True)
class TodayData:
    """Everything the Today screen shows, read in one go off the GUI thread."""

    day: date
    checks: list[CheckIn]
    last: CheckIn | None
    counts: DayCounts
    due: list[DueHousehold]
    drafts: list[dict[str, Any]]


def read_today(ws: Workspace) -> TodayData:
    """Gather the Today screen's data (blocking: call off the GUI thread)."""
    # the office's day, as Team and Reports count it, not the machine's
    day = ws.session.today()
    start, end = office_day_bounds(day)
    return TodayData(
        day=day,
        checks=ws.rounds.on_day(start, end),
        last=ws.rounds.last_check(),
        counts=ws.today.counts(start, end),
        due=ws.today.due(day),
        drafts=ws.drafts.load("visit"),
    )


class TodayScreen(Screen):
    """The worker's start page."""

    watches = frozenset({"visit", "check_in", "ticket", "ticket_transition", "household"})
    ready = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__(ctx, ws, nav)
        self.setObjectName("today")
        self.data: TodayData | None = None
        self.heading = label(ws.session.user.name, "muted")
        self.body.addWidget(self.heading)

        row = ResponsiveRow()
        self.body.addWidget(row, 1)
        left = QWidget()
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 0, 0)
        left_col.setSpacing(14)
        left.setMinimumWidth(380)
        row.add(left, 0)
        left_col.addWidget(self._round_card())
        left_col.addWidget(self._counts_card())
        left_col.addWidget(self._drafts_card())
        left_col.addStretch(1)
        row.add(self._due_card(), 1)

    # -- the cards -------------------------------------------------------------------------

    def _round_card(self) -> QWidget:
        """The round: where it stands and the check in / out button."""
        check_card, check = card()
        check.addWidget(label(self.tr("Round"), "section"))
        self.check_state = label(self.tr("Not checked in yet"))
        self.check_state.setObjectName("checkState")
        check.addWidget(self.check_state)
        self.check_button = button(self.tr("Check in"), "primary", "checkButton")
        make_big(self.check_button)
        self.check_button.clicked.connect(self._check)
        self.positioning = Positioning(self, self.ctx.locate)
        check.addWidget(self.check_button)
        return check_card

    def _counts_card(self) -> QWidget:
        """Today's numbers, each beside what it counts."""
        counts_card, counts = card()
        counts.addWidget(label(self.tr("Today"), "section"))
        grid, self.count_labels = number_grid(
            (
                ("visits", self.tr("Visits")),
                ("key_visits", self.tr("Key households visited")),
                ("tickets_reported", self.tr("Tickets reported")),
                ("tickets_open", self.tr("Open tickets in my grids")),
                ("urgent_open", self.tr("Urgent tickets")),
                ("tickets_overdue", self.tr("Tickets overdue")),
            ),
            "count_",
            16,
            row_spacing=4,
        )
        counts.addLayout(grid)
        return counts_card

    def _drafts_card(self) -> QWidget:
        """Visits left unsaved, to continue (hidden while there are none)."""
        self.drafts_card, drafts = card()
        drafts.addWidget(label(self.tr("Unsaved visits"), "section"))
        self.drafts_list = QVBoxLayout()
        drafts.addLayout(self.drafts_list)
        self.drafts_card.hide()
        return self.drafts_card

    def _due_card(self) -> QWidget:
        """The households due for a visit, key households first."""
        due_card, due = card()
        header = QHBoxLayout()
        self.due_title = label(self.tr("Due for a visit"), "section")
        header.addWidget(self.due_title, 1)
        due.addLayout(header)
        self.due_hint = label(self.tr("Key households first; tap one to open it."), "muted")
        due.addWidget(self.due_hint)
        self.due_model = DueModel(self.ctx.theme)
        self.due_table = TouchTable(
            self.due_model,
            stretch=(DueModel.COL_REASONS,),
            name=self.tr("Due for a visit"),
            # the household's page names them; the address and why it is due stay
            give_way=(DueModel.COL_HEAD, DueModel.COL_LAST),
        )
        self.due_table.setObjectName("dueTable")
        self.due_table.wrap_rows()  # several reasons (English is long) wrap, not cut
        self.due_table.on_row(lambda r: self.nav.open_household(r.household_id))
        due.addWidget(self.due_table, 1)
        self.none_due = label(self.tr("Nobody is due today. Well done."), "ok")
        self.none_due.hide()
        due.addWidget(self.none_due)
        return due_card

    def title(self) -> str:
        return self.tr("Today")

    def reload(self) -> None:
        self.read(lambda: read_today(self.ws), self._apply)

    def _apply(self, data: TodayData) -> None:
        self.data = data
        self.heading.setText(
            self.tr("{date} · good work today, {name}").format(
                date=long_date_text(data.day), name=self.ws.session.user.name
            )
        )
        self._show_checks(data)
        for key, widget in self.count_labels.items():
            widget.setText(str(getattr(data.counts, key)))
        # overdue is red everywhere: here the number, when there is one
        overdue = self.count_labels["tickets_overdue"]
        set_role(overdue, "overdue" if data.counts.tickets_overdue else "title")
        self.due_model.set_rows(data.due)
        self.due_title.setText(self.tr("Due for a visit (%n)", None, len(data.due)))
        self.due_table.setVisible(bool(data.due))
        self.none_due.setVisible(not data.due)
        self._show_drafts(data.drafts)
        self.ready.emit()

    def _show_checks(self, data: TodayData) -> None:
        last = data.last
        kind = next_check_kind(last.kind if last else None)
        self.check_button.setText(
            self.tr("Check in") if kind is CheckKind.IN else self.tr("Check out")
        )
        ins = [c for c in data.checks if c.kind is CheckKind.IN]
        outs = [c for c in data.checks if c.kind is CheckKind.OUT]
        if last is not None and last.kind is CheckKind.IN:
            text = self.tr("Checked in at {time}").format(time=time_text(last.at))
        elif outs and ins:
            text = self.tr("Round finished: {start} – {end}").format(
                start=time_text(ins[0].at), end=time_text(outs[-1].at)
            )
        else:
            text = self.tr("Not checked in yet")
        if last is not None and office_day(last.at) == data.day:
            if last.location is not None:
                text += "\n" + self.tr("Location {lat:.5f}, {lon:.5f}").format(
                    lat=last.location.latitude, lon=last.location.longitude
                )
            else:  # said, not hidden: a check without a position is worth knowing about
                text += "\n" + self.tr("No position was available: no location recorded.")
        self.check_state.setText(text)

    def _show_drafts(self, drafts: list[dict[str, Any]]) -> None:
        clear(self.drafts_list)
        for draft in drafts[:5]:
            address = draft["payload"].get("address", "")
            b = button(self.tr("Continue the visit to {address}").format(address=address))
            b.setObjectName("draftButton")
            b.clicked.connect(
                lambda _=False, d=draft: self.nav.start_visit(d["subject_id"], d["id"])
            )
            self.drafts_list.addWidget(b)
        self.drafts_card.setVisible(bool(drafts))

    def _check(self) -> None:
        last = self.data.last if self.data else None
        kind = next_check_kind(last.kind if last else None)
        self.check_button.setEnabled(False)
        self.check_state.setText(self.tr("Finding your location…"))
        self.positioning.current(lambda location: self._save_check(kind, location))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.positioning.start()  # a fix at hand when the worker taps check in

    def hideEvent(self, event: QHideEvent) -> None:
        self.positioning.stop()
        super().hideEvent(event)

    def _save_check(self, kind: CheckKind, location: Location | None) -> None:
        CoreOp(self, lambda: self.ws.rounds.check(kind, location)).success(
            lambda _: self.reload()
        ).finally_(lambda: self.check_button.setEnabled(True)).run(self.ctx.ops)
