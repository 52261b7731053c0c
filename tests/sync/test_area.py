"""The user's area: a grid reassigned away leaves the terminal at the next sync; work still
unsent in it is pushed first and lands (the server's reassignment grace), exactly once, and
the grid's next holder sees it; work the server no longer takes there is quarantined with its
fields, never silently dropped; a record the server refuses waits in the quarantine, is
corrected and resent, and blocks nothing."""

from __future__ import annotations

import threading

from gridterm.services.quarantine import Quarantine
from gridterm.services.register import Register
from sync.client import state
from sync.client.push import Pusher
from sync.client.retry import Retrier
from sync.client.stage import Stage
from sync.server.admin import users
from sync.server.db.engine import writing
from tests.sync.conftest import assert_exactly_once, record_visits, server_ids


def _count(t, table: str, where: str = "", params: tuple = ()) -> int:
    sql = f"SELECT count(*) AS n FROM {table}" + (f" WHERE {where}" if where else "")
    return t.store.query(sql, params)[0]["n"]


def _lost_pull(t, district, who: str = "w1") -> None:
    """The terminal pulls once but the answer never arrives (the removal was handed out)."""
    user_id = district.user_ids[who]
    cursor = state.get(t.store, state.cursor_key(user_id))
    params = {"limit": 1} | ({"cursor": cursor} if cursor else {})
    t.login.transport.call("GET", "/v1/sync/pull", token=t.login.token(), params=params)


def _refused_household(t, grid_id: str) -> str:
    """A new household in ``grid_id`` the server refuses (a room too long); returns its id."""
    building, unit = t.store.query(
        "SELECT building_id, unit_id FROM household WHERE grid_id = ? LIMIT 1", (grid_id,)
    )[0].values()
    household = "0190f000-0000-7000-8000-000000000001"
    t.store.write(
        lambda tx: tx.insert(
            "household",
            {
                "id": household,
                "grid_id": grid_id,
                "building_id": building,
                "unit_id": unit,
                "floor": 5,
                "room": "5" * 40,
                "address": "3-2-新",
            },
        )
    )
    return household


def test_work_synced_before_a_reassignment_is_kept_and_the_grid_leaves(
    server, district, proxy, new_terminal
):
    t = new_terminal(district, "w1", proxy.url)
    g2 = district.grids["g2"]
    ids = record_visits(t, district.households["g2"], 5)
    assert t.sync().ok  # pushed while g2 is still the worker's
    district.unassign("w1", "g2")
    report = t.sync()
    assert report.ok, report
    assert report.removed > 0
    assert sorted(server_ids(server, "visit", ids)) == sorted(ids)
    assert _count(t, "grid", "id = ?", (g2,)) == 0
    assert _count(t, "household", "grid_id = ?", (g2,)) == 0
    assert _count(t, "visit") == 0  # the g2 visits left with their grid
    assert _count(t, "household", "grid_id = ?", (district.grids["g1"],)) == 4
    assert t.session().user.grid_ids == frozenset({district.grids["g1"]})


def test_unsent_work_in_a_grid_taken_away_lands_once_then_the_grid_leaves(
    server, district, proxy, new_terminal
):
    t = new_terminal(district, "w1", proxy.url)
    g2 = district.grids["g2"]
    mine = record_visits(t, district.households["g1"], 3)
    late = record_visits(t, district.households["g2"], 2)
    Register(t.session()).edit_household(district.households["g2"][0], phone="13600000004")
    district.unassign("w1", "g2")  # while the terminal was offline
    report = t.sync()
    assert report.ok and report.rejected == 0, report
    assert Quarantine(t.session()).records() == []
    # recorded while g2 was the worker's: delivered (ids are keys: once) before it left
    assert sorted(server_ids(server, "visit", mine + late)) == sorted(mine + late)
    assert t.outbox_states() == {"confirmed": 6}
    assert _count(t, "grid", "id = ?", (g2,)) == 0
    assert _count(t, "household", "grid_id = ?", (g2,)) == 0
    assert _count(t, "visit") == 3
    # the grid's new holder sees the work that landed
    with writing(district.engine) as conn:
        users.assign(conn, district.worker("w2"), g2)
    newcomer = new_terminal(district, "w2", proxy.url)
    try:
        assert newcomer.sync().ok
        got = newcomer.store.query(
            "SELECT id FROM visit WHERE household_id IN (SELECT id FROM household"
            " WHERE grid_id = ?)",
            (g2,),
        )
        assert {r["id"] for r in got} >= set(late)
        phone = newcomer.store.query(
            "SELECT phone FROM household WHERE id = ?", (district.households["g2"][0],)
        )
        assert phone == [{"phone": "13600000004"}]
    finally:
        newcomer.close()
    again = t.sync()  # nothing left to do, nothing sent twice
    assert again.ok and again.pushed == 0 and again.duplicates == 0


def test_work_on_a_terminal_that_already_pulled_the_removal_is_quarantined(
    server, district, proxy, new_terminal
):
    t = new_terminal(district, "w1", proxy.url)
    mine = record_visits(t, district.households["g1"], 3)
    lost_grid = record_visits(t, district.households["g2"], 2)
    district.unassign("w1", "g2")
    _lost_pull(t, district)  # the removal reached the device, its answer did not: no grace
    report = t.sync()
    assert sorted(server_ids(server, "visit", mine)) == sorted(mine)
    assert server_ids(server, "visit", lost_grid) == []
    assert report.error is None and report.rejected == 2 and not report.ok
    held = Quarantine(t.session()).records()
    assert {(q.entity_id, q.reason) for q in held} == {(v, "scope.grid_outside") for v in lost_grid}
    assert all(q.fields for q in held)  # nothing written is lost
    assert _count(t, "household", "grid_id = ?", (district.grids["g2"],)) == 0


