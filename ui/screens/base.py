"""What every logged-in screen has: a title, the workspace, and a way to navigate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.ops import Latest
from ui.widgets.form import Form
from ui.widgets.touch import card, kinetic
from ui.workspace import Workspace

T = TypeVar("T")


class Navigator(Protocol):
    """How a screen asks to go somewhere (the shell implements it)."""

    def open_building(self, building_id: str) -> None:
        """Show a building's floor-by-room view."""

    def open_household(self, household_id: str) -> None:
        """Show a household's detail."""

    def start_visit(self, household_id: str, draft_id: str | None = None) -> None:
        """Open the visit form (a new visit, or a saved draft)."""

    def open_ticket(self, ticket_id: str) -> None:
        """Show a ticket with its history and actions."""

    def start_inspection(self, premises_id: str, inspection_id: str | None = None) -> None:
        """Run (or resume) a checklist inspection of a stall or shop."""

    def open_hazard(self, hazard_id: str) -> None:
        """Show a hazard: its lifecycle, photos before and after, and its actions."""

    def open_market(self, grid_id: str) -> None:
        """Show a market's stalls as a list or a floor plan."""

    def open_premises(self, premises_id: str) -> None:
        """Show a stall or shop with its inspections and open hazards."""

    def edit_premises(self, premises_id: str | None, grid_id: str) -> None:
        """Add a stall or shop to a market (``premises_id`` None), or correct one."""

    def show_tab(self, name: str) -> None:
        """Switch to a main section: today, register, markets, hazards, tickets, report, sync,
        settings."""

    def back(self) -> None:
        """Close the screen on top."""

    def push(self, screen: Screen) -> None:
        """Put a screen (an edit form) on top of the current section."""

    def retitle(self) -> None:
        """The top screen's title changed (its data loaded)."""


class Screen(QWidget):
    """A logged-in screen. Data loads off the GUI thread in ``reload``; the shell calls
    ``data_changed`` when the store reports writes to entities the screen shows."""

    #: Entities whose changes make this screen reload.
    watches: frozenset[str] = frozenset()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__()
        self.ctx = ctx
        self.ws = ws
        self.nav = nav
        self._reads: Latest | None = None  # made by the first ``read``
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(20, 16, 20, 16)
        self.body.setSpacing(14)

    def scrolling_form(self) -> tuple[QScrollArea, QVBoxLayout]:
        """A kinetic scroll area holding a card; returns it and the card's layout."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        kinetic(scroll)
        form_card, layout = card()
        scroll.setWidget(form_card)
        self.body.addWidget(scroll, 1)
        return scroll, layout

    def scrolling_rows(self, *above: QWidget) -> tuple[QScrollArea, Form]:
        """A scrolling card of form rows, with ``above`` over them; returns it and the form."""
        scroll, layout = self.scrolling_form()
        for widget in above:
            layout.addWidget(widget)
        form = Form()
        layout.addLayout(form)
        layout.addStretch(1)  # rows keep their height; spare room goes below
        return scroll, form

    def title(self) -> str:
        """The heading the top bar shows for this screen."""
        return ""

    def reload(self) -> None:
        """Read this screen's data again (off the GUI thread, through ``read``)."""

    def read(
        self,
        fn: Callable[[], T],
        show: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``fn`` off the GUI thread and ``show`` its answer only if no newer read of this
        screen was asked meanwhile: reads run side by side on the pool, so the answer for an
        earlier grid, filter or market, or from before a write, may come back last. ``failed``
        instead of the error dialog."""
        if self._reads is None:
            self._reads = Latest(self, self.ctx.ops, delay_ms=0)
        self._reads.request(fn, show, failed)

    def leaving(self) -> None:
        """The screen is about to close (back): finish anything pending."""

    def data_changed(self, entities: frozenset[str]) -> None:
        """Reload when something this screen shows was written."""
        if entities & self.watches and self.isVisible():
            self.reload()
        elif entities & self.watches:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self._stale = False
            self.reload()
