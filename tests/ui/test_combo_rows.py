"""A combo box's list opens with rows of the 48 px touch target (they were 22–30 px)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from tests.ui.conftest import log_in
from tests.ui.helpers import open_visit
from ui.widgets.touch import TOUCH_PX


def test_the_concern_category_list_opens_with_rows_a_finger_can_hit(qtbot, window) -> None:
    log_in(qtbot, window)
    visit = open_visit(qtbot, window)
    row = visit.add_concern()
    qtbot.waitUntil(row.category.isVisible)
    _rows_are_touch_high(qtbot, row.category)


def test_every_combo_box_made_later_gets_the_same_rows(qtbot, window) -> None:
    made_later = QComboBox(window)  # as a screen opened in the afternoon makes one
    made_later.addItems(["工作日志", "月度民情分析"])
    made_later.show()
    _rows_are_touch_high(qtbot, made_later)


def _rows_are_touch_high(qtbot, combo: QComboBox) -> None:
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    try:
        heights = [view.visualRect(view.model().index(i, 0)).height() for i in range(combo.count())]
    finally:
        combo.hidePopup()
    assert heights and min(heights) >= TOUCH_PX, heights
