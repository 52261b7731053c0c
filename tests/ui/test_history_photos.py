"""Every photo a step took is in the history as a thumbnail; a tap shows it large."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel

from gridterm.domain.tickets import TicketAction
from gridterm.services.attachments import add_attachment
from tests.ui.conftest import log_in, qt_left, tap
from tests.ui.inspections import hazard_on, open_hazard, with_stalls
from ui.models.hazard_history import HazardStepModel
from ui.models.history import photo_count
from ui.models.transitions import TransitionModel
from ui.widgets.photos import THUMB_PX, jpeg_bytes
from ui.widgets.thumbs import ThumbnailCache


@pytest.fixture
def db_path(db_path: Path) -> Path:
    """The UI test database with the market inspector i1, a checklist and two stalls."""
    return with_stalls(db_path)


def photo(window, color: str) -> str:
    image = QImage(1200, 900, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    return add_attachment(window.workspace.session, jpeg_bytes(image, 1600), "image/jpeg").sha256


def verified_ticket(window, digest: str) -> str:
    tickets = window.workspace.tickets
    ticket = tickets.open(grid_id="g1", category="物业管理", title="楼道灯坏了")
    for action in (TicketAction.ACCEPT, TicketAction.MARK_HANDLED):
        tickets.act(ticket.id, action)
    tickets.act(ticket.id, TicketAction.VERIFY, photo=digest)
    return ticket.id


def open_ticket(qtbot, window, ticket_id: str):
    window.shell.show_tab("tickets")
    window.shell.open_ticket(ticket_id)
    detail = window.shell.top_screen()
    qtbot.waitUntil(lambda: detail.data is not None)
    return detail


def tap_thumbnail(qtbot, detail, row: int, column: int, which: int = 0) -> None:
    table = detail.history_table
    index = table.model().index(row, column)
    table.scrollTo(index)
    tiles = detail.history_photos.delegate.tile_rects

    def shown() -> bool:  # the columns fitted to the rows (on the loop's next turn)
        return table.visualRect(index).right() >= tiles(table.visualRect(index), 9)[which].right()

    qtbot.waitUntil(shown)
    rect = tiles(table.visualRect(index), 9)[which]
    qtbot.mouseClick(table.viewport(), qt_left(), pos=rect.center())


def test_the_verification_photo_is_in_the_ticket_history_and_opens_large(qtbot, window) -> None:
    log_in(qtbot, window)
    digest = photo(window, "#3366cc")
    detail = open_ticket(qtbot, window, verified_ticket(window, digest))
    model, column = detail.history_model, TransitionModel.COL_PHOTOS
    verified = next(
        r for r in range(model.rowCount()) if model.rows()[r].action is TicketAction.VERIFY
    )
    assert model.headerData(column, Qt.Orientation.Horizontal) == "照片"
    assert model.index(verified, column).data() == "1 张照片"
    cache = detail.history_photos.cache
    # the thumbnail is decoded off the GUI thread and then kept: drawing again reads nothing
    qtbot.waitUntil(lambda: cache.get(digest) not in (None, ThumbnailCache.MISSING))
    assert cache.get(digest).width() == cache.px
    # the row is as high as the thumbnail, a finger's target
    assert detail.history_table.rowHeight(verified) >= cache.px >= 48

    tap_thumbnail(qtbot, detail, verified, column)
    viewer = detail.history_photos.viewer
    assert viewer is not None and viewer.isVisible()
    qtbot.waitUntil(lambda: viewer.image is not None)
    shown = viewer.picture.pixmap()
    assert shown.width() > 400 and QColor(shown.toImage().pixel(10, 10)).blue() > 150
    assert not viewer.previous.isVisible()  # one photo: nothing to page
    assert viewer.close_button.height() >= 72
    tap(qtbot, viewer.close_button)
    qtbot.waitUntil(lambda: detail.history_photos.viewer is None)


def test_every_photo_of_a_hazard_step_is_shown_and_paged(qtbot, window) -> None:
    log_in(qtbot, window, "i1")
    hazard_id = hazard_on(window)
    photos = [photo(window, c) for c in ("#cc3333", "#33cc33", "#3333cc", "#cccc33")]
    from gridterm.services.hazards import Hazards

    Hazards(window.workspace.session).rectify(hazard_id, photos=tuple(photos), party="")
    detail = open_hazard(qtbot, window, hazard_id)
    model, column = detail.history_model, HazardStepModel.COL_PHOTOS
    row = model.rowCount() - 1
    assert detail.history_photos.delegate.digests(model.index(row, column)) == photos
    assert model.index(row, column).data() == "4 张照片"
    # four rectification photos wrap in the comparison instead of widening its column until
    # the history beside it is a sliver
    assert detail.after.minimumSizeHint().width() < 2 * THUMB_PX

    tap_thumbnail(qtbot, detail, row, column, which=1)  # the second (its tile says +2)
    viewer = detail.history_photos.viewer
    assert viewer.current == 1 and viewer.position.text() == "2 / 4"
    tap(qtbot, viewer.next)
    tap(qtbot, viewer.next)
    assert viewer.current == 3 and not viewer.next.isEnabled()
    qtbot.waitUntil(lambda: viewer.image is not None)
    assert QColor(viewer.picture.pixmap().toImage().pixel(10, 10)).red() > 150
    # a tap on the photo itself closes it, as in a phone's gallery
    qtbot.mouseClick(viewer.picture, qt_left())
    qtbot.waitUntil(lambda: detail.history_photos.viewer is None)


def test_a_photo_not_downloaded_says_so_in_the_history_and_the_viewer(qtbot, window) -> None:
    log_in(qtbot, window)
    digest = photo(window, "#3366cc")
    ticket_id = verified_ticket(window, digest)
    window.workspace.store.blobs.path_of(digest).unlink()  # as if taken on another terminal
    detail = open_ticket(qtbot, window, ticket_id)
    cache = detail.history_photos.cache
    qtbot.waitUntil(lambda: cache.get(digest) == ThumbnailCache.MISSING)
    row = next(i for i, t in enumerate(detail.history_model.rows()) if t.photo)
    tap_thumbnail(qtbot, detail, row, TransitionModel.COL_PHOTOS)
    viewer = detail.history_photos.viewer
    qtbot.waitUntil(lambda: viewer.picture.text() == "照片未下载")
    viewer.reject()
    QApplication.processEvents()


def test_a_thumbnail_of_the_before_and_after_photos_opens_large(qtbot, window) -> None:
    log_in(qtbot, window, "i1")
    detail = open_hazard(qtbot, window, hazard_on(window))
    (thumb,) = [w for w in detail.before.findChildren(QLabel) if w.objectName() == "photoThumb"]
    qtbot.mouseClick(thumb, qt_left())
    viewer = detail.before.viewer
    qtbot.waitUntil(lambda: viewer.isVisible() and viewer.image is not None)
    tap(qtbot, viewer.close_button)
    qtbot.waitUntil(lambda: not shiboken6.isValid(viewer) or not viewer.isVisible())


def test_the_photo_count_is_said_in_english_plurals(window) -> None:
    # the screen-reader text of a thumbnails cell read "1 photo(s)" in English
    window.ctx.i18n.switch("en")
    try:
        assert (photo_count(1), photo_count(3)) == ("1 photo", "3 photos")
    finally:
        window.ctx.i18n.switch("zh_CN")
    assert photo_count(3) == "3 张照片"
