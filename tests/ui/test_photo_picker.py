"""The touch photo picker: big thumbnails of the pictures folder, newest first, one tap."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QColor, QImage

from tests.ui.conftest import log_in, open_tab, tap
from tests.ui.helpers import tap_picture
from ui.settings import PHOTO_FOLDER
from ui.widgets.photo_picker import PICK_PX, pictures_folder
from ui.widgets.touch import TOUCH_PX


def jpeg(folder: Path, name: str, color: str, age_minutes: int, size=(1200, 900)) -> Path:
    """A JPEG in ``folder`` last changed ``age_minutes`` ago."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path), "JPEG")
    when = path.stat().st_mtime - age_minutes * 60
    os.utime(path, (when, when))
    return path


def test_the_pictures_folder_newest_first_and_one_tap_attaches(qtbot, window, tmp_path) -> None:
    pictures = tmp_path / "Pictures"
    old = jpeg(pictures, "old.jpg", "#aa3333", age_minutes=600)
    new = jpeg(pictures, "new.jpg", "#33aa33", age_minutes=5)
    camera = jpeg(pictures / "Camera", "IMG_0001.JPG", "#3333aa", age_minutes=60)
    (pictures / "notes.txt").write_text("not a picture")
    window.ctx.settings.set(PHOTO_FOLDER, str(pictures))
    log_in(qtbot, window)
    report = open_tab(qtbot, window, "report")
    tap(qtbot, report.photos.file_button)
    qtbot.waitUntil(lambda: report.photos.dialog is not None)
    picker = report.photos.dialog
    qtbot.waitUntil(lambda: picker.model.rowCount() == 3)
    assert [p.path for p in picker.model.rows()] == [new, camera, old]
    assert picker.where.text() == str(pictures)
    # big targets: each thumbnail is a cell far larger than a fingertip
    assert picker.view.gridSize().width() >= PICK_PX >= 2 * TOUCH_PX
    for button in (picker.other, picker.cancel):
        assert button.height() >= TOUCH_PX
    # thumbnails are decoded off the GUI thread, then shown
    qtbot.waitUntil(lambda: picker.model.thumbnail_ready(new))
    icon = picker.model.index(0).data(1)  # DecorationRole
    assert icon.width() == PICK_PX and QColor(icon.toImage().pixel(80, 80)).green() > 120

    tap_picture(qtbot, picker, camera)
    qtbot.waitUntil(lambda: len(report.photos.digests) == 1)
    qtbot.waitUntil(lambda: report.photos.dialog is None)
    stored = QImage.fromData(window.workspace.store.blobs.get(report.photos.digests[0]))
    assert QColor(stored.pixel(10, 10)).blue() > 120  # the Camera subfolder's picture


def test_another_folder_is_listed_and_remembered(qtbot, window, tmp_path) -> None:
    empty = tmp_path / "Pictures"
    empty.mkdir()
    card = tmp_path / "card"
    shot = jpeg(card, "shop.jpeg", "#999933", age_minutes=1)
    window.ctx.settings.set(PHOTO_FOLDER, str(empty))
    log_in(qtbot, window)
    report = open_tab(qtbot, window, "report")
    tap(qtbot, report.photos.file_button)
    qtbot.waitUntil(lambda: report.photos.dialog is not None)
    picker = report.photos.dialog
    qtbot.waitUntil(picker.empty.isVisible)
    assert picker.empty.text() == "此文件夹中没有照片。"
    assert not picker.view.isVisible()

    tap(qtbot, picker.other)
    qtbot.waitUntil(lambda: picker.folder_dialog is not None and picker.folder_dialog.isVisible())
    picker.folder_dialog.fileSelected.emit(str(card))  # what choosing the folder sends
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1)
    assert picker.view.isVisible() and not picker.empty.isVisible()
    assert window.ctx.settings.get(PHOTO_FOLDER) == str(card)
    tap(qtbot, picker.cancel)
    qtbot.waitUntil(lambda: report.photos.dialog is None)
    assert report.photos.digests == []

    tap(qtbot, report.photos.file_button)  # the card's folder again, next time
    qtbot.waitUntil(lambda: report.photos.dialog is not None)
    tap_picture(qtbot, report.photos.dialog, shot)
    qtbot.waitUntil(lambda: len(report.photos.digests) == 1)


def test_without_a_choice_the_systems_pictures_folder_opens(ctx, tmp_path) -> None:
    system = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    assert pictures_folder(ctx.settings) == Path(system)
    ctx.settings.set(PHOTO_FOLDER, str(tmp_path / "gone"))  # a card since pulled out
    assert pictures_folder(ctx.settings) == Path(system)
