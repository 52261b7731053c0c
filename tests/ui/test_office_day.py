"""One "today" on every screen: the street office's day (北京时间), not the machine's.

The walk of 2026-12-03 found Team's date (the office's) a day ahead of Today's and Reports'
(the machine's) on a UTC machine in the evening. Here the machine is on UTC and the clock
says 17:30 UTC, 01:30 the next morning in the office.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from gridterm.services.session import Session
from tests.ui.conftest import log_in, open_tab, wait_idle
from ui.formatting import time_text

EVENING_UTC = datetime(2026, 12, 3, 17, 30, tzinfo=UTC)
OFFICE_DAY = "2026-12-04"


@pytest.fixture
def utc_machine(monkeypatch) -> None:
    """The machine's time zone is UTC and every session's clock says ``EVENING_UTC``."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    login = Session.login.__func__

    def at_evening(cls, store, worker_id, **kwargs):
        return login(cls, store, worker_id, clock=lambda: EVENING_UTC, **kwargs)

    monkeypatch.setattr(Session, "login", classmethod(at_evening))
    yield
    monkeypatch.undo()
    time.tzset()


def test_today_team_and_reports_show_the_office_day(qtbot, window, utc_machine) -> None:
    log_in(qtbot, window, "s1")
    today = window.shell.top_screen()
    qtbot.waitUntil(lambda: today.data is not None, timeout=5000)
    assert today.data.day.isoformat() == OFFICE_DAY
    assert today.heading.text().startswith(OFFICE_DAY)

    team = open_tab(qtbot, window, "team")
    qtbot.waitUntil(lambda: team.area.text() != "", timeout=5000)
    assert team.area.text().endswith(OFFICE_DAY)

    reports = open_tab(qtbot, window, "reports")
    qtbot.waitUntil(lambda: reports.document is not None, timeout=5000)
    assert reports.day.date().toString("yyyy-MM-dd") == OFFICE_DAY
    assert reports.day.maximumDate().toString("yyyy-MM-dd") == OFFICE_DAY
    assert OFFICE_DAY in str(reports.document.header)
    wait_idle(qtbot, window)


def test_times_read_in_the_office_time_zone(utc_machine) -> None:
    # 17:30 UTC is 01:30 in the office; the date is the office's, written out as it is not
    # today's on the machine's clock
    assert time_text(EVENING_UTC).endswith("01:30")
