"""Touch targets measured on the real widgets: the date field's arrow and its calendar's day
cells reach 48 px, the quick report's photo button is the documented 72–88 px."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox, QTableView

from tests.ui.conftest import log_in
from ui.widgets.dates import date_edit
from ui.widgets.touch import TOUCH_PX


def test_a_date_field_has_a_finger_sized_arrow_and_calendar(qtbot, ctx) -> None:
    edit = date_edit("when", QDate(2026, 10, 18))
    qtbot.addWidget(edit)
    edit.resize(260, 56)
    edit.show()
    option = QStyleOptionComboBox()
    option.initFrom(edit)
    option.rect = edit.rect()
    option.subControls = QStyle.SubControl.SC_All
    arrow = edit.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, edit
    )
    assert arrow.width() >= TOUCH_PX and edit.height() >= TOUCH_PX  # Qt's own: 14 px
    calendar = edit.calendarWidget()
    calendar.show()
    view = calendar.findChild(QTableView)
    qtbot.waitUntil(lambda: view.visualRect(view.model().index(3, 3)).height() > 0)
    cell = view.visualRect(view.model().index(3, 3))
    assert cell.width() >= TOUCH_PX and cell.height() >= TOUCH_PX  # Qt's own: about 26 px


def test_the_quick_reports_photo_button_is_big(qtbot, window) -> None:
    log_in(qtbot, window, "p1")
    report = window.shell.top_screen()
    qtbot.waitUntil(lambda: report.photos.file_button.isVisible())
    assert 72 <= report.photos.file_button.height() <= 100
