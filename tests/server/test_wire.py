"""Stored forms of pushed values that the server keeps as sent when they are already canonical."""

from __future__ import annotations

from datetime import datetime

import pytest

from sync.server.push.wire import time_text

KEPT = [
    "2026-11-22T02:00:00+08:00",
    "2026-11-22T02:00:00.123456+08:00",
    "2026-11-22T02:00:00+00:00",
    "2026-11-22T02:00:00-05:30",
]
REWRITTEN = [
    "2026-11-22T02:00:00.000000+08:00",  # isoformat leaves out zero microseconds
    "2026-11-22T02:00:00-00:00",  # and writes UTC as +00:00
    "2026-11-22 02:00:00+08:00",
    "2026-11-22T02:00:00Z",
    "2026-11-22T02:00:00.123+08:00",
    "20261122T020000+0800",
]


@pytest.mark.parametrize("text", KEPT + REWRITTEN)
def test_a_time_is_stored_as_isoformat_writes_it(text: str) -> None:
    parsed = datetime.fromisoformat(text)
    assert time_text(text, parsed) == parsed.isoformat()


@pytest.mark.parametrize("text", KEPT)
def test_a_time_already_in_that_form_is_kept_as_sent(text: str) -> None:
    assert time_text(text, datetime.fromisoformat(text)) is text


def test_a_time_given_as_a_datetime_is_formatted() -> None:
    parsed = datetime.fromisoformat("2026-11-22T02:00:00+08:00")
    assert time_text(parsed, parsed) == "2026-11-22T02:00:00+08:00"
