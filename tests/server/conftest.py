"""The real server under uvicorn on 127.0.0.1, once on SQLite and once on PostgreSQL.

PostgreSQL runs on a throwaway database made for this test session and dropped after it
(tests/postgres.py).
"""

from __future__ import annotations

import socket
import threading
import time
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import Engine

from sync.server.app import create_app
from sync.server.db.engine import make_engine
from sync.server.db.migrate import upgrade
from sync.server.settings import Settings
from tests.postgres import throwaway_database
from tests.server.helpers import Client, District, build_district
from tests.server.market import open_market


@dataclass
class LiveServer:
    """A running server and a second engine on its database for set-up and checks."""

    backend: str
    url: str
    engine: Engine
    blob_dir: Path

    def client(self) -> Client:
        """An HTTP client for this server."""
        return Client(self.url)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The live server on each backend."""
    root = tmp_path_factory.mktemp(request.param)
    databases: AbstractContextManager[str] = (
        nullcontext(str(root / "server.db")) if request.param == "sqlite" else throwaway_database()
    )
    db_url = databases.__enter__()
    engine = make_engine(db_url, pool_size=4)
    upgrade(engine)  # what `gridterm-server migrate` does
    settings = Settings(db_url=db_url, blob_dir=root / "blobs", pool_size=20)
    app = create_app(settings)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    yield LiveServer(request.param, f"http://127.0.0.1:{port}", engine, settings.blob_dir)
    uv.should_exit = True
    thread.join(timeout=10)
    app.state.engine.dispose()
    engine.dispose()
    databases.__exit__(None, None, None)  # drops the PostgreSQL database


@pytest.fixture
def pg_server(server: LiveServer) -> LiveServer:
    """The live server, for tests about PostgreSQL only."""
    if server.backend != "postgresql":
        pytest.skip("PostgreSQL only")
    return server


@pytest.fixture
def district(server: LiveServer) -> District:
    """A fresh district on the live server (a test file may define its own, with other sizes)."""
    return build_district(server.url, server.engine)


@pytest.fixture
def market(server: LiveServer) -> tuple[District, Client, str]:
    """A fresh district, its market inspector logged in, and one premises in market m1."""
    return open_market(server)


@pytest.fixture(scope="module")
def terminal(server: LiveServer):
    """A grid worker's enrolled terminal in a fresh district, shared by a test module (the
    security tests use it too)."""
    d = build_district(server.url, server.engine, households_per_grid=1)
    c = d.client("grid_worker")
    yield d, c
    c.close()
