"""The top bar in portrait: the screen's title keeps its room whatever the sync indicator
has to say (records waiting, records needing attention), in both languages and text sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import log_in, open_tab
from tests.ui.layout import settled_problems, tablet_window, title_cut


class Runner(QObject):
    """The signals of ui.sync_runner.SyncRunner, fired by the test instead of a network."""

    reported = Signal(object)
    reached = Signal(bool)
    online = Signal(object)


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize("text", ["normal", "large"])
def test_the_title_keeps_its_room_beside_records_waiting_in_portrait(
    qtbot, ctx, locale, text
) -> None:
    with tablet_window(qtbot, ctx, (800, 1280), locale, text) as window:
        log_in(qtbot, window)
        ws, indicator = window.workspace, window.shell.top.sync
        runner = Runner()
        ws.sync = runner  # an enrolled terminal, offline, with records waiting
        try:
            indicator.attach(runner)
            runner.reached.emit(False)
            for n in range(12):
                ws.register.edit_household("h-g1-502", phone=f"139000011{n:02d}")
            ws.store.write(  # one refused by the server, as a sync would leave it
                lambda tx: tx.execute(
                    "UPDATE outbox SET state = 'rejected', reason = 'field.bad_phone' "
                    "WHERE seq = (SELECT min(seq) FROM outbox)"
                )
            )
            qtbot.waitUntil(lambda: bool(indicator.summary and indicator.summary.rejected))
            cut = []
            for section in ("today", "register", "tickets", "sync", "settings"):
                open_tab(qtbot, window, section)
                QApplication.processEvents()
                title = window.shell.top.title
                cut += [f"{section}: {c}" for c in [title_cut(title)] if c]
                assert indicator.isVisible() and not indicator.visibleRegion().isEmpty()
            assert not cut
            assert not [p for p in settled_problems(qtbot, window) if "syncIndicator" in p]
        finally:
            ws.sync = None  # the window closes no real sync
