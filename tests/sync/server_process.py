"""The real sync server as a child process on 127.0.0.1, so a test can kill it mid-request and
start it again on the same port and database (SQLite by default; several instances may share
one PostgreSQL database and one blob folder, as behind a load balancer)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from sqlalchemy import Engine

from sync.server.db.engine import make_engine
from sync.server.db.migrate import upgrade

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_argv(db_url: str, port: int, blob_dir: Path, *more: str) -> list[str]:
    """The command line of ``gridterm-server serve`` on 127.0.0.1:``port`` (``more``: its
    other options), run by this Python."""
    serve = ["serve", "--db", db_url, "--port", str(port), "--blob-dir", str(blob_dir), *more]
    return [sys.executable, "-m", "sync.server.cli", *serve]


class ServerProcess:
    """``gridterm-server serve`` on a database (a SQLite file under ``root`` unless ``db_url``
    names another), plus an engine on it for set-up and checks."""

    def __init__(self, root: Path, db_url: str | None = None, blob_dir: Path | None = None) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.db_path = root / "server.db"
        self.db_url = db_url or str(self.db_path)
        self.blob_dir = blob_dir or root / "blobs"
        self.port = free_port()
        self.log = (root / "server.log").open("ab")
        self.engine: Engine = make_engine(self.db_url, pool_size=2)
        upgrade(self.engine)
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's own address (no proxy)."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start and wait until /healthz answers."""
        self.proc = subprocess.Popen(
            serve_argv(self.db_url, self.port, self.blob_dir),
            cwd=ROOT,
            stdout=self.log,
            stderr=self.log,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.05)
        raise RuntimeError("the server did not start")

    def kill(self) -> None:
        """SIGKILL: a crash, no clean shutdown."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        """Stop (SIGTERM, then SIGKILL) and release the database engine."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.kill()
        self.engine.dispose()
        self.log.close()

    def __enter__(self) -> ServerProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
