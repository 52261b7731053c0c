"""The notification centre and the bell: an urgent ticket new in my grid is announced once
(the system notification where there is a tray) after the pull that brought it, counted on
the bell until looked at, and tapping it opens the ticket. The test territory also has a key
household overdue for w1."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Signal

from gridterm.domain.alerts import AlertKind, Subject
from gridterm.services.session import Session
from gridterm.services.tickets import Tickets
from sync.client.report import SyncReport
from tests.ui.conftest import DEMO_INSPECTOR, click_row, log_in, tap, wait_idle
from tests.ui.layout import views_scroll_sideways, words_cut
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

    shell.back()
    (household,) = [
        i
        for i, line in enumerate(centre.model.rows())
        if line.alert.kind is AlertKind.HOUSEHOLD_OVERDUE
    ]
    # when it fell due, not when it was counted: the last visit (or that there was none)
    assert centre.model.index(household, AlertModel.COL_WHEN).data() in ("从未走访",) or (
        centre.model.index(household, AlertModel.COL_WHEN).data().startswith("上次走访 ")
    )
    click_row(qtbot, centre.table, household, AlertModel.COL_TITLE)
    opened = shell.top_screen()
    assert opened.objectName() == "household"
    assert opened.household_id == centre.model.rows()[household].alert.subject_id


@pytest.mark.parametrize("size", [(1280, 800), (800, 1280)], ids=["landscape", "portrait"])
def test_an_inspectors_hazard_alerts_fit_in_english_and_open_the_hazard(
    qtbot, demo_window, size
) -> None:
    """The demo market has hazards past their rectification day; in English large text no
    column but the record's name is cut, and tapping one opens the hazard."""
    ctx = demo_window.ctx
    ctx.i18n.switch("en")
    ctx.theme.apply("normal", "large")
    try:
        demo_window.resize(*size)
        log_in(qtbot, demo_window, DEMO_INSPECTOR)
        shell = demo_window.shell
        shell.open_alerts()
        centre = shell.top_screen()
        qtbot.waitUntil(lambda: bool(centre.summary.text()), timeout=10000)
        wait_idle(qtbot, demo_window)
        table = centre.table
        # none cut: where a line is too narrow for them the words wrap whole
        qtbot.waitUntil(lambda: words_cut(table) == [] and not views_scroll_sideways(demo_window))
        for column in (AlertModel.COL_NEW, AlertModel.COL_KIND, AlertModel.COL_WHEN):
            assert not table.isColumnHidden(column)
        row = next(
            i
            for i, line in enumerate(centre.model.rows())
            if line.alert.subject is Subject.HAZARD and line.alert.kind is AlertKind.OVERDUE
        )
        hazard_id = centre.model.rows()[row].alert.subject_id
        click_row(qtbot, table, row, AlertModel.COL_TITLE)
        detail = shell.top_screen()
        assert detail.objectName() == "hazardDetail"
        qtbot.waitUntil(lambda: detail.data is not None, timeout=10000)
        assert detail.data.hazard.id == hazard_id
    finally:
        ctx.theme.apply("normal", "normal")
        ctx.i18n.switch("zh_CN")
