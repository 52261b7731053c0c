"""A moment for tests whose records must all fall on one local (Asia/Shanghai) day.

A test that records work "40 minutes ago … in 3 minutes" and asks for today's report failed
whenever it ran within an hour of local midnight (16:00–17:00 UTC): some of the records fell
on the day before. ``work_moment`` is now, moved back an hour or two when now is that close
to midnight, so that a span of an hour around it stays inside one local day.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gridterm.reports.period import LOCAL_TZ


def work_moment(now: datetime | None = None) -> datetime:
    """A moment (UTC) at least an hour from either local midnight: now, or two hours before
    now between 00:00 and 01:00 local, or one hour before between 23:00 and 24:00."""
    now = now or datetime.now(UTC)
    hour = now.astimezone(LOCAL_TZ).hour
    back = 2 if hour == 0 else 1 if hour == 23 else 0
    return now - timedelta(hours=back)


def local_day(moment: datetime) -> str:
    """The local date of ``moment``, as reports name a day (ISO)."""
    return moment.astimezone(LOCAL_TZ).date().isoformat()