def test_a_refused_record_is_quarantined_corrected_and_resent(
    server, district, proxy, new_terminal
):
    t = new_terminal(district, "w1", proxy.url)
    before = record_visits(t, district.households["g1"], 3)
    household = district.households["g1"][2]
    # a write the server refuses (a phone number an older app let through)
    t.store.write(lambda tx: tx.update("household", household, {"phone": "12-34"}))
    after = record_visits(t, district.households["g1"], 3)
    report = t.sync()
    assert report.error is None and report.rejected == 1
    assert sorted(server_ids(server, "visit", before + after)) == sorted(before + after)
    (held,) = Quarantine(t.session()).records()
    assert held.field == "phone" and held.fields == {"phone": "12-34"}

    Quarantine(t.session()).resend(held.op_id)  # as it was: refused again, nothing else affected
    again = t.sync()
    assert again.rejected == 1
    (held,) = Quarantine(t.session()).records()
    Quarantine(t.session()).correct(held.op_id, {"phone": "13512345678"})
    fixed = t.sync()
    assert fixed.ok, fixed
    assert Quarantine(t.session()).records() == []
    states = t.outbox_states()
    assert states == {"confirmed": 7}
    assert t.store.query("SELECT phone FROM household WHERE id = ?", (household,)) == [
        {"phone": "13512345678"}
    ]


def test_records_after_a_quarantined_one_are_confirmed_exactly_once(
    server, district, proxy, new_terminal
):
    t = new_terminal(district, "w1", proxy.url)
    ids = record_visits(t, district.households["g1"], 40)
    t.store.write(lambda tx: tx.update("household", district.households["g1"][0], {"address": "x"}))
    ids += record_visits(t, district.households["g1"], 40)
    report = t.sync()
    assert report.rejected == 1 and report.confirmed == 80
    (held,) = Quarantine(t.session()).records()
    t.store.write(
        lambda tx: tx.execute("DELETE FROM outbox WHERE op_id = ?", (held.op_id,))
    )  # the worker gave the bad edit up
    assert_exactly_once(server, t, ids)


def test_an_op_outside_the_area_is_rejected_alone_and_the_rest_lands(
    server, district, proxy, new_terminal
):
    """The area changed after the sync asked for it and the grace is over: the server rejects
    the op outside (per op; a batch of nothing but such ops is refused whole with 403 and
    split); the terminal quarantines only it and the rest lands."""
    t = new_terminal(district, "w1", proxy.url)
    ids = record_visits(t, district.households["g1"], 30)
    outside = record_visits(t, district.households["g2"], 1)
    ids += record_visits(t, district.households["g1"], 30)
    district.unassign("w1", "g2")
    _lost_pull(t, district)
    before = proxy.connections
    pusher = Pusher(
        Stage(
            t.store,
            t.login.transport,
            t.login,
            t.engine.settings,
            Retrier(2, 1.0, threading.Event()),
        ),
        area=lambda fresh: None,  # as if the area were not known in advance
    )
    stats = pusher.push_all()
    assert stats.acks.rejected == 1 and stats.acks.confirmed == 60
    (held,) = Quarantine(t.session()).records()
    assert (held.entity_id, held.reason) == (outside[0], "scope.grid_outside")
    assert sorted(server_ids(server, "visit", ids)) == sorted(ids)
    assert proxy.connections - before <= 2  # splitting reuses the connection


def test_an_op_the_server_defers_waits_a_few_syncs_then_goes_to_quarantine(
    server, district, proxy, new_terminal
):
    t = new_terminal(district, "w1", proxy.url)
    household = _refused_household(t, district.grids["g1"])
    (visit,) = record_visits(t, [household], 1)
    others = record_visits(t, district.households["g1"], 2)
    for attempt in (1, 2):
        report = t.sync()
        assert report.deferred == 1, (attempt, report)  # once per sync, however often
        state = t.store.query("SELECT state FROM outbox WHERE entity_id = ?", (visit,))
        assert state == [{"state": "pending"}]
    report = t.sync()
    assert report.deferred == 0 and report.rejected == 1
    held = {q.entity_id: q.reason for q in Quarantine(t.session()).records()}
    assert held[visit] == "ref.missing" and household in held
    assert sorted(server_ids(server, "visit", others)) == sorted(others)


def test_work_still_unsettled_when_its_grid_leaves_is_quarantined_and_reported(
    server, district, proxy, new_terminal
):
    """A visit the server keeps deferring (its household was refused) is still unsent when
    the grid is reassigned away: the sync quarantines it with its fields as the grid leaves,
    and the report counts it as refused, so the worker is told."""
    t = new_terminal(district, "w1", proxy.url)
    g2 = district.grids["g2"]
    household = _refused_household(t, g2)
    (visit,) = record_visits(t, [household], 1)
    first = t.sync()
    assert (first.rejected, first.deferred) == (1, 1), first  # the household; the visit
    district.unassign("w1", "g2")
    report = t.sync()
    assert report.removed > 0 and not report.ok
    assert report.rejected == 1, report  # the visit, quarantined as g2 left
    held = {q.entity_id: q.reason for q in Quarantine(t.session()).records()}
    assert held[visit] == "scope.grid_outside" and household in held
    assert _count(t, "household", "grid_id = ?", (g2,)) == 0
    assert server_ids(server, "visit", [visit]) == []
