"""Choosing a picture by finger (选择照片): large thumbnails of the pictures folder, newest first.

Where the terminal has no camera a worker attaches a photo taken with a phone or copied from
a card; the desktop file dialog with its 25 px rows is not for a tablet. The folder is the
system's pictures folder (or the one chosen last with "Other folder…"), with its direct
subfolders (Camera, Screenshots). Listing the folder and decoding each thumbnail run off the
GUI thread, only for the thumbnails the list actually shows, so a folder of thousands of
pictures opens at once and scrolls smoothly. One tap chooses.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ui.formatting import time_text
from ui.ops import CoreOp, Ops
from ui.settings import PHOTO_FOLDER, AppSettings
from ui.widgets import accessible
from ui.widgets.thumbs import centre_square
from ui.widgets.touch import ElidedLabel, button, kinetic, label

# A thumbnail in the picker: big enough to tell two photos of one shop front apart.
PICK_PX = 160
SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})
# Newest pictures listed at most (a folder of years of photos still opens at once).
MAX_PICTURES = 2000
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture file and when it was last changed (taken, as a rule)."""

    path: Path
    modified: float


def pictures_folder(settings: AppSettings) -> Path:
    """The folder the picker opens: the one chosen last, else the system's pictures folder."""
    chosen = settings.get(PHOTO_FOLDER)
    if chosen and Path(chosen).is_dir():
        return Path(chosen)
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return Path(found) if found else Path.home()


def list_pictures(folder: Path) -> list[Picture]:
    """The pictures in ``folder`` and its direct subfolders, newest first (blocking)."""
    found: list[Picture] = []

    def scan(where: Path, depth: int) -> None:
        try:
            entries = list(os.scandir(where))
        except OSError:
            return  # unreadable (a card pulled out, no permission): nothing from there
        for entry in entries:
            try:
                if entry.is_dir() and depth == 0 and not entry.name.startswith("."):
                    scan(Path(entry.path), 1)
                elif entry.is_file() and Path(entry.name).suffix.lower() in SUFFIXES:
                    found.append(Picture(Path(entry.path), entry.stat().st_mtime))
            except OSError:
                continue

    scan(folder, 0)
    found.sort(key=lambda p: p.modified, reverse=True)
    return found[:MAX_PICTURES]


