"""Date fields for a finger: year-month-day in both languages, a 48 px arrow, and a calendar
whose day cells are at least 48 px (Qt's default calendar has 26 px cells)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QWidget

from ui.formatting import DATE_FORMAT
from ui.widgets.touch import TOUCH_PX

#: Room per day cell: 7 columns; 6 weeks and the weekday header are 7 rows, the month bar
#: above them one more.
CELL_PX = TOUCH_PX + 8


def touch_calendar(parent: QWidget | None = None) -> QCalendarWidget:
    """A month calendar sized for fingers (no week numbers: a worker counts by date)."""
    calendar = QCalendarWidget(parent)
    calendar.setObjectName("touchCalendar")
    calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    calendar.setGridVisible(True)
    calendar.setMinimumSize(7 * CELL_PX, 8 * CELL_PX)
    return calendar


def date_edit(object_name: str, day: QDate | None = None) -> QDateEdit:
    """A date field showing 2026-10-18 that opens the touch calendar."""
    edit = QDateEdit()
    edit.setObjectName(object_name)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setCalendarWidget(touch_calendar(edit))
    edit.setMinimumHeight(TOUCH_PX)
    if day is not None:
        edit.setDate(day)
    return edit
