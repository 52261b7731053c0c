"""A birth date may not be in the future: the street office's future, not the machine's.

The machine's time zone is set here so that its calendar day differs from the office's right
now (a day behind, or a day ahead late in the office's evening): a check reading the machine's
date refuses a resident born on the office's today, or takes one born on its tomorrow.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from gridterm.domain.office_time import office_day, office_time
from gridterm.domain.residents import validate_resident_fields
from gridterm.errors import ValidationError
from gridterm.services.register import Register


@pytest.fixture
def machine_on_another_day(monkeypatch) -> Iterator[datetime]:
    """The machine's zone puts its date a day off the office's now; yields now (UTC)."""
    now = datetime.now(UTC)
    # POSIX TZ signs are inverted: "XXX+12" is UTC-12 (office 20 h ahead), "XXX-14" is UTC+14
    zone = "XXX+12" if office_time(now).hour < 19 else "XXX-14"
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    assert date.today() != office_day(now)  # what the test is about
    yield now
    monkeypatch.undo()
    time.tzset()


def test_a_resident_born_on_the_office_day_is_registered(territory, machine_on_another_day):
    now = machine_on_another_day
    today = office_day(now)
    hid = territory.household(room="301")
    register = Register(territory.session(now=now))
    born = register.add_resident(
        hid, name="王小宝", gender="male", relation="grandchild", birth_date=today.isoformat()
    )
    assert born.birth_date == today
    with pytest.raises(ValidationError) as refused:
        register.edit_resident(born.id, birth_date=(today + timedelta(days=1)).isoformat())
    assert refused.value.code == "field.bad_date"


def test_the_office_day_is_the_default_of_the_domain_check(machine_on_another_day):
    today = office_day(machine_on_another_day)
    fields = {"birth_date": today.isoformat()}
    assert validate_resident_fields(fields, partial=True) == fields
    tomorrow = {"birth_date": (today + timedelta(days=1)).isoformat()}
    with pytest.raises(ValidationError):
        validate_resident_fields(tomorrow, partial=True)
    # a caller's own "today" (a session's clock) is the one that counts
    assert validate_resident_fields(tomorrow, partial=True, today=today + timedelta(days=1))
