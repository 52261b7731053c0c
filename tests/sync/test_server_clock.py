"""The server stamps every ticket step it receives; the 10-minute promise is measured on its
clock, so a terminal with a wrong clock neither breaks nor keeps it (real server)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gridterm.reports.local import LocalSource
from gridterm.reports.promise import first_response
from gridterm.services.session import Session
from gridterm.services.tickets import Tickets
from sync.server.db import schema
from sync.server.reports.rows import ServerSource
from tests.sync.conftest import make_terminal

TEN = timedelta(minutes=10)


def _stamps(server, ticket_id: str) -> dict[str, tuple[str, str | None]]:
    t = schema.ticket_transition
    with server.engine.connect() as conn:
        rows = conn.execute(
            t.select().where(t.c.ticket_id == ticket_id).order_by(t.c.at)
        ).mappings()
        return {r["action"]: (r["at"], r["server_at"]) for r in rows}


def test_a_wrong_clock_does_not_break_the_promise(tmp_path, server, district):
    behind = lambda: datetime.now(UTC) - timedelta(hours=3)  # noqa: E731 (a clock)
    a = make_terminal(tmp_path, district, "w1", server.url)
    b = make_terminal(tmp_path, district, "w2", server.url)
    try:
        a.sync()
        b.sync()
        a.engine.clock = behind
        reporter = Tickets(Session.login(a.store, a.worker_id, clock=behind))
        ticket = reporter.open(grid_id=district.grids["g1"], category="市政设施",
                               title="井盖破损", urgent=True)  # fmt: skip
        a.sync()
        b.sync()
        Tickets(b.session()).act(ticket.id, "accept")
        b.sync()
        a.sync()

        stamps = _stamps(server, ticket.id)
        report_at, report_server = stamps["report"]
        accept_at, accept_server = stamps["accept"]
        assert report_server is not None and accept_server is not None
        # the report is moved onto the server's clock; the right clock's acceptance is not
        shift = datetime.fromisoformat(report_server) - datetime.fromisoformat(report_at)
        assert timedelta(hours=2, minutes=59) < shift < timedelta(hours=3, minutes=1)
        assert accept_server == datetime.fromisoformat(accept_at).isoformat(timespec="milliseconds")

        now = datetime.now(UTC)
        # by the terminals' own clocks 3 hours passed; on the server's, seconds
        ids = [ticket.id]
        on_a = a.store.read(lambda r: LocalSource(r).steps(ids))
        row = a.store.read(lambda r: LocalSource(r).tickets(_area(r, a), "", "9"))
        mine = next(t for t in row if t.id == ticket.id)
        assert first_response(mine, on_a, now, TEN).kept is True
        unstamped = [type(s)(s.ticket_id, s.action, s.by_user, s.at) for s in on_a]
        assert first_response(mine, unstamped, now, TEN).kept is False
        with server.engine.connect() as conn:
            source = ServerSource(conn)
            assert first_response(mine, source.steps(ids), now, TEN).kept is True
    finally:
        a.close()
        b.close()


def _area(r, terminal):
    from gridterm.domain.users import ScopeLevel

    grid = r.scalar("SELECT grid_id FROM ticket LIMIT 1")
    return LocalSource(r).area(ScopeLevel.GRIDS, grid)
