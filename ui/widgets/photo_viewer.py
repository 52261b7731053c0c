"""One photo large, over the whole window: tap it or the big Close button to go back.

The photo is read from the sealed blob store and decoded on the worker pool; it lives in
memory only. Several photos (every photo of one step) are paged with big Previous / Next
buttons (or the arrow keys).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QMouseEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gridterm.errors import NotFoundError
from ui.ops import CoreOp, Ops
from ui.widgets import accessible
from ui.widgets.touch import button, make_big
from ui.workspace import Workspace


def decode(data: bytes) -> QImage:
    """A stored photo as an image (any thread)."""
    image = QImage.fromData(data)
    if image.isNull():
        raise ValueError("not a readable image")
    return image


class TapLabel(QLabel):
    """A picture that answers a tap (the viewer's photo closes; a thumbnail opens it)."""

    tapped = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.tapped.emit()
        super().mouseReleaseEvent(event)


class PhotoViewer(QDialog):
    """``digests[index]`` shown large; ``current`` is the index on screen."""

    def __init__(
        self,
        ops: Ops,
        ws: Workspace,
        digests: list[str],
        index: int = 0,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.setWindowTitle(self.tr("Photo"))
        self.setModal(True)
        self.ops = ops
        self.ws = ws
        self.digests = list(digests)
        self.current = index
        self.image: QImage | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.picture = TapLabel()
        self.picture.setObjectName("viewerPhoto")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.picture.setMinimumSize(QSize(200, 200))
        self.picture.tapped.connect(self.accept)
        accessible.name(self.picture, self.tr("Photo"), self.tr("Tap to close"))
        layout.addWidget(self.picture, 1)
        bar = QHBoxLayout()
        self.previous = make_big(button(self.tr("Previous"), object_name="viewerPrevious"))
        self.previous.clicked.connect(lambda: self.show_photo(self.current - 1))
        self.position = QLabel()
        self.position.setObjectName("viewerPosition")
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next = make_big(button(self.tr("Next"), object_name="viewerNext"))
        self.next.clicked.connect(lambda: self.show_photo(self.current + 1))
        self.close_button = make_big(button(self.tr("Close"), "primary", "viewerClose"))
        self.close_button.clicked.connect(self.accept)
        for b, px in ((self.previous, 140), (self.next, 140), (self.close_button, 180)):
            b.setMinimumWidth(px)  # a thumb's reach, in either hand
        bar.addWidget(self.previous)
        bar.addWidget(self.position, 1)
        bar.addWidget(self.next)
        self.gap = QWidget()  # between paging and closing, only when there is paging
        self.gap.setFixedWidth(24)
        bar.addWidget(self.gap)
        bar.addWidget(self.close_button)
        layout.addLayout(bar)
        window = parent.window() if parent is not None else None
        if window is not None:
            self.resize(window.size())
        else:
            self.resize(1024, 720)
        self.show_photo(index)

    def show_photo(self, index: int) -> None:
        """Show photo ``index`` of the step (read and decoded off the GUI thread)."""
        if not self.digests:
            return
        self.current = max(0, min(index, len(self.digests) - 1))
        several = len(self.digests) > 1
        for b in (self.previous, self.next, self.position, self.gap):
            b.setVisible(several)
        self.previous.setEnabled(self.current > 0)
        self.next.setEnabled(self.current < len(self.digests) - 1)
        self.position.setText(f"{self.current + 1} / {len(self.digests)}")
        self.image = None
        self.picture.setPixmap(QPixmap())
        self.picture.setText(self.tr("Loading…"))
        digest, blobs = self.digests[self.current], self.ws.store.blobs
        CoreOp(self, lambda: decode(blobs.get(digest))).success(
            lambda image: self._loaded(digest, image)
        ).failure(lambda error: self._failed(digest, error)).run(self.ops)

    def _loaded(self, digest: str, image: QImage) -> None:
        if digest != self.digests[self.current]:
            return  # paged on meanwhile
        self.image = image
        self._fit()

    def _failed(self, digest: str, error: BaseException) -> None:
        if digest != self.digests[self.current]:
            return
        self.picture.setText(
            self.tr("Photo not downloaded")
            if isinstance(error, NotFoundError)
            else self.tr("This photo cannot be shown")
        )

    def _fit(self) -> None:
        if self.image is None:
            return
        scaled = self.image.scaled(
            self.picture.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.picture.setPixmap(QPixmap.fromImage(scaled))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Left:
            self.show_photo(self.current - 1)
        elif event.key() == Qt.Key.Key_Right:
            self.show_photo(self.current + 1)
        else:
            super().keyPressEvent(event)
