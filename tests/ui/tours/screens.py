"""A walk through every screen of a logged-in window, for screenshots and translation checks.

``tour`` yields ``(name, screen)`` once each screen shows its data. It only reads, except that
the visit form is filled in and then discarded (its draft is removed again), and opening the
notification centre marks its alerts seen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtWidgets import QWidget

from ui.main_window import MainWindow

Wait = Callable[[Callable[[], bool]], None]


def tour(window: MainWindow, wait: Wait) -> Iterator[tuple[str, QWidget]]:
    """Visit Today, Register (browse, search), a building, a household, the edit forms, the
    visit form, Tickets and a ticket, the notification centre, Quick report, Sync and
    Settings."""
    shell: Any = window.shell
    assert shell is not None
    if "today" in shell.nav.buttons:
        yield from _round(shell, wait)
    shell.show_tab("tickets")
    tickets: Any = shell.top_screen()
    wait(lambda: bool(tickets.all) or tickets.empty.isVisible())
    yield "tickets", tickets
    if tickets.all:
        every = [line.ticket for line in tickets.all]
        waiting = [t for t in every if t.urgent and t.status.value == "reported"]
        urgent = [t for t in every if t.urgent and t.status.value != "closed"]
        chosen = (waiting or urgent or every)[0]
        shell.open_ticket(chosen.id)
        detail: Any = shell.top_screen()
        wait(lambda: detail.data is not None)
        yield "ticket_detail", detail
        shell.back()
        yield from _ticket_photos(shell, wait, every)
    yield from _alerts(shell, wait)
    shell.show_tab("report")
    report: Any = shell.top_screen()
    yield "quick_report", report
    yield from _photo_picker(shell, wait, report)
    shell.show_tab("sync")
    sync: Any = shell.top_screen()
    wait(lambda: sync.data is not None)
    yield "sync", sync
    shell.show_tab("settings")
    yield "settings", shell.top_screen()


def _ticket_photos(shell: Any, wait: Wait, every: list[Any]) -> Iterator[tuple[str, QWidget]]:
    """A verified ticket's history with its photo, then that photo opened large."""
    done = [t for t in every if t.status.value in ("verified", "closed")]
    if not done:
        return
    shell.open_ticket(done[0].id)
    detail: Any = shell.top_screen()
    wait(lambda: detail.data is not None)
    detail.detail_scroll.ensureWidgetVisible(detail.history_table, 0, 0)
    wait(lambda: shell.ctx.ops.busy == 0)
    yield "ticket_history", detail
    photos = [t.photo for t in detail.history_model.rows() if t.photo]
    if photos:
        detail.history_photos.open(photos, 0)
        viewer = detail.history_photos.viewer
        wait(lambda: viewer.image is not None or bool(viewer.picture.text()))
        wait(lambda: shell.ctx.ops.busy == 0)
        yield "photo_viewer", viewer
        viewer.accept()
    shell.back()


def _photo_picker(shell: Any, wait: Wait, report: Any) -> Iterator[tuple[str, QWidget]]:
    """The touch photo picker over the quick report (the pictures folder in Settings)."""
    report.photos.choose_file()
    picker = report.photos.dialog
    wait(lambda: picker.model.folder is not None and shell.ctx.ops.busy == 0)
    yield "photo_picker", picker
    picker.reject()


def _alerts(shell: Any, wait: Wait, name: str = "alerts") -> Iterator[tuple[str, QWidget]]:
    """The notification centre (opening it marks its alerts seen: a write of marks)."""
    shell.open_alerts()
    centre: Any = shell.top_screen()
    wait(lambda: bool(centre.summary.text()))
    yield name, centre
    shell.back()


