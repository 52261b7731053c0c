"""Roles record only what their work covers: couriers report, inspectors inspect."""

from __future__ import annotations

import pytest

from gridterm.domain.permissions import ENTITY_ACTIVITY, Activity, may
from gridterm.domain.users import Role
from gridterm.errors import PermissionDeniedError
from gridterm.services.register import Register
from gridterm.services.rounds import Rounds
from gridterm.services.tickets import Tickets
from gridterm.services.visits import Visits
from tests.conftest import NOW


def test_every_role_may_check_in_and_report() -> None:
    for role in Role:
        assert may(role, Activity.CHECK_IN) and may(role, Activity.REPORT_TICKET)


def test_part_time_workers_only_report() -> None:
    assert {a for a in Activity if may(Role.PART_TIME_WORKER, a)} == {
        Activity.CHECK_IN,
        Activity.REPORT_TICKET,
    }
    assert not may(Role.MARKET_INSPECTOR, Activity.VISIT)
    assert not may(Role.MARKET_INSPECTOR, Activity.EDIT_REGISTER)
    assert set(ENTITY_ACTIVITY.values()) == set(Activity)


def test_a_part_time_worker_reports_but_cannot_visit_or_edit(territory) -> None:
    hid = territory.household()
    courier = territory.session("p1")
    ticket = Tickets(courier).open(grid_id="g1", category="市容环境", title="路面破损")
    assert ticket.reported_by == courier.user.id
    Rounds(courier).check("in")
    with pytest.raises(PermissionDeniedError) as err:
        Visits(courier).record(
            household_id=hid, visited_at=NOW, visit_type="routine", outcome="nothing_raised"
        )
    assert err.value.code == "permission.role_not_allowed"
    with pytest.raises(PermissionDeniedError):
        Register(courier).edit_household(hid, phone="13812345678")
    assert territory.store.query("SELECT count(*) n FROM visit")[0]["n"] == 0
