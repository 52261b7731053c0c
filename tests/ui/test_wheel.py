"""The wheel scrolls the form; a combo box or a date edit takes it only once tapped."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QDateEdit, QScrollArea, QVBoxLayout, QWidget

from tests.ui.conftest import log_in
from tests.ui.helpers import open_visit


def wheel(widget, notches: int = -1) -> None:
    """Turn the wheel over the middle of ``widget`` (negative: towards the user, scrolling
    down), as a mouse over it would."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_the_concern_category_scrolls_the_visit_form(qtbot, window) -> None:
    log_in(qtbot, window)
    window.resize(1280, 500)  # the form is longer than the window: it scrolls
    visit = open_visit(qtbot, window)
    row = visit.add_concern()
    qtbot.waitUntil(row.category.isVisible)
    bar = visit.findChild(QScrollArea).verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    visit.findChild(QScrollArea).ensureWidgetVisible(row.category)
    before_value, before_scroll = row.category.currentIndex(), bar.value()
    assert row.category.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a wheel does not focus it
    wheel(row.category, -1)
    assert row.category.currentIndex() == before_value
    assert bar.value() != before_scroll  # the page moved instead
    # Tapped (focused), the combo box takes the wheel as usual.
    row.category.setFocus()
    qtbot.waitUntil(row.category.hasFocus)
    wheel(row.category, -1)
    assert row.category.currentIndex() == before_value + 1


def test_a_date_edit_without_focus_keeps_its_date(qtbot, window) -> None:
    page = QWidget()
    column = QVBoxLayout(page)
    date = QDateEdit()
    column.addWidget(date)
    column.addSpacing(2000)
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.resize(300, 300)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    day = date.date()
    wheel(date, -1)
    assert date.date() == day
