"""The logged-in shell: top bar, section navigation, and a stack of screens per section."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gridterm.domain.users import Role
from ui.context import AppContext
from ui.labels import ROLES, label
from ui.notifier import AlertNotifier
from ui.screens.base import Screen
from ui.widgets import accessible
from ui.widgets.icons import icon, icon_size
from ui.widgets.nav_bar import NavBar
from ui.widgets.sync_indicator import SyncIndicator
from ui.widgets.touch import TOUCH_PX, ElidedLabel
from ui.workspace import Workspace


class Section(NamedTuple):
    """A main section: its name, its button's text and icon, and how its first screen is made."""

    name: str
    text: str
    icon_name: str
    factory: Callable[[], Screen]


class TopBar(QWidget):
    """Back, the screen's title, who is logged in, the sync state and the lock; in portrait
    the sync state on a line of its own under them (``set_portrait``)."""

    def __init__(self, shell: Shell):
        super().__init__()
        self.setObjectName("topBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 12, 6)
        column.setSpacing(4)
        row = QHBoxLayout()
        row.setSpacing(10)
        column.addLayout(row)
        # Portrait's line under the title: the sync state, which there would otherwise take
        # the title's room ("· 12 条待发送 · 1 条需处理" left the title two characters).
        self.under = QWidget()
        self.under.setObjectName("topBarUnder")
        self._under = QHBoxLayout(self.under)
        self._under.setContentsMargins(0, 0, 0, 0)
        self._under.addStretch(1)
        self.under.hide()
        column.addWidget(self.under)
        self._row = row
        theme = shell.ctx.theme
        self.back = QToolButton()
        self.back.setObjectName("backButton")
        self.back.setIconSize(icon_size(32))
        self.back.setMinimumSize(TOUCH_PX + 8, TOUCH_PX)
        accessible.tip(self.back, self.tr("Back"))
        self.back.clicked.connect(shell.back)
        self.title = ElidedLabel()
        self.title.setProperty("role", "title")
        self.title.setObjectName("screenTitle")
        self.user = QLabel()
        self.user.setProperty("role", "muted")
        self.sync = SyncIndicator(shell.ctx, shell.ws)
        self.sync.clicked.connect(lambda: shell.show_tab("sync"))
        self.bell = QToolButton()
        self.bell.setObjectName("alertsButton")
        self.bell.setIconSize(icon_size(30))
        self.bell.setMinimumSize(TOUCH_PX + 8, TOUCH_PX)
        self.bell.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        accessible.tip(self.bell, self.tr("Alerts"))
        self.bell.clicked.connect(shell.open_alerts)
        self.lock = QToolButton()
        self.lock.setObjectName("lockButton")
        self.lock.setIconSize(icon_size(30))
        self.lock.setMinimumSize(TOUCH_PX + 8, TOUCH_PX)
        accessible.tip(self.lock, self.tr("Lock"))
        self.lock.setAccessibleDescription(self.tr("Lock the terminal; your PIN opens it again"))
        self.lock.clicked.connect(shell.lock_requested)
        row.addWidget(self.back)
        row.addWidget(self.title, 1)
        row.addWidget(self.user)
        row.addWidget(self.sync)
        row.addWidget(self.bell)
        row.addWidget(self.lock)
        self._theme = theme
        theme.changed.connect(self._recolor)
        self._recolor()

    def set_portrait(self, portrait: bool) -> None:
        """Lay the bar out for a portrait screen (the sync state under the title, shorter, and
        who is logged in left to Settings) or a landscape one (all on one line)."""
        self.user.setVisible(not portrait)
        self.sync.set_compact(portrait)
        if portrait == self.under.isVisibleTo(self):
            return
        if portrait:
            self._row.removeWidget(self.sync)
            self._under.insertWidget(0, self.sync)
        else:
            self._under.removeWidget(self.sync)
            self._row.insertWidget(self._row.indexOf(self.bell), self.sync)
        self.under.setVisible(portrait)
        self.sync.show()

    def _recolor(self) -> None:
        color = self._theme.color("text")
        self.back.setIcon(icon("back", color))
        self.lock.setIcon(icon("lock", color))
        self.bell.setIcon(icon("bell", color))


class Shell(QWidget):
    """Sections (Today, Register, Tickets, Quick report, Sync, Settings; Market and Hazards
    for inspectors), each a stack of screens; implements ``Navigator`` for the screens."""

    lock_requested = Signal()
    logout_requested = Signal()
    language_requested = Signal(str)
    screen_shown = Signal(str)  # object name of the screen now on top

    def __init__(self, ctx: AppContext, ws: Workspace):
        super().__init__()
        self.ctx = ctx
        self.ws = ws
        self.top = TopBar(self)
        self.nav = NavBar(ctx.theme)
        self.sections = QStackedWidget()
        self.sections.setObjectName("screens")
        self._stacks: dict[str, QStackedWidget] = {}
        self._factories: dict[str, Callable[[], Screen]] = {}
        self.current = ""

        content = QWidget()
        column = QBoxLayout(QBoxLayout.Direction.TopToBottom, content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.top)
        column.addWidget(self.sections, 1)
        self.frame = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.frame.setContentsMargins(0, 0, 0, 0)
        self.frame.setSpacing(0)
        self.frame.addWidget(self.nav)
        self.frame.addWidget(content, 1)

        user = ws.session.user
        self.top.user.setText(f"{user.name} · {label(ROLES, user.role)}")
        self._add_sections(user.role)
        self.nav.selected.connect(self.tab_tapped)
        ws.events.changed.connect(self._data_changed)
        self.notifier = AlertNotifier(ctx, ws, self.top.bell)
        first = {Role.PART_TIME_WORKER: "report", Role.MARKET_INSPECTOR: "markets"}
        self.show_tab(first.get(user.role, "today"))

    def _add_sections(self, role: Role) -> None:
        """The role's sections in the navigation bar, each an empty stack until first shown."""
        for name, text, icon_name, factory in self._sections(role):
            self.nav.add(name, text, icon_name)
            stack = QStackedWidget()
            self._stacks[name] = stack
            self._factories[name] = factory
            self.sections.addWidget(stack)

    def _sections(self, role: Role) -> list[Section]:
        """The sections ``role`` works in, in the navigation bar's order."""
        from ui.screens import quick_report, settings, sync, tickets, today

        section = self._section
        sections: list[Section] = []
        if role is Role.MARKET_INSPECTOR:
            from ui.screens import market

            # An inspector works on stalls, not households: no Today round, no Register.
            sections.append(section("markets", self.tr("Market"), "market", market.MarketScreen))
        elif role is not Role.PART_TIME_WORKER:
            from ui.screens import register

            sections.append(section("today", self.tr("Today"), "today", today.TodayScreen))
            sections.append(
                section("register", self.tr("Register"), "register", register.RegisterScreen)
            )
        # Supervisors follow their team, the markets' hazard status, and the reports.
        supervisor = role in (Role.COMMUNITY_SUPERVISOR, Role.STREET_STAFF)
        if supervisor or role is Role.MARKET_INSPECTOR:
            from ui.screens import hazards

            sections.append(section("hazards", self.tr("Hazards"), "hazard", hazards.HazardsScreen))
        if supervisor:
            from ui.screens import conflict_queue, reports, team

            sections.append(section("team", self.tr("Team"), "team", team.TeamScreen))
            conflicts = conflict_queue.ConflictQueueScreen
            sections.append(section("conflicts", self.tr("Conflicts"), "warning", conflicts))
            sections.append(section("reports", self.tr("Reports"), "report", reports.ReportsScreen))
        quick = quick_report.QuickReportScreen
        own_settings = partial(settings.SettingsScreen, shell=self)
        return [
            *sections,
            section("tickets", self.tr("Tickets"), "tickets", tickets.TicketsScreen),
            section("report", self.tr("Quick report", "navigation"), "quick_report", quick),
            section("sync", self.tr("Sync"), "sync", sync.SyncScreen),
            section("settings", self.tr("Settings"), "settings", own_settings),
        ]

    def _section(
        self, name: str, text: str, icon_name: str, screen: Callable[..., Screen]
    ) -> Section:
        """A section whose first screen is ``screen`` of this shell's context."""
        return Section(name, text, icon_name, lambda: screen(*self._args()))

    def _args(self) -> tuple[AppContext, Workspace, Shell]:
        return self.ctx, self.ws, self

    # -- Navigator -------------------------------------------------------------------------

    def show_tab(self, name: str) -> None:
        """Show a section, creating its first screen the first time (lazily, after login)."""
        if name not in self._stacks:
            return
        stack = self._stacks[name]
        if stack.count() == 0:
            screen = self._factories[name]()
            stack.addWidget(screen)
            screen.reload()
        self.current = name
        self.sections.setCurrentWidget(stack)
        self.nav.check(name)
        self._update_top()

    def tab_tapped(self, name: str) -> None:
        """A section button was tapped: show that section; tapped again while deeper in it,
        go back to its first screen, as every tablet app does."""
        if name == self.current:
            while self._stacks[name].count() > 1:
                self.back()
        self.show_tab(name)

    def push(self, screen: Screen) -> None:
        """Put a screen on top of the current section."""
        stack = self._stacks[self.current]
        stack.addWidget(screen)
        stack.setCurrentWidget(screen)
        screen.reload()
        self._update_top()

    def back(self) -> None:
        """Close the screen on top of the current section."""
        stack = self._stacks[self.current]
        if stack.count() <= 1:
            return
        top = stack.widget(stack.count() - 1)
        assert top is not None  # the stack holds more than one
        if isinstance(top, Screen):
            top.leaving()
        stack.removeWidget(top)
        top.deleteLater()
        stack.setCurrentIndex(stack.count() - 1)
        self._update_top()

    def open_building(self, building_id: str) -> None:
        """Show a building's floor-by-room view."""
        from ui.screens.building import BuildingScreen

        self.push(BuildingScreen(*self._args(), building_id=building_id))

    def open_household(self, household_id: str) -> None:
        """Show a household."""
        from ui.screens.household import HouseholdScreen

        self.push(HouseholdScreen(*self._args(), household_id=household_id))

    def start_visit(self, household_id: str, draft_id: str | None = None) -> None:
        """Open the visit form."""
        from ui.screens.visit import VisitScreen

        self.push(VisitScreen(*self._args(), household_id=household_id, draft_id=draft_id))

    def open_alerts(self) -> None:
        """Show the notification centre."""
        from ui.screens.alerts import AlertsScreen

        centre = AlertsScreen(*self._args())
        centre.seen.connect(self.notifier.refresh)
        self.push(centre)

    def open_ticket(self, ticket_id: str) -> None:
        """Show one ticket."""
        from ui.screens.ticket_detail import TicketDetailScreen

        self.push(TicketDetailScreen(*self._args(), ticket_id=ticket_id))

    def start_inspection(self, premises_id: str, inspection_id: str | None = None) -> None:
        """Run (or resume) a checklist inspection of a stall or shop."""
        from ui.screens.inspection import InspectionScreen

        self.push(
            InspectionScreen(*self._args(), premises_id=premises_id, inspection_id=inspection_id)
        )

    def open_hazard(self, hazard_id: str) -> None:
        """Show a hazard: its lifecycle, photos before and after, and its actions."""
        from ui.screens.hazard_detail import HazardDetailScreen

        self.push(HazardDetailScreen(*self._args(), hazard_id=hazard_id))

    def open_market(self, grid_id: str) -> None:
        """Show a market's stalls as a list or a floor plan."""
        from ui.screens.market import MarketScreen

        self.push(MarketScreen(*self._args(), grid_id=grid_id))

    def open_premises(self, premises_id: str) -> None:
        """Show a stall or shop with its inspections and open hazards."""
        from ui.screens.premises import PremisesScreen

        self.push(PremisesScreen(*self._args(), premises_id=premises_id))

    def edit_premises(self, premises_id: str | None, grid_id: str) -> None:
        """Add a stall or shop to a market (``premises_id`` None), or correct one."""
        from ui.screens.premises_edit import PremisesEditScreen

        self.push(PremisesEditScreen(*self._args(), grid_id=grid_id, premises_id=premises_id))

    # -- helpers ---------------------------------------------------------------------------

    def top_screen(self) -> Screen | None:
        """The screen the worker sees."""
        stack = self._stacks.get(self.current)
        widget = stack.currentWidget() if stack is not None else None
        return widget if isinstance(widget, Screen) else None

    def _update_top(self) -> None:
        stack = self._stacks[self.current]
        screen = self.top_screen()
        self.top.title.setText(screen.title() if screen else "")
        self.top.back.setVisible(stack.count() > 1)
        if screen is not None:
            self.screen_shown.emit(screen.objectName())

    def sync_started(self, runner: object) -> None:
        """The background sync is running: the indicator and the sync page listen to it."""
        self.top.sync.attach(runner)
        self.notifier.attach(runner)
        for stack in self._stacks.values():
            for i in range(stack.count()):
                attach = getattr(stack.widget(i), "attach_sync", None)
                if attach is not None:
                    attach(runner)

    def retitle(self) -> None:
        """Refresh the top bar after a screen's title changed (its data loaded)."""
        self._update_top()

    def _data_changed(self, entities: frozenset[str]) -> None:
        for stack in self._stacks.values():
            for i in range(stack.count()):
                widget = stack.widget(i)
                if isinstance(widget, Screen):
                    widget.data_changed(entities)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        portrait = event.size().height() > event.size().width()
        # Who is logged in is on the Settings screen; a portrait top bar needs the room.
        self.top.set_portrait(portrait)
        self.nav.set_vertical(not portrait)
        self.frame.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        # In portrait the bar sits under the content, as phones and tablets put it.
        self.frame.removeWidget(self.nav)
        self.frame.insertWidget(1 if portrait else 0, self.nav)
