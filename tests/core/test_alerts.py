"""Alerts with a controlled clock: each event alerts once, for whom it concerns; marks are one
record per worker, alert and state, whoever makes them."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

from gridterm.domain.alerts import AlertKind, MarkState, mark_id
from gridterm.reports.period import LOCAL_TZ
from gridterm.services.alerts import Alerts
from gridterm.services.premises import PremisesRegister
from gridterm.services.tickets import Tickets
from tests.conftest import NOW
from tests.core.helpers import (
    sha,
)


def _kinds(alerts: Alerts) -> dict[AlertKind, list[str]]:
    kinds: dict[AlertKind, list[str]] = {}
    for line in alerts.current():
        kinds.setdefault(line.alert.kind, []).append(line.alert.subject_id)
    return kinds


def test_an_urgent_ticket_alerts_the_grid_worker_once(territory) -> None:
    ticket = Tickets(territory.session("p1")).open(
        grid_id="g1", category="市政设施", title="井盖破损", urgent=True
    )
    mine = Alerts(territory.session("w1", NOW + timedelta(minutes=1)))
    assert _kinds(mine) == {AlertKind.URGENT_TICKET: [ticket.id]}
    assert _kinds(Alerts(territory.session("w2"))) == {}  # another grid
    assert _kinds(Alerts(territory.session("p1"))) == {}  # the reporter knows

    notify = mine.to_notify()
    assert [a.subject_id for a in notify] == [ticket.id]
    assert mine.mark(notify, MarkState.NOTIFIED) == 1
    assert mine.to_notify() == []  # notified once
    assert mine.mark(notify, MarkState.NOTIFIED) == 0  # a mark is made once
    assert [line.seen for line in mine.current()] == [False]  # still new in the centre
    assert mine.mark([line.alert for line in mine.current()], MarkState.SEEN) == 1
    assert [line.seen for line in mine.current()] == [True]

    marks = territory.store.query("SELECT id, alert_key, state FROM alert_mark")
    assert {(m["alert_key"], m["state"]) for m in marks} == {
        (f"urgent:{ticket.id}", "notified"),
        (f"urgent:{ticket.id}", "seen"),
    }
    assert {m["id"] for m in marks} == {
        mark_id("user-w1", f"urgent:{ticket.id}", s) for s in MarkState
    }
    pushed = territory.store.query("SELECT entity FROM outbox WHERE entity = 'alert_mark'")
    assert len(pushed) == 2  # synced to the worker's other terminals


def test_deadlines_escalations_and_dispatches(territory) -> None:
    worker = Tickets(territory.session("w1"))
    t = worker.open(grid_id="g1", category="环境卫生", title="垃圾堆积")
    # 23 h later the response deadline is within a day; 25 h later it is missed
    assert _kinds(Alerts(territory.session("w1", NOW + timedelta(hours=23)))) == {
        AlertKind.DUE_SOON: [t.id]
    }
    late = Alerts(territory.session("w1", NOW + timedelta(hours=25)))
    assert _kinds(late) == {AlertKind.OVERDUE: [t.id]}
    worker.act(t.id, "escalate", note="需社区协调")
    supervisor = Alerts(territory.session("s1", NOW + timedelta(minutes=5)))
    assert AlertKind.ESCALATED in _kinds(supervisor)
    Tickets(territory.session("s1")).act(t.id, "accept")
    Tickets(territory.session("s1")).act(t.id, "dispatch", department="城管")
    street = Alerts(territory.session("st1", NOW + timedelta(minutes=6)))
    assert AlertKind.DISPATCHED in _kinds(street)  # street staff also hold community tickets
    dispatcher = Alerts(territory.session("s1", NOW + timedelta(minutes=6)))
    assert AlertKind.DISPATCHED not in _kinds(dispatcher)  # who dispatched knows
    assert _kinds(Alerts(territory.session("w1", NOW + timedelta(minutes=6)))) == {}


def test_a_hazard_due_and_a_key_household_overdue(territory) -> None:
    hid = territory.household(key_reasons=json.dumps(["elderly_alone"]))
    overdue = Alerts(territory.session("w1"))
    assert _kinds(overdue) == {AlertKind.HOUSEHOLD_OVERDUE: [hid]}
    key = overdue.current()[0].alert.key
    # the same event the next day: the same alert
    again = Alerts(territory.session("w1", NOW + timedelta(days=1)))
    assert again.current()[0].alert.key == key
    assert _kinds(Alerts(territory.session("s1"))) == {}  # the grid's worker's, not the office's


def test_a_hazard_overdue_until_rectified_then_due_for_re_inspection(found) -> None:
    place, service, hazard = found
    late = datetime.combine(hazard.deadline + timedelta(days=2), time(9), LOCAL_TZ)
    eve = datetime.combine(hazard.deadline, time(9), LOCAL_TZ)

    def kinds(worker: str, at: datetime = late) -> dict[AlertKind, list[str]]:
        return _kinds(Alerts(place.session(worker, at)))

    assert kinds("s1", eve) == {AlertKind.DUE_SOON: [hazard.id]}  # due by the end of today
    assert kinds("s1") == {AlertKind.OVERDUE: [hazard.id]}
    stalls = PremisesRegister(place.session("i1", late))
    assert [m.overdue for m in stalls.markets()] == [1]
    service.rectify(hazard.id, photos=(sha("fixed"),))  # late, recorded by the inspector
    assert not service.hazard(hazard.id).is_overdue(late.date())  # rectified: no longer late
    assert [m.overdue for m in stalls.markets()] == [0]
    assert not any(p.overdue for p in stalls.market("m1"))
    assert kinds("s1") == {AlertKind.REINSPECT: [hazard.id]}
    assert kinds("i1") == {}  # who recorded the rectification knows
    first = Alerts(place.session("s1", late)).current()[0].alert.key

    service.reinspect(hazard.id, passed=False, note="插座仍松动")
    assert kinds("s1") == {AlertKind.OVERDUE: [hazard.id]}  # back to rectifying, still late
    service.rectify(hazard.id, photos=(sha("fixed2"),))
    again = Alerts(place.session("s1", late)).current()
    assert [line.alert.kind for line in again] == [AlertKind.REINSPECT]
    assert again[0].alert.key != first  # a new rectification: a new alert
    service.reinspect(hazard.id, passed=True, photos=(sha("after"),))
    assert kinds("s1") == {}
