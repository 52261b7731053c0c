"""Touch helpers: kinetic scrolling, big buttons, labelled rows; everything ≥ 48 px."""

from __future__ import annotations

from typing import Literal, TypeVar, overload

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

#: The smallest touch target, in pixels (a gloved fingertip).
TOUCH_PX = 48


def kinetic(area: QAbstractScrollArea) -> QAbstractScrollArea:
    """Let a finger drag and flick ``area`` (mouse drags too, for touch screens without touch
    events under some drivers)."""
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(area.viewport())
    props = scroller.scrollerProperties()
    # Deliver presses at once: a delayed press makes buttons feel dead and loses quick taps.
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    # No rubber band past the ends: it looks like a glitch on a data-entry screen.
    for metric in (
        QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
        QScrollerProperties.ScrollMetric.VerticalOvershootPolicy,
    ):
        props.setScrollMetric(metric, QScrollerProperties.OvershootPolicy.OvershootAlwaysOff)
    scroller.setScrollerProperties(props)
    if isinstance(area, QAbstractItemView):
        area.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        area.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return area


def button(text: str = "", role: str = "", object_name: str = "") -> QPushButton:
    """A push button at least one touch target high; ``role`` picks a style (primary…)."""
    b = QPushButton(text)
    b.setMinimumHeight(TOUCH_PX)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    if role:
        b.setProperty("role", role)
    if object_name:
        b.setObjectName(object_name)
    return b


W = TypeVar("W", bound=QWidget)


def make_big(widget: W, size: str = "big") -> W:
    """A larger touch target ("big": 72 px high, "huge": 88 px high and 220 px wide)."""
    # Not "size": that is QWidget's own QSize property, which silently refused the text, so
    # no big target ever got its 72/88 px (the quick report's photo button was 57 px).
    widget.setProperty("touch", size)
    return widget


def label(text: str = "", role: str = "", wrap: bool = True) -> QLabel:
    """A label; ``role`` is title, section, muted, error, ok, warning, badge or urgent."""
    lab = QLabel(text)
    if role:
        lab.setProperty("role", role)
    lab.setWordWrap(wrap)
    return lab


@overload
def card(*, vertical: Literal[True] = True) -> tuple[QFrame, QVBoxLayout]: ...
@overload
def card(*, vertical: Literal[False]) -> tuple[QFrame, QHBoxLayout]: ...
def card(*, vertical: bool = True) -> tuple[QFrame, QVBoxLayout | QHBoxLayout]:
    """A white rounded panel and its layout."""
    frame = QFrame()
    frame.setObjectName("card")
    layout: QVBoxLayout | QHBoxLayout = QVBoxLayout(frame) if vertical else QHBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    layout.setSpacing(10)
    return frame, layout


def screen_widget() -> QWidget:
    """A screen's root widget (painted with the theme's background)."""
    w = QWidget()
    w.setObjectName("screen")
    w.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    return w


def expanding(widget: QWidget) -> QWidget:
    """Let ``widget`` take the width it is given."""
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, widget.sizePolicy().verticalPolicy())
    return widget


def set_role(widget: QWidget, role: str) -> None:
    """Change a widget's style role and re-polish it so the style sheet applies."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def discard(widget: QWidget) -> None:
    """Take a widget out of its window now and delete it later (a rebuilt row of buttons must
    not keep the old ones findable until the event loop runs)."""
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


def widgets_in(layout: QLayout) -> list[QWidget]:
    """The widgets ``layout`` holds directly, in order (its stretches and spacers left out)."""
    items = (layout.itemAt(i) for i in range(layout.count()))
    return [w for item in items if item is not None and (w := item.widget()) is not None]


def clear(layout: QLayout) -> None:
    """Empty ``layout``: ``discard`` its widgets, drop its stretches and spacers."""
    while (item := layout.takeAt(0)) is not None:
        if (widget := item.widget()) is not None:
            discard(widget)


class ElidedLabel(QLabel):
    """A one-line label that ends in … when there is not room for all of it (a long ticket
    title in the top bar must never push the sync state and the lock off a portrait screen)."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(60)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment()), text)
