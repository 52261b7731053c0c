"""The mouse wheel scrolls the form, not the value under it.

A worker scrolling a long form with the wheel (or two fingers on a touchpad) must not change
the concern category, a date or a number that happens to pass under the pointer. One filter on
the application, installed by the main window, covers every combo box, spin box and date edit
of every screen: without focus they pass the wheel to the page that holds them; once tapped
(focused) they take it as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

#: The widgets whose value a wheel turn changes.
VALUE_WIDGETS = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """An application event filter: value widgets take the wheel only with focus."""

    def install(self, app: QApplication) -> WheelGuard:
        """Filter ``app``'s events (removed again when this guard's parent is deleted)."""
        app.installEventFilter(self)
        return self

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, VALUE_WIDGETS):
            # Qt's default for a combo box is WheelFocus: the wheel would focus it first.
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif (
            kind == QEvent.Type.Wheel
            and isinstance(watched, VALUE_WIDGETS)
            and not watched.hasFocus()
            and isinstance(event, QWheelEvent)
        ):
            _scroll_page(watched, event)
            return True
        return False


def _scroll_page(widget: QWidget, event: QWheelEvent) -> None:
    """Hand the wheel turn to the nearest scrolling page around ``widget`` (if any)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    if parent is None:
        return
    viewport = parent.viewport()
    turn = QWheelEvent(
        viewport.mapFromGlobal(event.globalPosition()),
        event.globalPosition(),
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
    )
    QApplication.sendEvent(viewport, turn)
