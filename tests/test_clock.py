"""``tests/clock.py``: the reports' tests record an hour of work around ``work_moment`` and ask
for its local day; at every time of the day that hour stays inside the day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gridterm.reports.period import LOCAL_TZ
from tests.clock import local_day, work_moment


@pytest.mark.parametrize("local", ["00:00", "00:20", "00:59", "01:00", "12:00", "23:00", "23:58"])
def test_an_hour_around_the_work_moment_is_one_local_day(local: str) -> None:
    hour, minute = map(int, local.split(":"))
    now = datetime(2026, 12, 8, hour, minute, tzinfo=LOCAL_TZ).astimezone(UTC)
    at = work_moment(now)
    day = local_day(at)
    assert local_day(at - timedelta(minutes=40)) == local_day(at + timedelta(minutes=20)) == day
    assert at <= now  # the work is never in the future
