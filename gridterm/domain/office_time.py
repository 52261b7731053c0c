"""The street office's time: the one time zone in which every screen and report reads a day.

A terminal's own time zone is whatever its operating system was set to (often UTC on a
freshly installed tablet); the working day is the street office's. "Today", a day's bounds
and the times a worker reads are all taken here, never from the machine.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

#: 北京时间: a street office's working day. China has one time zone and no daylight saving.
OFFICE_TZ = timezone(timedelta(hours=8), "CST")


def office_time(moment: datetime) -> datetime:
    """An aware instant on the office's clock."""
    return moment.astimezone(OFFICE_TZ)


def office_day(moment: datetime) -> date:
    """The office's calendar day of an aware instant."""
    return moment.astimezone(OFFICE_TZ).date()


def office_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The office's midnight starting ``day`` and the next one (exclusive), aware."""
    start = datetime.combine(day, time(), OFFICE_TZ)
    return start, start + timedelta(days=1)
