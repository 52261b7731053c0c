"""The security tests reuse the live servers of the server tests (SQLite and PostgreSQL) and
their enrolled grid worker's terminal; tests of the terminal's sync run it against the server
as a child process, as tests/sync does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.server.conftest import server, terminal  # noqa: F401  (the fixtures, for this folder)
from tests.sync.server_process import ServerProcess


@pytest.fixture(scope="module")
def sync_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """``gridterm-server serve`` on 127.0.0.1 for the terminals of one module."""
    with ServerProcess(tmp_path_factory.mktemp("server")) as s:
        yield s
