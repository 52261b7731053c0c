"""Photos for visits, reports and verifications: camera where there is one, and a touch
picker of the pictures folder (ui/widgets/photo_picker.py).

Photos are scaled to the size chosen in Settings and stored as JPEG in the blob store
(``ws.attachments.add``) off the GUI thread; the form keeps only their SHA-256 digests. Shown
photos are read by digest from the local blob store each time the strip is (re)filled; one
taken on another terminal and not downloaded yet shows a "not downloaded" placeholder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from gridterm.errors import NotFoundError, ValidationError
from ui.context import AppContext
from ui.ops import CoreOp
from ui.settings import PHOTO_MAX_PX
from ui.widgets import accessible
from ui.widgets.flow import FlowLayout
from ui.widgets.icons import icon, icon_size
from ui.widgets.photo_viewer import PhotoViewer, TapLabel
from ui.widgets.touch import TOUCH_PX, button, clear, discard
from ui.workspace import Workspace

if TYPE_CHECKING:
    from gridterm.domain.attachments import Attachment
    from ui.widgets.photo_picker import PhotoPicker

THUMB_PX = 96
JPEG_QUALITY = 85


def jpeg_bytes(image: QImage, max_px: int) -> bytes:
    """``image`` scaled to fit ``max_px`` and encoded as JPEG (safe on any thread: QImage)."""
    if image.isNull():
        raise ValidationError("photo.unreadable", "not a readable image", field="photos")
    if max(image.width(), image.height()) > max_px:
        image = image.scaled(
            max_px,
            max_px,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", JPEG_QUALITY)  # type: ignore[call-overload]  # the stub says bytes; PySide6 takes only str
    buffer.close()
    return bytes(data.data())


def read_photo_file(path: Path, max_px: int) -> bytes:
    """A picture file as a scaled JPEG, upright as the camera held it."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    return jpeg_bytes(reader.read(), max_px)


def thumbnail(data: bytes) -> QImage:
    """A small image of a stored photo (made off the GUI thread)."""
    image = QImage.fromData(data)
    return image.scaled(
        THUMB_PX,
        THUMB_PX,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )


