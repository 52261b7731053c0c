"""Shared by the sync tests: the server's rows as plain dicts, the terminal's command line
run as a worker would, and the pull stage alone."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from sync.client.pull import Puller
from sync.client.retry import Retrier
from sync.client.stage import Stage
from sync.server.db import schema
from tests.sync.district import PIN
from tests.sync.server_process import ROOT, ServerProcess

if TYPE_CHECKING:
    from tests.sync.conftest import Terminal


def server_rows(server: ServerProcess, table: str, **where: Any) -> list[dict[str, Any]]:
    """The rows of a server table matching ``where``, each as a dict."""
    t = schema.metadata.tables[table]
    query = select(t)
    for name, value in where.items():
        query = query.where(t.c[name] == value)
    with server.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def gridterm(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m gridterm ARGS`` in a child process, the PIN in its environment."""
    return subprocess.run(
        [sys.executable, "-m", "gridterm", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "GRIDTERM_PIN": PIN},
        capture_output=True,
        text=True,
        timeout=120,
    )


def puller(terminal: Terminal, user_id: str) -> Puller:
    """The pull stage of ``terminal`` alone, as when its push was deferred."""
    retrier = Retrier(2, 1.0, threading.Event())
    stage = Stage(
        terminal.store, terminal.login.transport, terminal.login, terminal.engine.settings, retrier
    )
    return Puller(stage, user_id=user_id)
