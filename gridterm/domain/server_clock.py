"""When a step happened on the server's clock (服务器时间), for figures a wrong terminal clock
must not bend: the 10-minute promise is measured on it.

A terminal's clock may be wrong (set by hand, a flat battery). Each push says the terminal's
time as it sends; the server compares it with its own (the skew) and stamps every ticket step
it receives: ``received_at`` (its own clock) and ``server_at``, the step's time on the server's
clock. A terminal clock within ``TOLERANCE`` is trusted as it is (work recorded offline keeps
its real times); beyond it the recorded time is moved by the skew. Neither may be later than
the receipt, which no step can follow. Pure: no Qt, no HTTP.
"""

from __future__ import annotations

from datetime import datetime, timedelta

#: A terminal clock this close to the server's is reliable (NTP-less devices drift a little).
TOLERANCE = timedelta(minutes=2)


def skew(sent_at: datetime | None, received_at: datetime) -> timedelta | None:
    """How far the server's clock is ahead of the terminal's (None: the terminal did not say)."""
    return None if sent_at is None else received_at - sent_at


def reliable(clock_skew: timedelta | None) -> bool:
    """Whether a terminal clock ``clock_skew`` off can be trusted as it is."""
    return clock_skew is not None and abs(clock_skew) <= TOLERANCE


def on_server_clock(at: datetime, clock_skew: timedelta | None, received_at: datetime) -> datetime:
    """The moment of a step recorded at ``at`` on the terminal, on the server's clock."""
    if clock_skew is not None and not reliable(clock_skew):
        at = at + clock_skew
    return min(at, received_at)


def step_time(at: datetime, server_at: datetime | None) -> datetime:
    """A step's time for measuring: the server's when it has stamped the step, else as
    recorded (not yet synced)."""
    return server_at or at
