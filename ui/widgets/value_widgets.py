"""Combo boxes, spin boxes and date edits made for a finger: one application event filter.

- **The wheel scrolls the form, not the value under it.** A worker scrolling a long form with
  the wheel (or two fingers on a touchpad) must not change the concern category, a date or a
  number that happens to pass under the pointer: without focus these widgets pass the wheel to
  the page that holds them; once tapped (focused) they take it as usual.
- **A combo box's list opens with rows a finger can hit.** Qt's Fusion style draws a combo
  box's popup with its own menu delegate, which ignores the style sheet's
  ``QComboBox QAbstractItemView::item { min-height: … }``: the rows came out 22–30 px high,
  under the 48 px touch target, on every screen (the report kind, the export format, a
  resident's relation). Every combo box gets a styled delegate when it is first polished, so
  the theme's row height applies to all of them.

One filter rather than one per rule: every event of the app passes each application filter,
and a theme switch alone sends about 24,000 (each filter cost 0.12–0.16 s of it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QStyledItemDelegate,
    QWidget,
)

#: The widgets whose value a wheel turn changes.
VALUE_WIDGETS = (QComboBox, QAbstractSpinBox)

_POLISH = QEvent.Type.Polish
_WHEEL = QEvent.Type.Wheel


class ValueWidgets(QObject):
    """An application event filter: value widgets take the wheel only with focus, and combo
    boxes' popup rows follow the style sheet."""

    def install(self, app: QApplication) -> ValueWidgets:
        """Filter ``app``'s events (removed again when this filter's parent is deleted)."""
        app.installEventFilter(self)
        return self

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind != _POLISH and kind != _WHEEL:
            return False
        if not isinstance(watched, VALUE_WIDGETS):
            return False
        if kind == _POLISH:
            _polish(watched)
            return False
        if not watched.hasFocus() and isinstance(event, QWheelEvent):
            _scroll_page(watched, event)
            return True
        return False


def _polish(widget: QComboBox | QAbstractSpinBox) -> None:
    # Qt's default for a combo box is WheelFocus: the wheel would focus it first.
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if isinstance(widget, QComboBox) and not isinstance(widget.itemDelegate(), QStyledItemDelegate):
        widget.setItemDelegate(QStyledItemDelegate(widget))


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
