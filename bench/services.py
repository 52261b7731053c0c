"""The processes a load bench runs: ``gridterm-server serve`` instances and HAProxy in front of
them, set up as deploy/haproxy-gridterm.cfg sets up production (docs/scaling.md)."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cpu import cpu_seconds  # noqa: E402
from tests.sync.cluster import KEEP_ALIVE, haproxy_binary, haproxy_config  # noqa: E402
from tests.sync.server_process import free_port, serve_argv  # noqa: E402


class Server:
    """A ``gridterm-server serve`` process."""

    def __init__(self, db: str, blob_dir: Path, workers: int, pool_size: int = 20) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        more = ("--workers", str(workers), "--pool-size", str(pool_size))
        self.proc = subprocess.Popen(
            serve_argv(db, self.port, blob_dir, *more),
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{self.url}/healthz", timeout=2).raise_for_status()
                return
            except httpx.HTTPError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.2)

    def cpu_seconds(self) -> float:
        """CPU time used so far by the server and its worker processes."""
        return cpu_seconds(self.proc.pid)

    def stop(self) -> None:
        """Stop the process."""
        self.proc.terminate()
        self.proc.wait(timeout=30)


@dataclass(frozen=True)
class Tuning:
    """How HAProxy shares the requests out (deploy/haproxy-gridterm.cfg's backend).

    ``maxconn`` requests at most go to one instance at once (0: no limit); the rest wait in
    HAProxy's queue, which costs nothing, instead of in the instance, where each waiting
    request is a thread contending for the GIL and a database connection. ``leastconn`` sends
    the next request to the instance with the fewest in progress, so a slow batch does not
    hold a queue behind it on one instance while the other is idle."""

    maxconn: int = 0
    balance: str = "leastconn"
    #: a request may wait this long in the queue (the terminal's own timeout is longer)
    queue_s: int = 120

    def defaults(self) -> str:
        """The lines of HAProxy's defaults section."""
        # The health check answers only once a thread and a database connection are free:
        # under a burst it took longer than the check interval, and HAProxy took both
        # instances out ("no server available") while they were merely busy.
        return (
            f"{KEEP_ALIVE}\n    timeout queue {self.queue_s}s\n    timeout server 120s"
            "\n    timeout check 10s"
        )

    def server_options(self) -> str:
        """What every ``server`` line says."""
        return f"maxconn {self.maxconn}" if self.maxconn else ""


class Balancer:
    """HAProxy on 127.0.0.1 in front of several servers (tests/sync/cluster.py's setup, with
    the connections to the instances kept alive as in production)."""

    def __init__(self, servers: list[Server], root: Path, tuning: Tuning) -> None:
        binary = haproxy_binary()
        if binary is None:
            raise SystemExit("haproxy is not installed (./dev setup installs it)")
        port, stats = free_port(), free_port()
        self.url = f"http://127.0.0.1:{port}"
        config = root / "haproxy.cfg"
        ports = [s.port for s in servers]
        text = haproxy_config(
            port, stats, ports, tuning.defaults(), tuning.balance, tuning.server_options()
        )
        config.write_text(text)
        self.proc = subprocess.Popen([binary, "-db", "-f", str(config)])
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{self.url}/healthz", timeout=2).raise_for_status()
                return
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError("haproxy did not start") from None
                time.sleep(0.1)

    def stop(self) -> None:
        """Stop HAProxy."""
        self.proc.terminate()
        self.proc.wait(timeout=10)


#: One TLS context for every terminal's client: httpx loads the CA bundle for each client
#: made without one (0.1 s of CPU apiece), though the bench speaks plain HTTP.
_TLS = ssl.create_default_context()


def terminal_client(url: str, timeout: float = 300) -> httpx.AsyncClient:
    """One terminal's HTTP client, with its own connection, as on a real device.

    One client shared by hundreds of concurrent requests made the load generator the
    bottleneck: httpcore scans its whole pool for every request it places and every
    connection it frees (``_assign_requests_to_connections``, ``is_idle``), which is quadratic
    in the requests at once — 200 pushes at once cost it 2.7–5.4 s of CPU, more than the
    servers' own."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    return httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits, verify=_TLS)
