"""The demo's calendar: every time is relative to one anchor day, in China Standard Time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

#: 北京时间; workers' hours are local, stored times are UTC like the store's own.
CHINA = timezone(timedelta(hours=8), "CST")
DAY = 86_400.0
HOUR = 3_600.0


class DemoClock:
    """Times of the demo anchored on ``today``, so the same seed and day give the same data."""

    def __init__(self, today: date):
        self.today = today
        self.midnight = datetime(today.year, today.month, today.day, tzinfo=CHINA).timestamp()

    def at(self, days_ago: float, hour: float = 0.0) -> float:
        """Seconds since the epoch of ``hour`` (local) on the day ``days_ago`` before today."""
        return self.midnight - days_ago * DAY + hour * HOUR

    def days_ago(self, ts: float) -> float:
        """How many days before today's midnight ``ts`` lies (negative: later today)."""
        return (self.midnight - ts) / DAY

    @staticmethod
    def iso(ts: float) -> str:
        """Stored form of a time: ISO 8601 in UTC with milliseconds (as ``tx.utc_now``)."""
        return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds")

    @staticmethod
    def local_date(ts: float) -> date:
        """The calendar day (in China) of ``ts``."""
        return datetime.fromtimestamp(ts, CHINA).date()
