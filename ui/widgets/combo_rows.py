"""A combo box's list opens with rows a finger can hit.

Qt's Fusion style draws a combo box's popup with its own menu delegate, which ignores the
style sheet's ``QComboBox QAbstractItemView::item { min-height: … }``: the rows came out
22–30 px high, under the 48 px touch target, on every screen (the report kind, the export
format, a resident's relation). One filter on the application, installed by the main window,
gives every combo box a styled delegate when it is first polished, so the style sheet's row
height (the theme's) applies to all of them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QComboBox, QStyledItemDelegate


class ComboRows(QObject):
    """An application event filter: every combo box's popup rows follow the style sheet."""

    def install(self, app: QApplication) -> ComboRows:
        """Filter ``app``'s events (removed again when this filter's parent is deleted)."""
        app.installEventFilter(self)
        return self

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Polish
            and isinstance(watched, QComboBox)
            and not isinstance(watched.itemDelegate(), QStyledItemDelegate)
        ):
            watched.setItemDelegate(QStyledItemDelegate(watched))
        return False
