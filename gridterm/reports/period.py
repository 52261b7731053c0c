"""The periods a report covers: a day (日) or a calendar month (月), in China's local time.

Stored times are ISO 8601 text in UTC (``gridterm.store.tx.utc_now``), so a period is a
half-open range of that text: ``start <= at < end`` compares correctly as text and uses the
indexes on both the terminal and the server.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from gridterm.domain.office_time import OFFICE_TZ, office_day
from gridterm.errors import ValidationError

#: The street office's time zone (``gridterm.domain.office_time``), the reports' local time.
LOCAL_TZ = OFFICE_TZ

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\d{4}-\d{2}")


class PeriodKind(StrEnum):
    """工作日志 covers a day, 月度民情分析 a month."""

    DAY = "day"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class Period:
    """A day or a month: ``first`` and ``last`` are local dates (inclusive)."""

    kind: PeriodKind
    first: date
    last: date
    #: local midnight starting the period, and the one after it (exclusive), aware; kept,
    #: not computed on each use: reports compare every record's time with them
    start: datetime = field(init=False, compare=False)
    end: datetime = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", datetime.combine(self.first, time(), LOCAL_TZ))
        end = datetime.combine(self.last + timedelta(days=1), time(), LOCAL_TZ)
        object.__setattr__(self, "end", end)

    @property
    def days(self) -> int:
        """Number of calendar days covered."""
        return (self.last - self.first).days + 1

    def utc_range(self) -> tuple[str, str]:
        """The period as stored-text bounds ``(start, end)`` in UTC."""
        return (stored(self.start), stored(self.end))

    def label(self) -> str:
        """``2026-11-20`` or ``2026-11``."""
        if self.kind is PeriodKind.DAY:
            return self.first.isoformat()
        return f"{self.first.year:04d}-{self.first.month:02d}"

    def previous(self) -> Period:
        """The month (or day) before, for "change against last month"."""
        if self.kind is PeriodKind.DAY:
            return day_period(self.first - timedelta(days=1))
        before = self.first - timedelta(days=1)
        return month_period(before.year, before.month)


def stored(moment: datetime) -> str:
    """An aware instant as the stores keep it: ISO 8601 in UTC with milliseconds."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def local_day(moment: datetime) -> date:
    """The local (office's) calendar day of an aware instant."""
    return office_day(moment)


def day_period(day: date) -> Period:
    """One local day."""
    return Period(PeriodKind.DAY, day, day)


def month_period(year: int, month: int) -> Period:
    """One calendar month."""
    last = calendar.monthrange(year, month)[1]
    return Period(PeriodKind.MONTH, date(year, month, 1), date(year, month, last))


def parse_day(text: object, today: date) -> Period:
    """``2026-11-20`` → that day; refuses a malformed date or one after ``today``."""
    if not isinstance(text, str) or not _DAY.fullmatch(text.strip()):
        raise ValidationError("report.bad_date", "give the date as YYYY-MM-DD", field="date")
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError("report.bad_date", "no such date", field="date") from None
    if day > today:
        raise ValidationError(
            "report.future_period", "the date is in the future", field="date", period=str(day)
        )
    return day_period(day)


def parse_month(text: object, today: date) -> Period:
    """``2026-11`` → that month; refuses a malformed month or one after ``today``'s."""
    if not isinstance(text, str) or not _MONTH.fullmatch(text.strip()):
        raise ValidationError("report.bad_month", "give the month as YYYY-MM", field="month")
    year, month = (int(p) for p in text.strip().split("-"))
    if not 1 <= month <= 12 or year < 2000:
        raise ValidationError("report.bad_month", "no such month", field="month")
    if (year, month) > (today.year, today.month):
        raise ValidationError(
            "report.future_period", "the month is in the future", field="month", period=text
        )
    return month_period(year, month)


def until(period: Period, today: date) -> Period:
    """The part of ``period`` up to ``today`` (the current month is counted so far)."""
    if period.last <= today:
        return period
    return Period(period.kind, period.first, max(period.first, today))
