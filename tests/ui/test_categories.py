"""The forms and the ticket list read the street office's category list (data, not code):
its labels in the UI's language, its order; an old ticket's unknown category shows raw."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from gridterm.domain.categories import choosable
from tests.ui.conftest import log_in, open_tab
from ui.labels import category_label
from ui.models.tickets import TicketModel


def test_the_quick_report_offers_the_listed_categories(qtbot, window) -> None:
    log_in(qtbot, window, "p1")
    report = window.shell.top_screen()
    listed = [c.code for c in choosable()]
    assert list(report.category.buttons) == listed
    assert report.category.buttons["other"].text() == "其他"
    assert "安全隐患" not in report.category.buttons  # assigned by inspections only


def test_the_ticket_list_shows_labels_and_unknown_codes_raw(qtbot, window) -> None:
    log_in(qtbot, window)
    ws = window.workspace
    ws.tickets.open(grid_id="g1", category="老的类别", title="旧工单")
    ws.tickets.open(grid_id="g1", category="other", title="新工单")
    tickets = open_tab(qtbot, window, "tickets")
    qtbot.waitUntil(lambda: tickets.model.rowCount() >= 2)
    shown = {
        r.title: tickets.model.index(i, TicketModel.COL_CATEGORY).data()
        for i, r in enumerate(line.ticket for line in tickets.model.rows())
    }
    assert (shown["旧工单"], shown["新工单"]) == ("老的类别", "其他")


def test_labels_follow_the_language() -> None:
    before = QLocale()
    try:
        QLocale.setDefault(QLocale("en_US"))
        assert category_label("物业管理") == "Property management"
        assert category_label("老的类别") == "老的类别"
    finally:
        QLocale.setDefault(before)
