"""Several server instances behind a real load balancer (HAProxy) on one PostgreSQL.

Each instance is a ``gridterm-server serve`` process of its own on 127.0.0.1; they share the
database and the blob folder, as docs/scaling.md describes for a street office that outgrows
one process. HAProxy spreads requests round-robin, one request per connection, so the same
terminal lands on different instances within one sync, and retries a request whose instance
died before answering on another one (``option redispatch``).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import requests

from tests.sync.server_process import ServerProcess, free_port

HAPROXY_CONFIG = """\
global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    retries 3
    option redispatch 1
    {connection}
frontend gridterm
    bind 127.0.0.1:{port}
    default_backend instances
frontend stats
    bind 127.0.0.1:{stats_port}
    stats enable
    stats uri /stats
backend instances
    balance {balance}
    option httpchk GET /healthz
    default-server inter 500ms fall 2 rise 1
{servers}
"""


#: One request per connection to the instances: a terminal's requests spread over them.
SPREAD = "option http-server-close"
#: Connections to the instances kept open: what a production balancer does (the bench).
KEEP_ALIVE = "option http-keep-alive"


def haproxy_config(
    port: int,
    stats_port: int,
    backends: list[int],
    connection: str,
    balance: str = "roundrobin",
    server_options: str = "",
) -> str:
    """HAProxy's configuration for instances listening on ``backends`` ports; ``connection``
    goes in its defaults, ``server_options`` on every server line (e.g. ``maxconn 4``)."""
    servers = "\n".join(
        f"    server i{i} 127.0.0.1:{p} check {server_options}".rstrip()
        for i, p in enumerate(backends)
    )
    return HAPROXY_CONFIG.format(
        port=port, stats_port=stats_port, servers=servers, connection=connection, balance=balance
    )


def haproxy_binary() -> str | None:
    """The haproxy executable (Debian's package, installed by ./dev setup), or None."""
    return shutil.which("haproxy") or (
        "/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None
    )


class Cluster:
    """``count`` instances on ``db_url`` with one blob folder, and HAProxy in front."""

    def __init__(self, root: Path, db_url: str, count: int = 2) -> None:
        self.root = root
        self.blob_dir = root / "shared-blobs"
        self.instances = [
            ServerProcess(root / f"instance{i}", db_url=db_url, blob_dir=self.blob_dir)
            for i in range(count)
        ]
        self.port = free_port()
        self.stats_port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The load balancer's address: what terminals are given."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def engine(self):
        return self.instances[0].engine

    def start(self) -> None:
        """Start every instance, then HAProxy, and wait until it sees them all up."""
        for instance in self.instances:
            instance.start()
        binary = haproxy_binary()
        assert binary, "haproxy is not installed (./dev setup installs it)"
        config = self.root / "haproxy.cfg"
        config.write_text(self.config_text())
        log = (self.root / "haproxy.log").open("ab")
        self.proc = subprocess.Popen([binary, "-db", "-f", str(config)], stdout=log, stderr=log)
        self.wait_until(lambda: self.up() == len(self.instances))

    def config_text(self) -> str:
        """HAProxy's configuration in front of the instances."""
        ports = [s.port for s in self.instances]
        return haproxy_config(self.port, self.stats_port, ports, SPREAD)

    def server_names(self) -> list[str]:
        """The configuration's name of each instance, in order."""
        return [f"i{i}" for i in range(len(self.instances))]

    def requests_per_instance(self) -> list[int]:
        """How many requests HAProxy has sent to each instance (its CSV statistics)."""
        rows = self._stats()
        return [int(rows[name]["stot"] or 0) for name in self.server_names()]

    def up(self) -> int:
        """How many instances HAProxy's health checks see up."""
        try:
            rows = self._stats()
        except requests.RequestException:
            return 0
        return sum(1 for name in self.server_names() if rows[name]["status"] == "UP")

    def _stats(self) -> dict[str, dict[str, str]]:
        text = requests.get(f"http://127.0.0.1:{self.stats_port}/stats;csv", timeout=2).text
        header, *lines = text.strip().splitlines()
        names = header.lstrip("# ").split(",")
        rows = [dict(zip(names, line.split(","), strict=False)) for line in lines]
        return {r["svname"]: r for r in rows if r["pxname"] == "instances"}

    @staticmethod
    def wait_until(condition, timeout: float = 20) -> None:
        """Poll ``condition`` until it holds."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the cluster did not get there")
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop HAProxy and every instance."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=5)
        for instance in self.instances:
            instance.stop()
