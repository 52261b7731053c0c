"""A photo taken and then removed, or taken in a form never saved, leaves no file behind (a
stored photo is a household's, sealed or not); a saved photo's file stays, and so does one
a form's draft still names after a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from tests.ui.conftest import log_in, open_tab, tap, wait_idle
from tests.ui.helpers import crash_and_restart, open_visit, pick_photo, picture
from tests.ui.inspections import hazard_on, open_hazard, with_stalls


@pytest.fixture
def db_path(db_path: Path) -> Path:
    """The UI test database with the market inspector i1 and stalls (for the hazard)."""
    return with_stalls(db_path)


def stored(window, digest: str) -> bool:
    """The photo's file is on the terminal and recorded for upload."""
    store = window.workspace.store
    recorded = store.query("SELECT 1 FROM attachment WHERE sha256 = ?", (digest,))
    return store.blobs.path_of(digest).exists() and bool(recorded)


def gone(window, digest: str) -> bool:
    store = window.workspace.store
    recorded = store.query("SELECT 1 FROM attachment WHERE sha256 = ?", (digest,))
    return not store.blobs.path_of(digest).exists() and not recorded


def remove(qtbot, strip, digest: str) -> None:
    thumb = strip.thumbs.itemAt(strip.digests.index(digest)).widget()
    tap(qtbot, thumb.findChild(QPushButton, "removePhoto"))
    qtbot.waitUntil(lambda: digest not in strip.digests)


def test_a_removed_photo_leaves_no_file_and_a_sent_one_stays(qtbot, window, tmp_path) -> None:
    log_in(qtbot, window)
    screen = open_tab(qtbot, window, "report")
    pick_photo(qtbot, screen.photos, picture(tmp_path, "wrong", "#aa3333"))
    wrong = screen.photos.digests[0]
    assert stored(window, wrong)
    remove(qtbot, screen.photos, wrong)
    qtbot.waitUntil(lambda: gone(window, wrong))

    pick_photo(qtbot, screen.photos, picture(tmp_path, "drain", "#3366aa"))
    kept = screen.photos.digests[0]
    tap(qtbot, screen.category.buttons[next(iter(screen.category.buttons))])
    with qtbot.waitSignal(screen.reported, timeout=5000):
        tap(qtbot, screen.send)
    wait_idle(qtbot, window)
    assert stored(window, kept)
    window.workspace.attachments.release([kept])  # named by the ticket: never deleted
    assert stored(window, kept)


def test_a_visit_photo_lives_as_long_as_its_draft(qtbot, ctx, window, tmp_path) -> None:
    log_in(qtbot, window)
    visit = open_visit(qtbot, window)
    tap(qtbot, visit.visit_type.buttons["routine"])
    pick_photo(qtbot, visit.photos, picture(tmp_path, "door", "#336699"))
    pick_photo(qtbot, visit.photos, picture(tmp_path, "stairs", "#993366"))
    door, stairs = visit.photos.digests
    with qtbot.waitSignal(visit.draft_saved, timeout=3000):
        pass
    remove(qtbot, visit.photos, door)
    with qtbot.waitSignal(visit.draft_saved, timeout=3000):
        pass  # the draft no longer names it: only now may its file go
    qtbot.waitUntil(lambda: gone(window, door))
    wait_idle(qtbot, window)

    # a crash: the draft still names the other photo, which is there when it is restored
    again = crash_and_restart(qtbot, ctx, window)
    assert stored(again, stairs)
    again.shell.start_visit(visit.household_id)
    restored = again.shell.top_screen()
    qtbot.waitUntil(lambda: restored.start is not None)
    assert restored.photos.digests == [stairs]
    tap(qtbot, restored.discard)  # the visit is given up: its photo with it
    qtbot.waitUntil(lambda: gone(again, stairs))
    again.workspace.close()
    again.workspace = None


def test_a_hazard_step_cancelled_leaves_no_photo_and_a_step_taken_keeps_its_own(
    qtbot, window, tmp_path
) -> None:
    log_in(qtbot, window, "i1")
    detail = open_hazard(qtbot, window, hazard_on(window))
    tap(qtbot, detail.findChild(type(detail.confirm), "action_rectify"))
    pick_photo(qtbot, detail.action_photos, picture(tmp_path, "blurred", "#777777"))
    blurred = detail.action_photos.digests[0]
    tap(qtbot, detail.action_panel.cancel)
    qtbot.waitUntil(lambda: gone(window, blurred))

    tap(qtbot, detail.findChild(type(detail.confirm), "action_rectify"))
    pick_photo(qtbot, detail.action_photos, picture(tmp_path, "rectified", "#3366aa"))
    rectified = detail.action_photos.digests[0]
    tap(qtbot, detail.confirm)
    qtbot.waitUntil(lambda: rectified in detail.after.digests)
    # the saved photos are shown, never offered for removal (it removed them from the screen)
    assert detail.after.findChildren(QPushButton, "removePhoto") == []
    tap(qtbot, detail.findChild(type(detail.confirm), "action_reinspect_fail"))
    wait_idle(qtbot, window)  # the panel opened again let go of the step's photo: it stays
    assert stored(window, rectified)
