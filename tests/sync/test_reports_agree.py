"""Terminals sync to the real server; the supervisor's terminal and the server then report the
same day and month of the same area with the same figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from gridterm.domain.rounds import Location
from gridterm.reports.export.json_out import daily_json, monthly_json
from gridterm.services.register import Register
from gridterm.services.reports import Reports
from gridterm.services.rounds import Rounds
from gridterm.services.session import Session
from gridterm.services.tickets import Tickets
from gridterm.services.visits import Visits
from sync.server.auth.scope import principal_for
from sync.server.db import schema
from sync.server.reports.service import compute
from tests.clock import local_day, work_moment
from tests.sync.conftest import make_terminal

#: What differs by nature between two reports made at different moments on different sides.
VOLATILE = ("generated_at", "data_as_of", "last_sync")


def _figures(data: object) -> object:
    if isinstance(data, dict):
        return {k: _figures(v) for k, v in data.items() if k not in VOLATILE}
    if isinstance(data, list):
        return [_figures(v) for v in data]
    return data


def _session(terminal, shift: timedelta) -> Session:
    """The terminal's user, on a clock ``shift`` from now."""
    return Session(terminal.store, terminal.session().user, clock=lambda: datetime.now(UTC) + shift)


def _work(terminal, households: list[str], urgent: bool, shift: timedelta) -> None:
    """A morning's work, its clock ``shift`` from now (the span stays on one local day)."""
    session = _session(terminal, shift)
    Rounds(session).check("in", Location(30.55, 114.30, 10.0))
    Register(session).edit_household(households[0], key_reasons=["elderly_alone"])
    visits = Visits(session)
    for i, hid in enumerate(households[:3]):
        visits.record(
            household_id=hid,
            visited_at=session.now() - timedelta(minutes=40 - i),
            visit_type="key_group_care" if i == 0 else "routine",
            outcome="settled" if i == 1 else "nothing_raised",
            concerns=[{"kind": "need", "text": "楼道灯不亮", "category": "物业管理"}]
            if i == 1
            else [],
        )
    ticket = Tickets(session).open(
        grid_id=_grid_of(terminal, households[0]), category="市政设施", title="井盖破损",
        urgent=urgent,
    )  # fmt: skip
    Tickets(_session(terminal, shift + timedelta(minutes=3))).act(ticket.id, "accept")


def _grid_of(terminal, household_id: str) -> str:
    return terminal.store.query("SELECT grid_id FROM household WHERE id = ?", (household_id,))[0][
        "grid_id"
    ]


def test_terminal_and_server_reports_agree(tmp_path, server, district) -> None:
    w1 = make_terminal(tmp_path, district, "w1", server.url)
    w2 = make_terminal(tmp_path, district, "w2", server.url)
    boss = make_terminal(tmp_path, district, "s1", server.url)
    try:
        for t in (w1, w2):
            assert t.sync().ok
        at = work_moment()
        shift = at - datetime.now(UTC)
        _work(w1, district.households["g2"], urgent=True, shift=shift)
        _work(w2, district.households["g1"], urgent=False, shift=shift)
        # the same notes edited on both terminals: one refused value, open on both sides
        shared = district.households["g1"][-1]
        Register(_session(w1, shift)).edit_household(shared, notes="w1的备注")
        Register(_session(w2, shift)).edit_household(shared, notes="w2的备注")
        for t in (w1, w2):
            report = t.sync()
            assert report.ok and report.confirmed > 0, report
        assert boss.sync().ok
        today = local_day(at)
        reports = Reports(boss.session())
        local_daily = reports.daily(today)
        local_monthly = reports.monthly(today[:7])
        assert local_daily.totals.visits == 6 and local_daily.totals.urgent == 1
        with server.engine.connect() as conn:
            row = conn.execute(
                select(schema.user).where(schema.user.c.worker_id == district.worker("s1"))
            ).one()
            user = principal_for(conn, row, "").user
            now = datetime.now(UTC)
            server_daily = compute(conn, user, "daily", today, None, None, now)
            server_monthly = compute(conn, user, "monthly", today[:7], None, None, now)
        assert _figures(daily_json(local_daily)) == _figures(daily_json(server_daily))
        assert local_daily.conflicts_open == server_daily.conflicts_open == 1
        assert _figures(monthly_json(local_monthly)) == _figures(monthly_json(server_monthly))
        # the terminal says its data is as of its last sync; the server knows each device's
        assert local_daily.data_as_of is not None
        assert all(
            d.worker.last_sync
            for d in server_daily.workers
            if d.worker.worker_id != district.worker("s1")
        )
    finally:
        for t in (w1, w2, boss):
            t.close()