def picture_thumbnail(path: Path, px: int) -> QImage:
    """A ``px``-square thumbnail of a picture file, upright; the JPEG is decoded at a reduced
    size, never whole (any thread)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() > 0 and size.height() > 0:
        scale = px / min(size.width(), size.height())
        if scale < 1:
            reader.setScaledSize(QSize(round(size.width() * scale), round(size.height() * scale)))
    image = reader.read()
    if image.isNull():
        raise ValueError("not a readable picture")
    return centre_square(image, px)


class PictureFolderModel(QAbstractListModel):
    """The pictures of one folder; each thumbnail is decoded the first time it is shown."""

    loaded = Signal()

    def __init__(self, ops: Ops, parent: QObject | None = None):
        super().__init__(parent)
        self.ops = ops
        self.folder: Path | None = None
        self._rows: list[Picture] = []
        self._thumbs: dict[Path, QPixmap | None] = {}  # None: being decoded or unreadable
        self._blank = QPixmap(PICK_PX, PICK_PX)
        self._blank.fill(QColor(0, 0, 0, 30))
        self._generation = 0

    def load(self, folder: Path) -> None:
        """List ``folder`` (off the GUI thread); ``loaded`` when the rows are in."""
        self.folder = folder
        self._generation += 1
        generation = self._generation
        CoreOp(self, lambda: list_pictures(folder)).success(
            lambda rows: self._install(generation, rows)
        ).run(self.ops)

    def _install(self, generation: int, rows: list[Picture]) -> None:
        if generation != self._generation:
            return  # another folder was chosen meanwhile
        self.beginResetModel()
        self._rows = rows
        self._thumbs = {}
        self.endResetModel()
        self.loaded.emit()

    def rows(self) -> list[Picture]:
        """The pictures, newest first."""
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        picture = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return time_text(datetime.fromtimestamp(picture.modified).astimezone())
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(index.row(), picture)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return picture.path.name
        if role == PATH_ROLE:
            return picture.path
        return None

    def thumbnail_ready(self, path: Path) -> bool:
        """Whether the thumbnail of ``path`` is decoded (for tests)."""
        return self._thumbs.get(path) is not None

    def _thumbnail(self, row: int, picture: Picture) -> QPixmap:
        path = picture.path
        if path in self._thumbs:
            return self._thumbs[path] or self._blank
        self._thumbs[path] = None  # asked once: a repaint must not start another decode
        generation = self._generation
        CoreOp(self, lambda: picture_thumbnail(path, PICK_PX)).success(
            lambda image: self._decoded(generation, row, path, image)
        ).failure(lambda _error: None).run(self.ops)
        return self._blank

    def _decoded(self, generation: int, row: int, path: Path, image: QImage) -> None:
        if generation != self._generation:
            return
        self._thumbs[path] = QPixmap.fromImage(image)
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class PhotoPicker(QDialog):
    """Thumbnails of a pictures folder, newest first; a tap emits ``chosen(Path)``."""

    chosen = Signal(Path)

    def __init__(self, ops: Ops, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("photoPicker")
        self.setWindowTitle(self.tr("Choose a photo"))
        self.setModal(True)
        self.settings = settings
        self.folder_dialog: QFileDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        top.addWidget(label(self.tr("Choose a photo"), "section", wrap=False))
        self.where = ElidedLabel()
        self.where.setObjectName("pickerFolder")
        self.where.setProperty("role", "muted")
        top.addWidget(self.where, 1)
        self.other = button(self.tr("Other folder…"), object_name="pickerOtherFolder")
        self.other.clicked.connect(self.choose_folder)
        top.addWidget(self.other)
        self.cancel = button(self.tr("Cancel"), object_name="pickerCancel")
        self.cancel.clicked.connect(self.reject)
        top.addWidget(self.cancel)
        layout.addLayout(top)

        self.model = PictureFolderModel(ops, self)
        self.view = QListView()
        self.view.setObjectName("pickerGrid")
        accessible.name(self.view, self.tr("Pictures, newest first"), self.tr("Tap one to add it"))
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(True)
        self.view.setIconSize(QSize(PICK_PX, PICK_PX))
        self.view.setGridSize(QSize(PICK_PX + 32, PICK_PX + 56))
        self.view.setSpacing(4)
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setModel(self.model)
        kinetic(self.view)
        self.view.clicked.connect(self._tapped)
        layout.addWidget(self.view, 1)
        self.empty = label(self.tr("No pictures in this folder."), "muted")
        self.empty.setObjectName("pickerEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        layout.addWidget(self.empty, 1)
        self.model.loaded.connect(self._loaded)

        window = parent.window() if parent is not None else None
        self.resize(window.size() if window is not None else QSize(1024, 720))
        self.show_folder(pictures_folder(settings))

    def show_folder(self, folder: Path) -> None:
        """List ``folder`` (newest first)."""
        self.where.setText(str(folder))
        self.model.load(folder)

    def _loaded(self) -> None:
        has = self.model.rowCount() > 0
        self.view.setVisible(has)
        self.empty.setVisible(not has)
        if has:
            self.view.scrollToTop()

    def choose_folder(self) -> None:
        """Pick another folder (a memory card, a USB drive); it is opened next time too."""
        self.folder_dialog = QFileDialog(self, self.tr("Choose a folder of pictures"))
        self.folder_dialog.setFileMode(QFileDialog.FileMode.Directory)
        self.folder_dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        self.folder_dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        if self.model.folder is not None:
            self.folder_dialog.setDirectory(str(self.model.folder))
        self.folder_dialog.fileSelected.connect(self._folder_chosen)
        self.folder_dialog.open()

    def _folder_chosen(self, path: str) -> None:
        if path:
            self.settings.set(PHOTO_FOLDER, path)
            self.show_folder(Path(path))

    def _tapped(self, index: QModelIndex) -> None:
        path = index.data(PATH_ROLE)
        if path is not None:
            self.chosen.emit(path)
            self.accept()
