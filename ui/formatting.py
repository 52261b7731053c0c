"""Dates, times and durations as the worker reads them, in the current language."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from gridterm.domain.office_time import office_day, office_time

translate = QCoreApplication.translate


def local(at: datetime) -> datetime:
    """An aware time on the street office's clock (not the machine's: a tablet set to UTC
    would otherwise read 17:30 for what the office and its reports call 01:30)."""
    return office_time(at)


def time_text(at: datetime) -> str:
    """HH:MM today (the office's day), otherwise the short date and HH:MM."""
    at = local(at)
    if at.date() == office_day(datetime.now(UTC)):
        return at.strftime("%H:%M")
    return f"{date_text(at.date())} {at.strftime('%H:%M')}"


# Every date the worker reads or types, in both languages: year-month-day, never 10/18/26
# (which an English locale would show, and which reads as October or the 18th month).
DATE_FORMAT = "yyyy-MM-dd"
MONTH_FORMAT = "yyyy-MM"


def date_text(day: date) -> str:
    """A date as 2026-10-18, whatever the language."""
    return QDate(day.year, day.month, day.day).toString(DATE_FORMAT)


def long_date_text(day: date) -> str:
    """A date with the weekday, for headings: 2026-10-18 星期日 / 2026-10-18 Sunday."""
    qdate = QDate(day.year, day.month, day.day)
    return f"{date_text(day)} {QLocale().dayName(qdate.dayOfWeek())}"


# From a week on, a wait is said in days: the hours of "118 d 16 h" change nothing a
# worker does, and in a list they broke 小时 over two lines (the walk of 2026-12-06).
DAYS_ONLY_FROM = 7


def waited_text(minutes: int) -> str:
    """How long something has waited: 12 min, 3 h 5 min, 2 d 4 h, 118 d."""
    if minutes < 60:
        return translate("Time", "%n min", None, minutes)
    hours, mins = divmod(minutes, 60)
    if hours < 24:
        return translate("Time", "{h} h {m} min").format(h=hours, m=mins)
    days, hours = divmod(hours, 24)
    if days >= DAYS_ONLY_FROM:
        return translate("Time", "{d} d").format(d=days)
    return translate("Time", "{d} d {h} h").format(d=days, h=hours)


def due_text(left: timedelta) -> str:
    """Time left to a deadline (2 h 5 min left), or past it (overdue 3 d 4 h)."""
    minutes = int(abs(left.total_seconds()) // 60)
    if left < timedelta():
        return translate("Time", "overdue {time}").format(time=waited_text(minutes))
    return translate("Time", "{time} left").format(time=waited_text(minutes))


def clock_text(seconds: int) -> str:
    """A running timer: MM:SS (or H:MM:SS past an hour)."""
    hours, rest = divmod(max(0, seconds), 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins:02d}:{secs:02d}"
