"""A ``gridterm-server serve`` process for tests that run the command as an operator does."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path, *flags: str, env: dict[str, str] | None = None) -> Iterator[tuple]:
    """A ``serve`` process on a free port; yields (base URL, process); its stderr is in
    ``process.log`` after the block."""
    port = free_port()
    argv = [sys.executable, "-m", "sync.server.cli", "serve", "--db", str(db)]
    argv += ["--port", str(port), "--blob-dir", str(db.parent / "blobs"), *flags]
    proc = subprocess.Popen(
        argv,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{url}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.2)
        yield url, proc
    finally:
        proc.terminate()
        proc.log = proc.communicate(timeout=20)[1]