def camera_available() -> bool:
    """Whether the terminal has a camera QtMultimedia can use (imported only when asked)."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False
    return bool(QMediaDevices.videoInputs())


class PhotoStrip(QWidget):
    """Thumbnails of the photos taken so far, with Take photo / Choose photo buttons."""

    changed = Signal()
    failed = Signal(object)  # the error, for the form to show

    def __init__(self, ctx: AppContext, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ws
        self.digests: list[str] = []
        # Photos this form let go of (removed, replaced): their files are deleted
        # (``ws.attachments.release``) unless a record or a draft still names them.
        self.dropped: list[str] = []
        # The form keeps a draft naming its photos: it lets go of them once the draft no
        # longer names them (``letting_go`` after the draft's write), not at the tap.
        self.drafted = False
        self.removable = True  # False: a record's saved photos, only shown (``show_only``)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(8)
        # thumbnails wrap onto another line rather than widen the screen's column (four
        # rectification photos pushed the hazard's history into a sliver)
        self.thumbs = FlowLayout(spacing=6)
        color = ctx.theme.color("text")
        self.camera_button = button(self.tr("Take photo"), object_name="takePhoto")
        self.camera_button.setIcon(icon("camera", color))
        self.camera_button.setIconSize(icon_size())
        self.camera_button.clicked.connect(self.take_photo)
        self.camera_button.setVisible(camera_available())
        self.file_button = button(self.tr("Choose photo"), object_name="choosePhoto")
        self.file_button.setIcon(icon("photo", color))
        self.file_button.setIconSize(icon_size())
        self.file_button.clicked.connect(self.choose_file)
        # Buttons first, thumbnails after them: a new photo never moves a button.
        self.row.addWidget(self.camera_button)
        self.row.addWidget(self.file_button)
        self.row.addLayout(self.thumbs, 1)
        self.dialog: PhotoPicker | None = None
        self.viewer: PhotoViewer | None = None  # the photo opened large
        # As high as a thumbnail from the start: the first photo must not push down what is
        # under the strip (the quick report's categories).
        self.setMinimumHeight(THUMB_PX)

    def show_only(self) -> None:
        """Show a record's saved photos: nothing to take, choose or remove (a Remove over a
        saved photo took it off the screen and from nothing else)."""
        self.removable = False
        self.camera_button.hide()
        self.file_button.hide()

    def choose_file(self) -> None:
        """Open the (non-blocking) touch picker: thumbnails of the pictures folder."""
        from ui.widgets.photo_picker import PhotoPicker

        self.dialog = PhotoPicker(self.ctx.ops, self.ctx.settings, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.chosen.connect(self.add_file)
        self.dialog.destroyed.connect(self._picker_closed)
        self.dialog.open()

    def _picker_closed(self) -> None:
        self.dialog = None

    def take_photo(self) -> None:
        """Open the camera; the captured frame is added like a chosen file."""
        from ui.widgets.camera import CameraDialog

        dialog = CameraDialog(self)
        dialog.captured.connect(self.add_image)
        dialog.open()

    def add_file(self, path: Path) -> None:
        """Scale, store and show a picture file (off the GUI thread)."""
        max_px = self.ctx.settings.get(PHOTO_MAX_PX)
        attachments = self.ws.attachments
        self._store(lambda: attachments.add(read_photo_file(path, max_px), "image/jpeg"))

    def add_image(self, image: QImage) -> None:
        """Scale, store and show a camera frame."""
        max_px = self.ctx.settings.get(PHOTO_MAX_PX)
        attachments = self.ws.attachments
        self._store(lambda: attachments.add(jpeg_bytes(image, max_px), "image/jpeg"))

    def _store(self, work: Callable[[], Attachment]) -> None:
        CoreOp(self, work).success(lambda a: self.add_digest(a.sha256)).failure(
            self.failed.emit
        ).run(self.ctx.ops)

    def set_digests(self, digests: list[str]) -> None:
        """Show photos already stored (a restored draft, a record's); the ones shown before
        and not now are let go of (a step's panel opened again)."""
        self._drop(d for d in self.digests if d not in digests)
        self.digests = []
        clear(self.thumbs)
        for digest in digests:
            self.add_digest(digest, announce=False)

    def add_digest(self, digest: str, announce: bool = True) -> None:
        """Add a stored photo and its thumbnail."""
        if digest in self.digests:
            return
        if digest in self.dropped:
            self.dropped.remove(digest)
        self.digests.append(digest)
        thumb = TapLabel()
        thumb.setObjectName("photoThumb")
        thumb.setCursor(Qt.CursorShape.PointingHandCursor)
        thumb.tapped.connect(lambda: self.open_photo(digest))
        thumb.setFixedSize(THUMB_PX, THUMB_PX)
        thumb.setScaledContents(True)
        if self.removable:
            self._add_remove(thumb, digest)
        self.thumbs.addWidget(thumb)
        blobs = self.ws.store.blobs
        CoreOp(thumb, lambda: thumbnail(blobs.get(digest))).success(
            lambda image: thumb.setPixmap(QPixmap.fromImage(image))
        ).failure(lambda error: self._show_missing(thumb, error)).run(self.ctx.ops)
        if announce:
            self.changed.emit()

    def _add_remove(self, thumb: QLabel, digest: str) -> None:
        # A photo picked by mistake must go before saving. The control lies over the
        # thumbnail's corner (a full touch target), so adding it makes nothing larger or move.
        remove = button(object_name="removePhoto")
        remove.setParent(thumb)
        remove.setFixedSize(TOUCH_PX, TOUCH_PX)
        remove.move(THUMB_PX - TOUCH_PX, 0)
        remove.setIcon(icon("clear", self.ctx.theme.color("text")))
        remove.setIconSize(icon_size())
        accessible.tip(remove, self.tr("Remove photo"))
        remove.clicked.connect(lambda: self.remove_digest(digest))

    def remove_digest(self, digest: str) -> None:
        """Drop a photo from the form, its thumbnail too; its file goes unless something else
        names it (the file is content-addressed: another record may hold the same photo)."""
        if digest not in self.digests:
            return
        index = self.digests.index(digest)
        self.digests.remove(digest)
        item = self.thumbs.takeAt(index)
        widget = item.widget() if item is not None else None
        if widget is not None:
            discard(widget)
        self._drop([digest])
        self.changed.emit()

    def _drop(self, digests: Iterable[str]) -> None:
        new = [d for d in digests if d not in self.dropped]
        self.dropped += new
        if new and not self.drafted:
            self.let_go()

    def letting_go(self, everything: bool = False) -> Callable[[], object]:
        """The work (for a worker thread, after a draft's write or a save) that deletes the
        files of the photos let go of, and with ``everything`` of those shown too (the form
        is discarded); whatever a record or a draft still names stays."""
        digests = self.dropped + (self.digests if everything else [])
        attachments = self.ws.attachments
        return lambda: attachments.release(digests) if digests else []

    def let_go(self, everything: bool = False) -> None:
        """``letting_go`` now, off the GUI thread; it outlives the form (a form closing)."""
        CoreOp(None, self.letting_go(everything)).failure(lambda _: None).run(self.ctx.ops)

    def open_photo(self, digest: str) -> None:
        """Show ``digest`` large, the strip's other photos a button away."""
        self.viewer = PhotoViewer(
            self.ctx.ops, self.ws, self.digests, self.digests.index(digest), self
        )
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.open()

    def _show_missing(self, thumb: QLabel, error: BaseException) -> None:
        """A photo a record names but this terminal does not hold (taken on another terminal,
        not downloaded yet): say so in its place rather than show nothing. The screen reloads
        when the download stores it (the record is touched), and the thumbnail then shows."""
        if not isinstance(error, NotFoundError):
            return
        thumb.setObjectName("photoMissing")
        thumb.setProperty("role", "muted")
        thumb.setWordWrap(True)
        thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        thumb.setText(self.tr("Photo not downloaded"))
        thumb.style().unpolish(thumb)  # the role changed after the style was applied
        thumb.style().polish(thumb)
