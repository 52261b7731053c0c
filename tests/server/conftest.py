"""The real server under uvicorn on 127.0.0.1, once on SQLite and once on PostgreSQL.

PostgreSQL runs on a throwaway database made for this test session and dropped after it. It
is skipped only when it cannot be reached and ``CI`` is not set: under CI it must run.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import uvicorn
from sqlalchemy import Engine

from sync.server.app import create_app
from sync.server.db.engine import make_engine
from sync.server.db.migrate import upgrade
from sync.server.settings import Settings
from tests.server.helpers import Client

PG_ADMIN = os.environ.get("GRIDTERM_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


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


def _postgres_database() -> Iterator[str]:
    name = f"gridterm_test_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL is not reachable: {exc}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The live server on each backend."""
    root = tmp_path_factory.mktemp(request.param)
    if request.param == "sqlite":
        databases: Iterator[str] = iter([str(root / "server.db")])
    else:
        databases = _postgres_database()
    db_url = next(databases)
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
    for _ in databases:  # runs the PostgreSQL clean-up
        pass


@pytest.fixture
def pg_server(server: LiveServer) -> LiveServer:
    """The live server, for tests about PostgreSQL only."""
    if server.backend != "postgresql":
        pytest.skip("PostgreSQL only")
    return server
