"""Targets stay under the finger: a banner, an error or a thumbnail appearing moves no button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QPushButton

from tests.ui.accessibility import accessible_name
from tests.ui.conftest import log_in, open_tab, tap
from tests.ui.helpers import open_visit, report


def place(widget) -> QRect:
    """Where ``widget`` is in its window, after pending layout work."""
    QApplication.processEvents()
    return QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())


def picture(tmp_path) -> str:
    path = tmp_path / "p.png"
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    image.save(str(path))
    return path


def test_the_urgent_banner_does_not_move_the_state_tabs(qtbot, window) -> None:
    log_in(qtbot, window)
    screen = open_tab(qtbot, window, "tickets")
    qtbot.waitUntil(lambda: screen.empty.isVisible())
    tabs = {value: place(b) for value, b in screen.filter.buttons.items()}
    report(window, "井盖破损", urgent=True)
    qtbot.waitUntil(lambda: screen.urgent_banner.isVisible())
    assert {value: place(b) for value, b in screen.filter.buttons.items()} == tabs


@pytest.mark.parametrize("size", [(1280, 800), (800, 1280)], ids=["landscape", "portrait"])
def test_an_error_does_not_move_the_confirm_button(qtbot, window, size) -> None:
    # the portrait walk of 2026-12-06: the error made the page taller than the screen, the
    # facts card above gave up its share of the height and the reason field and the confirm
    # button moved 33 px up, so the next tap landed under the field
    window.resize(*size)
    log_in(qtbot, window)
    ticket = report(window)
    window.shell.show_tab("tickets")
    window.shell.open_ticket(ticket.id)
    detail = window.shell.top_screen()
    qtbot.waitUntil(lambda: detail.data is not None)
    tap(qtbot, detail.findChild(type(detail.confirm), "action_escalate"))
    targets = (detail.confirm, detail.action_panel.cancel, detail.note)
    before = [place(t) for t in targets]
    tap(qtbot, detail.confirm)  # no reason given
    qtbot.waitUntil(lambda: detail.panel_form.error.isVisible())
    assert [place(t) for t in targets] == before


def test_a_thumbnail_or_an_error_does_not_move_the_quick_report_buttons(
    qtbot, window, tmp_path
) -> None:
    log_in(qtbot, window)
    screen = open_tab(qtbot, window, "report")
    targets = [*screen.category.buttons.values(), screen.send, screen.photos.file_button]
    before = [place(b) for b in targets]
    screen.photos.add_file(picture(tmp_path))
    qtbot.waitUntil(lambda: len(screen.photos.digests) == 1)
    assert [place(b) for b in targets] == before
    tap(qtbot, screen.send)  # no category chosen
    qtbot.waitUntil(lambda: screen.form.field_errors["category"].text() != "")
    assert [place(b) for b in targets] == before


def test_a_photo_picked_by_mistake_is_removed_and_nothing_moves(qtbot, window, tmp_path) -> None:
    # the walk of 2026-12-03: a picked photo had no remove
    log_in(qtbot, window)
    screen = open_tab(qtbot, window, "report")
    strip = screen.photos
    targets = [*screen.category.buttons.values(), screen.send, strip.file_button]
    before = [place(b) for b in targets]
    first = picture(tmp_path)
    strip.add_file(first)
    qtbot.waitUntil(lambda: len(strip.digests) == 1)
    other = tmp_path / "q.png"
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#aa6633"))
    image.save(str(other))
    strip.add_file(other)
    qtbot.waitUntil(lambda: len(strip.digests) == 2)
    kept = strip.digests[1]
    removes = [b for b in strip.findChildren(QPushButton, "removePhoto") if b.isVisible()]
    assert len(removes) == 2
    assert all(b.width() >= 48 and b.height() >= 48 for b in removes)
    assert accessible_name(removes[0]) == "删除照片"
    heights = strip.height()
    tap(qtbot, removes[0])
    qtbot.waitUntil(lambda: strip.digests == [kept])
    assert [b for b in strip.findChildren(QPushButton, "removePhoto") if b.isVisible()]
    assert [place(b) for b in targets] == before and strip.height() == heights


def test_a_removed_photo_is_not_saved_with_the_visit(qtbot, window, tmp_path) -> None:
    log_in(qtbot, window)
    visit = open_visit(qtbot, window)
    visit.photos.add_file(picture(tmp_path))
    qtbot.waitUntil(lambda: len(visit.photos.digests) == 1)
    tap(qtbot, visit.photos.findChild(QPushButton, "removePhoto"))
    qtbot.waitUntil(lambda: visit.photos.digests == [])
    tap(qtbot, visit.visit_type.buttons["routine"])
    tap(qtbot, visit.outcome.buttons["nothing_raised"])
    with qtbot.waitSignal(visit.saved, timeout=5000) as saved:
        tap(qtbot, visit.save)
    assert list(saved.args[0].photos) == []
