"""Fixtures: the real server as a child process, a district per test, terminals that enroll
through the engine's own code, and the fault-injecting proxy between them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from gridterm.services.session import Session
from gridterm.store import Store
from gridterm.store.keys import FAST_KDF
from sync.client.auth import Login, enroll, first_login, load_device, sign_in
from sync.client.engine import SyncEngine
from sync.client.report import SyncReport
from sync.client.settings import SyncSettings
from sync.client.transport import READ_TIMEOUT, Transport
from sync.server.db import schema
from tests.sync import district as districts
from tests.sync import market as markets
from tests.sync.district import PIN, Area, District
from tests.sync.market import Market
from tests.sync.proxy import FaultProxy
from tests.sync.server_process import ServerProcess

#: Quick retries: the tests wait for real backoff, so keep it short but real.
FAST = SyncSettings(max_wait_s=2.0, attempts=8)


@dataclass
class Terminal:
    """One enrolled terminal with a signed-in worker."""

    path: Path
    store: Store
    login: Login
    engine: SyncEngine
    worker_id: str

    def sync(self) -> SyncReport:
        """One sync run."""
        return self.engine.run()

    def session(self) -> Session:
        """The worker's session (after a first sync brought their user row)."""
        return Session.login(self.store, self.worker_id)

    def outbox_states(self) -> dict[str, int]:
        """Outbox rows per state."""
        return {
            r["state"]: r["n"]
            for r in self.store.query("SELECT state, count(*) AS n FROM outbox GROUP BY state")
        }

    def close(self) -> None:
        """Close the store and the connections."""
        self.login.transport.close()
        self.store.close()


def make_terminal(
    tmp_path: Path,
    district: Area,
    who: str,
    url: str,
    *,
    name: str | None = None,
    settings: SyncSettings = FAST,
    read_timeout: float | None = None,
) -> Terminal:
    """Enroll a terminal through ``url`` and sign ``who`` in (the same path as the app)."""
    path = tmp_path / (name or who) / "gridterm.db"
    device = enroll(url, district.code(), "test")
    store = first_login(path, device, district.worker(who), PIN, kdf=FAST_KDF)
    return open_terminal(
        path, district, who, url, store=store, settings=settings, read_timeout=read_timeout
    )


def open_terminal(
    path: Path,
    district: Area,
    who: str,
    url: str,
    *,
    store: Store | None = None,
    settings: SyncSettings = FAST,
    read_timeout: float | None = None,
) -> Terminal:
    """A terminal over an existing database (a restart)."""
    store = store or sign_in(path, district.worker(who), PIN)
    device = load_device(store, url)
    transport = Transport(url, read_timeout=read_timeout or READ_TIMEOUT)
    login = Login(store, transport, device, district.worker(who), PIN)
    return Terminal(path, store, login, SyncEngine(store, login, settings), district.worker(who))


def synced_terminal(
    tmp_path: Path, district: Area, who: str, url: str, name: str | None = None, **options: Any
) -> Terminal:
    """``make_terminal`` (``options``: its settings and read timeout) and its first sync,
    which must succeed (it brings the snapshot)."""
    t = make_terminal(tmp_path, district, who, url, name=name, **options)
    first = t.sync()
    assert first.ok, first
    return t


@pytest.fixture
def new_terminal(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """``synced_terminal`` on this test's folder (the arguments after ``tmp_path``), or with
    ``synced=False`` ``make_terminal``; every terminal it opened is closed when the test ends."""
    opened: list[Terminal] = []

    def open_new(*args: Any, synced: bool = True, **kwargs: Any) -> Terminal:
        opened.append((synced_terminal if synced else make_terminal)(tmp_path, *args, **kwargs))
        return opened[-1]

    yield open_new
    for t in opened:
        t.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One server process for the session (tests that restart it make their own)."""
    s = ServerProcess(tmp_path_factory.mktemp("server"))
    s.start()
    yield s
    s.stop()


@pytest.fixture
def district(server: ServerProcess) -> District:
    """A fresh district on the session's server."""
    return districts.build(server.engine)


@pytest.fixture
def market(server: ServerProcess) -> Market:
    """A fresh market district (tests/sync/market.py) on the session's server."""
    return markets.build(server.engine)


@pytest.fixture
def proxy(server: ServerProcess) -> Iterator[FaultProxy]:
    """A proxy in front of the session's server."""
    p = FaultProxy(server.port)
    yield p
    p.close()


def count_rows(server: ServerProcess, table: str, **where: str) -> int:
    """Rows of a server table matching ``where``."""
    t = schema.metadata.tables[table]
    query = select(func.count()).select_from(t)
    for name, value in where.items():
        query = query.where(t.c[name] == value)
    with server.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def server_ids(server: ServerProcess, table: str, ids: list[str]) -> list[str]:
    """Which of ``ids`` the server holds, with repeats if any were stored twice."""
    t = schema.metadata.tables[table]
    found: list[str] = []
    with server.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            found += conn.execute(select(t.c.id).where(t.c.id.in_(ids[i : i + 500]))).scalars()
    return found


def record_visits(terminal: Terminal, households: list[str], n: int) -> list[str]:
    """Record ``n`` visits through the app's own service, spread over ``households``."""
    from gridterm.services.visits import Visits

    visits = Visits(terminal.session())
    return [
        visits.record(
            household_id=households[i % len(households)],
            visited_at="2026-11-20T09:30:00+08:00",
            visit_type="routine",
            outcome="nothing_raised",
            notes=f"第{i}次走访",
        ).id
        for i in range(n)
    ]


def assert_exactly_once(server: ServerProcess, terminal: Terminal, ids: list[str]) -> None:
    """The server holds every recorded visit once, applied once, none extra; the terminal
    shows every record confirmed."""
    assert sorted(server_ids(server, "visit", ids)) == sorted(ids)
    op_ids = [
        r["op_id"] for r in terminal.store.query("SELECT op_id FROM outbox WHERE entity = 'visit'")
    ]
    assert len(op_ids) == len(ids)
    t = schema.applied_op
    with server.engine.connect() as conn:
        applied = 0
        for i in range(0, len(op_ids), 500):
            applied += conn.execute(
                select(func.count()).select_from(t).where(t.c.op_id.in_(op_ids[i : i + 500]))
            ).scalar_one()
        households = terminal.store.query("SELECT DISTINCT household_id FROM visit")
        v = schema.visit
        on_server = conn.execute(
            select(func.count())
            .select_from(v)
            .where(v.c.household_id.in_([h["household_id"] for h in households]))
        ).scalar_one()
    assert applied == len(ids)
    assert on_server == len(ids)
    assert terminal.outbox_states() == {"confirmed": len(ids)}
