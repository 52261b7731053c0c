"""A signature pad (签名板): the operator signs with a finger, a stylus or the mouse.

The strokes are kept as point lists and painted; ``png_bytes`` renders them on white into a
PNG (QImage, safe off the GUI thread) that is stored as a signature attachment, so the record
names the signature by its SHA-256 like a photo.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from ui.widgets import accessible
from ui.widgets.touch import button
from ui.widgets.touch import label as text_label

#: Ink width in pixels: thick enough to read on a small tablet, like a felt pen.
PEN_PX = 3.0
Stroke = list[QPointF]


def render_png(strokes: list[Stroke], width: int, height: int) -> bytes:
    """The strokes drawn in black on white as PNG bytes (empty strokes: no bytes)."""
    if not any(strokes):
        return b""
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    _draw(painter, strokes, QColor("black"))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; PySide6 takes only str
    buffer.close()
    return bytes(data.data())


def _draw(painter: QPainter, strokes: list[Stroke], color: QColor) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, PEN_PX)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    for stroke in strokes:
        if len(stroke) == 1:
            painter.drawPoint(stroke[0])
        else:
            painter.drawPolyline(stroke)


class SignatureCanvas(QFrame):
    """Where the strokes are drawn; mouse, touch and tablet events all add points."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signatureCanvas")
        self.strokes: list[Stroke] = []
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setMinimumSize(320, 200)
        # A name is written across, not down: a portrait screen's spare height stays below.
        self.setMaximumHeight(400)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._drawing = False

    # -- input -----------------------------------------------------------------------------

    def _begin(self, at: QPointF) -> None:
        self._drawing = True
        self.strokes.append([at])
        self.update()

    def _extend(self, at: QPointF) -> None:
        if self._drawing and self.strokes:
            self.strokes[-1].append(at)
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())
        self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()  # no synthesized mouse events: they would draw the stroke twice

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:
                at = points[0].position()  # one finger signs; a second one is a resting palm
                if kind == QEvent.Type.TouchBegin:
                    self._begin(at)
                else:
                    self._extend(at)
            if kind == QEvent.Type.TouchEnd:
                self._end()
            event.accept()
            return True
        return super().event(event)

    # -- output ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        # The box and a signing line show where to sign whatever the theme's frame style.
        border = QPen(self.palette().color(self.foregroundRole()), 1, Qt.PenStyle.DashLine)
        painter.setPen(border)
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        line_y = int(self.height() * 0.75)
        painter.drawLine(24, line_y, self.width() - 24, line_y)
        _draw(painter, self.strokes, self.palette().color(self.foregroundRole()))
        painter.end()

    def clear(self) -> None:
        """Wipe the strokes."""
        self.strokes = []
        self.update()
        self.changed.emit()


class SignaturePad(QWidget):
    """The canvas with a hint and a Clear button; ``png_bytes`` exports the signature."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.canvas = SignatureCanvas()
        hint = self.tr("Sign inside the box with a finger or stylus.")
        accessible.name(self.canvas, self.tr("Signature"), hint)
        self.canvas.changed.connect(self.changed)
        column.addWidget(self.canvas, 1)
        row = QHBoxLayout()
        row.addWidget(text_label(hint, "muted"), 1)
        self.clear_button = button(self.tr("Clear"), object_name="clearSignature")
        self.clear_button.clicked.connect(self.canvas.clear)
        row.addWidget(self.clear_button)
        column.addLayout(row)

    def is_empty(self) -> bool:
        """Whether nothing was drawn."""
        return not any(self.canvas.strokes)

    def png_bytes(self) -> bytes:
        """The signature as PNG bytes, the canvas's size (empty: no bytes)."""
        strokes = [list(s) for s in self.canvas.strokes]
        return render_png(strokes, self.canvas.width(), self.canvas.height())

    def clear(self) -> None:
        """Wipe the signature."""
        self.canvas.clear()
