"""The production HAProxy configuration (deploy/haproxy-gridterm.cfg) as shipped: HAProxy
accepts it, and with its ports and certificate moved to a test's own it terminates TLS in
front of two real ``gridterm-server serve`` instances, sends plain HTTP to HTTPS and refuses
bodies over the 8 MiB a request may carry."""

from __future__ import annotations

import http.client
import os
import re
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.security.tls_server import make_pki
from tests.sync.cluster import Cluster, haproxy_binary
from tests.sync.server_process import ROOT, free_port

CONFIG = ROOT / "deploy" / "haproxy-gridterm.cfg"
SHIPPED_PEM = "/etc/ssl/gridterm/gridterm.pem"

pytestmark = pytest.mark.skipif(
    haproxy_binary() is None and not os.environ.get("CI"),
    reason="haproxy is not installed (./dev setup installs it)",
)


def _pem(folder: Path) -> tuple[Path, Path]:
    """HAProxy's one PEM (certificate, then key) for 127.0.0.1, and the CA that signed it."""
    pki = make_pki(folder)
    pem = folder / "gridterm.pem"
    pem.write_bytes(pki.cert_pem.read_bytes() + pki.key_pem.read_bytes())
    return pem, pki.ca_pem


def _check(config: Path) -> subprocess.CompletedProcess[str]:
    binary = haproxy_binary()
    assert binary
    return subprocess.run([binary, "-c", "-f", str(config)], capture_output=True, text=True)


def test_haproxy_accepts_the_shipped_configuration(tmp_path: Path) -> None:
    pem, _ = _pem(tmp_path)
    config = tmp_path / "haproxy.cfg"
    config.write_text(CONFIG.read_text().replace(SHIPPED_PEM, str(pem)))
    checked = _check(config)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_broken_configuration_is_refused(tmp_path: Path) -> None:
    # the check above can fail: HAProxy refuses a config naming a balance it does not know
    pem, _ = _pem(tmp_path)
    config = tmp_path / "haproxy.cfg"
    text = CONFIG.read_text().replace(SHIPPED_PEM, str(pem))
    config.write_text(text.replace("balance leastconn", "balance fastest"))
    assert _check(config).returncode != 0


class Deployed(Cluster):
    """The shipped configuration on loopback ports in front of two instances on one database."""

    def __init__(self, root: Path) -> None:
        super().__init__(root, str(root / "server.db"), count=2)
        self.pem, self.ca = _pem(root)
        self.https = free_port()

    @property
    def http(self) -> int:
        """The plain-HTTP port (the shipped file's :80)."""
        return self.port

    def server_names(self) -> list[str]:
        return ["i1", "i2"]

    def config_text(self) -> str:
        text = CONFIG.read_text()
        text = re.sub(r"^\s+(user|group|daemon|log /dev/log).*\n", "", text, flags=re.M)
        text = re.sub(r"^\s+bind :::\d+.*\n", "", text, flags=re.M)
        text = text.replace("bind :80", f"bind 127.0.0.1:{self.port}")
        text = text.replace("bind :443", f"bind 127.0.0.1:{self.https}")
        text = text.replace("127.0.0.1:8404", f"127.0.0.1:{self.stats_port}")
        text = text.replace(SHIPPED_PEM, str(self.pem))
        for n, instance in enumerate(self.instances, start=1):
            text = text.replace(f"127.0.0.1:{8079 + n}", f"127.0.0.1:{instance.port}")
        return text


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployed]:
    d = Deployed(tmp_path_factory.mktemp("deployed"))
    d.start()
    yield d
    d.stop()


def test_terminals_reach_both_instances_over_tls(deployed: Deployed) -> None:
    url = f"https://127.0.0.1:{deployed.https}/healthz"
    with requests.Session() as s:
        for _ in range(20):
            # a new connection each time: leastconn spreads connections, not requests
            answer = s.get(url, verify=str(deployed.ca), timeout=5, headers={"Connection": "close"})
            assert answer.status_code == 200
            assert answer.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert all(n > 0 for n in deployed.requests_per_instance()), deployed.requests_per_instance()


def test_plain_http_is_sent_to_https(deployed: Deployed) -> None:
    answer = requests.get(
        f"http://127.0.0.1:{deployed.http}/healthz", allow_redirects=False, timeout=5
    )
    assert answer.status_code == 301
    assert answer.headers["Location"].startswith("https://")


def test_a_body_over_8_mib_is_refused_before_an_instance(deployed: Deployed) -> None:
    before = sum(deployed.requests_per_instance())
    # the headers alone: HAProxy answers from Content-Length before any of the body arrives
    context = ssl.create_default_context(cafile=str(deployed.ca))
    connection = http.client.HTTPSConnection("127.0.0.1", deployed.https, context=context)
    connection.putrequest("POST", "/sync/push")
    connection.putheader("Content-Length", str(8 * 1024 * 1024 + 1))
    connection.endheaders()
    assert connection.getresponse().status == 413
    connection.close()
    assert sum(deployed.requests_per_instance()) == before
