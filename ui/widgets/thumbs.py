"""Photo thumbnails in a table cell: each photo a step took, tap one to see it large.

Thumbnails are decoded off the GUI thread from the (sealed) blob store and kept in memory
only, a bounded number per screen, so scrolling a long history never reads or decodes again
and no plaintext photo reaches the disk. A photo this terminal does not hold yet (taken on
another terminal, not downloaded) is drawn as a "not downloaded" tile.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from gridterm.errors import NotFoundError
from ui.models.base import ROW_ROLE
from ui.ops import CoreOp, Ops
from ui.widgets.photo_viewer import PhotoViewer
from ui.workspace import Workspace

# A thumbnail in a history row: one touch target and a little more.
CELL_THUMB_PX = 56
# Thumbnails drawn side by side; the last says "+N" when a step took more (all of them are
# in the viewer it opens).
MAX_SHOWN = 2
GAP = 6
MARGIN = 4

Index = QModelIndex | QPersistentModelIndex


def square_thumbnail(data: bytes, px: int) -> QImage:
    """``data`` (a stored photo) as a ``px``-square, centre-cropped image (any thread)."""
    image = QImage.fromData(data)
    if image.isNull():
        raise ValueError("not a readable image")
    return centre_square(image, px)


def centre_square(image: QImage, px: int) -> QImage:
    """``image`` filling a ``px`` square, cropped about its centre (any thread)."""
    image = image.scaled(
        px,
        px,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    return image.copy((image.width() - px) // 2, (image.height() - px) // 2, px, px)


class ThumbnailCache(QObject):
    """Square thumbnails by digest, loaded on the worker pool; ``ready(digest)`` when one is
    in (or known missing). ``get`` never blocks: it answers from memory or starts a load."""

    ready = Signal(str)
    MISSING = "missing"
    BROKEN = "broken"

    def __init__(
        self, ops: Ops, ws: Workspace, px: int, limit: int = 300, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.ops = ops
        self.ws = ws
        self.px = px
        self.limit = limit
        self._images: OrderedDict[str, QPixmap | str] = OrderedDict()
        self._loading: set[str] = set()

    def get(self, digest: str) -> QPixmap | str | None:
        """The thumbnail, ``MISSING`` if this terminal does not hold the photo, ``BROKEN`` if
        it cannot be decoded, or None while it loads."""
        found = self._images.get(digest)
        if found is not None:
            self._images.move_to_end(digest)
            return found
        if digest not in self._loading:
            self._loading.add(digest)
            blobs, px = self.ws.store.blobs, self.px
            CoreOp(self, lambda: square_thumbnail(blobs.get(digest), px)).success(
                lambda image: self._keep(digest, QPixmap.fromImage(image))
            ).failure(lambda error: self._keep(digest, self._failed(error))).run(self.ops)
        return None

    def _failed(self, error: BaseException) -> str:
        return self.MISSING if isinstance(error, NotFoundError) else self.BROKEN

    def _keep(self, digest: str, value: QPixmap | str) -> None:
        self._loading.discard(digest)
        self._images[digest] = value
        while len(self._images) > self.limit:
            self._images.popitem(last=False)
        self.ready.emit(digest)


class PhotoCellDelegate(QStyledItemDelegate):
    """Draws a row's photos as thumbnails; a tap on one calls ``on_tap(digests, index)``.

    ``photos_of(row)`` gives the digests of a row's dataclass (``ROW_ROLE``).
    """

    def __init__(
        self,
        cache: ThumbnailCache,
        photos_of: Callable[[Any], Sequence[str]],
        on_tap: Callable[[list[str], int], None],
        parent: QWidget,
    ):
        super().__init__(parent)
        self.cache = cache
        self.photos_of = photos_of
        self.on_tap = on_tap
        cache.ready.connect(lambda _digest: parent.update())

    def digests(self, index: Index) -> list[str]:
        """The photos of the row at ``index``."""
        row = index.data(ROW_ROLE)
        return list(self.photos_of(row)) if row is not None else []

    def tile_rects(self, rect: QRect, count: int) -> list[QRect]:
        """Where each shown thumbnail goes in a cell of ``rect``."""
        px = self.cache.px
        top = rect.top() + max(MARGIN, (rect.height() - px) // 2)
        left = rect.left() + MARGIN
        return [QRect(left + i * (px + GAP), top, px, px) for i in range(min(count, MAX_SHOWN))]

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        count = min(len(self.digests(index)), MAX_SHOWN)
        px = self.cache.px
        width = 2 * MARGIN + count * px + max(0, count - 1) * GAP
        # the header's text must fit too when no row has photos
        return QSize(max(width, 2 * MARGIN + px), px + 2 * MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # the row's background and selection as the other cells draw them, without the text
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        digests = self.digests(index)
        rects = self.tile_rects(opt.rect, len(digests))
        palette = opt.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for i, (digest, rect) in enumerate(zip(digests, rects, strict=False)):
            thumb = self.cache.get(digest)
            if isinstance(thumb, QPixmap):
                painter.drawPixmap(rect, thumb)
            else:
                painter.fillRect(rect, palette.mid())
                if thumb == ThumbnailCache.MISSING:
                    painter.setPen(palette.text().color())
                    painter.drawText(
                        rect.adjusted(2, 2, -2, -2),
                        int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                        self.tr("Not downloaded"),
                    )
            more = len(digests) - MAX_SHOWN
            if i == MAX_SHOWN - 1 and more > 0:
                painter.fillRect(rect, QColor(0, 0, 0, 140))
                painter.setPen(QColor("white"))
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), f"+{more}")
        painter.restore()

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            digests = self.digests(index)
            point = event.position().toPoint()
            for i, rect in enumerate(self.tile_rects(option.rect, len(digests))):
                # a finger is wider than the gap between two thumbnails
                if rect.adjusted(-GAP // 2, -MARGIN, GAP // 2, MARGIN).contains(point):
                    self.on_tap(digests, i)
                    return True
        return super().editorEvent(event, model, option, index)


class PhotoColumn(QObject):
    """Column ``column`` of ``table`` shows each row's photos; a tapped one opens large.

    ``viewer`` is the viewer open now (for tests and the screenshot script).
    """

    def __init__(
        self,
        table: QAbstractItemView,
        column: int,
        ops: Ops,
        ws: Workspace,
        photos_of: Callable[[Any], Sequence[str]],
    ):
        super().__init__(table)
        self.table = table
        self.ops = ops
        self.ws = ws
        self.cache = ThumbnailCache(ops, ws, CELL_THUMB_PX, parent=self)
        self.delegate = PhotoCellDelegate(self.cache, photos_of, self.open, table.viewport())
        table.setItemDelegateForColumn(column, self.delegate)
        self.viewer: PhotoViewer | None = None

    def open(self, digests: list[str], index: int) -> None:
        """Show ``digests[index]`` large, the step's other photos a swipe of a button away."""
        self.viewer = PhotoViewer(self.ops, self.ws, digests, index, self.table)
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.destroyed.connect(self._closed)
        self.viewer.open()

    def _closed(self) -> None:
        self.viewer = None
