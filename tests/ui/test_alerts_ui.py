"""The notification centre and the bell: an urgent ticket new in my grid is announced once
(the system notification where there is a tray) after the pull that brought it, counted on
the bell until looked at, and tapping it opens the ticket. The test territory also has a key
household overdue for w1."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gridterm.domain.alerts import AlertKind
from gridterm.services.session import Session
from gridterm.services.tickets import Tickets
from sync.client.report import SyncReport
from tests.ui.conftest import log_in, tap, wait_idle
from ui.models.alerts import AlertModel

URGENT = ("我的网格有紧急工单", "井盖破损")


class Runner(QObject):
    """The background sync's report signal, fired by the test instead of a network."""

    reported = Signal(object)


def test_an_urgent_ticket_alerts_once_and_opens(qtbot, window) -> None:
    log_in(qtbot, window)
    shell = window.shell
    announced: list[tuple[str, str]] = []
    shell.notifier.announced.connect(lambda title, text: announced.append((title, text)))
    bell = shell.top.bell
    qtbot.waitUntil(lambda: bell.text() == "1", timeout=5000)  # the overdue household
    runner = Runner()
    shell.notifier.attach(runner)
    wait_idle(qtbot, window)
    # a colleague's ticket, as a pull writes it: nothing is recounted on the write itself
    colleague = Tickets(Session.login(window.workspace.store, "p1"))  # same grid, part-time
    ticket = colleague.open(grid_id="g1", category="市政设施", title="井盖破损", urgent=True)
    qtbot.wait(300)
    wait_idle(qtbot, window)
    assert URGENT not in announced and bell.text() == "1"
    runner.reported.emit(SyncReport(pushed=1))  # a sync that brought nothing: no recount
    wait_idle(qtbot, window)
    assert URGENT not in announced
    runner.reported.emit(SyncReport(pulled=2))  # the pull that brought it

    qtbot.waitUntil(lambda: URGENT in announced, timeout=5000)
    qtbot.waitUntil(lambda: bell.text() == "2")
    assert bell.property("role") == "alerting"

    tap(qtbot, bell)
    centre = shell.top_screen()
    assert centre.objectName() == "alerts"
    qtbot.waitUntil(lambda: centre.model.rowCount() == 2)
    row = next(
        i
        for i, line in enumerate(centre.model.rows())
        if line.alert.kind is AlertKind.URGENT_TICKET
    )
    assert centre.model.index(row, AlertModel.COL_NEW).data() == "新"
    assert centre.model.index(row, AlertModel.COL_KIND).data() == URGENT[0]
    assert centre.summary.text() == "自上次查看以来有 2 条新提醒"
    # looked at: the bell clears, and nothing is announced again
    qtbot.waitUntil(lambda: bell.text() == "", timeout=5000)
    shell.notifier.refresh()
    qtbot.waitUntil(lambda: window.ctx.ops.busy == 0, timeout=5000)
    assert announced.count(URGENT) == 1

    centre.table.clicked.emit(centre.model.index(row, AlertModel.COL_TITLE))
    detail = shell.top_screen()
    qtbot.waitUntil(lambda: detail.data is not None)
    assert detail.data.ticket.id == ticket.id