def _round(shell: Any, wait: Wait) -> Iterator[tuple[str, QWidget]]:
    shell.show_tab("today")
    today: Any = shell.top_screen()
    wait(lambda: today.data is not None)
    yield "today", today

    shell.show_tab("register")
    register: Any = shell.top_screen()
    wait(lambda: register.grid_model.rowCount() > 0)
    # A supervisor's first grid may be a market's, with stalls and no buildings.
    grids = register.grid_model.rows()
    register._grid_chosen(next((g for g in grids if g.kind != "special"), grids[0]))
    wait(lambda: register.building_model.rowCount() > 0)
    yield "register", register
    buildings = register.building_model.rows()
    biggest = max(buildings, key=lambda b: (b.key_households, b.households))
    shell.open_building(biggest.building_id)
    building: Any = shell.top_screen()
    wait(lambda: building.data is not None)
    yield "building", building
    tiles = building.data.tiles
    home = max(tiles, key=lambda t: (t.key, t.party_member, t.residents))
    shell.open_household(home.household_id)
    household: Any = shell.top_screen()
    wait(lambda: household.data is not None)
    yield "household", household

    household._edit()
    yield "household_edit", shell.top_screen()
    shell.back()
    if household.data.residents:
        household._edit_resident(household.data.residents[0])
        edit: Any = shell.top_screen()
        yield "resident_edit", edit
        # Two wrong fields saved at once: both errors beside their fields.
        edit.name.clear()
        edit.birth_date.setText("1948-13-40")
        edit._save()
        wait(lambda: sum(bool(e.text()) for e in edit.form.field_errors.values()) == 2)
        yield "resident_errors", edit
        edit._cancel()

    shell.start_visit(home.household_id)
    visit: Any = shell.top_screen()
    wait(lambda: visit.start is not None)
    if visit.start.draft is None:
        _fill_visit(visit)
    yield "visit", visit
    visit._discard()

    surname = household.data.residents[0].name[:1] if household.data.residents else "3-"
    # tapped as a worker does: back to the register's first screen from the household
    shell.tab_tapped("register")
    register.search_box.setText(surname)
    wait(lambda: register.search_model.rowCount() > 0)
    yield "search", register
    register.search_box.clear()


def _fill_visit(visit: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    visit.visit_type.buttons["key_group_care"].setChecked(True)
    for b in list(visit.met_buttons.values())[:1]:
        b.setChecked(True)
    concern = visit.add_concern()
    concern.kind.set_value("complaint")
    concern.text.setText(translate("Tour", "The corridor light has been broken for three days"))
    concern.category.setCurrentIndex(concern.category.findData("物业管理"))
    visit.outcome.set_value("ticket")
    visit._outcome_changed()
    visit.urgent.setChecked(True)
    visit.notes.setPlainText(
        translate("Tour", "Blood pressure a little high; reminded to take the pills.")
    )
    visit._draft_timer.cancel()


def inspector_tour(window: MainWindow, wait: Wait) -> Iterator[tuple[str, QWidget]]:
    """A market inspector's screens: the market as a list and as a floor plan, a stall with
    hazards, its edit form, the hazards list with the month's figures, and the notification
    centre (its hazards past their day). Only reads, but for the centre's seen marks."""
    shell: Any = window.shell
    assert shell is not None
    shell.show_tab("markets")
    market: Any = shell.top_screen()
    wait(lambda: market.data is not None)
    market.view_choice.set_value("list")
    market._show_view()
    yield "market", market
    market.view_choice.set_value("grid")
    market._show_view()
    yield "market_grid", market
    market.view_choice.set_value("list")
    market._show_view()
    stalls = market.model.rows()
    if stalls:
        # The stall with the most open hazards shows the most of the screen.
        chosen = max(stalls, key=lambda s: (s.overdue, s.open_hazards))
        shell.open_premises(chosen.premises.id)
        premises: Any = shell.top_screen()
        wait(lambda: premises.data is not None)
        yield "premises", premises
        premises._edit()
        edit: Any = shell.top_screen()
        wait(lambda: edit.premises is not None)
        yield "premises_edit", edit
        shell.back()
        shell.back()
    shell.show_tab("hazards")
    hazards: Any = shell.top_screen()
    wait(lambda: hazards.data is not None)
    yield "hazards", hazards
    yield from _alerts(shell, wait, "inspector_alerts")
