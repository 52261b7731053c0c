"""The terminal's HTTP and its environment: proxies and ``no_proxy`` are honoured as they were
when the transport was made, and a ``.netrc`` on the tablet never replaces the terminal's own
credentials (requests would otherwise send the netrc's Basic login instead of the bearer
token, and read the file again on every request)."""

from __future__ import annotations

import pytest

from sync.client.errors import Unreachable
from sync.client.transport import Transport
from tests.sync.conftest import make_terminal
from tests.sync.server_process import free_port


def test_a_netrc_for_the_server_does_not_replace_the_terminal_token(
    tmp_path, monkeypatch, district, server
):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password something\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    terminal = make_terminal(tmp_path, district, "w1", server.url)
    try:
        report = terminal.sync()
    finally:
        terminal.close()
    assert report.ok, report


def test_a_proxy_in_the_environment_carries_the_requests(monkeypatch, server):
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{free_port()}")  # nobody listens
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    behind_proxy = Transport(server.url, connect_timeout=2)
    try:
        with pytest.raises(Unreachable):
            behind_proxy.call("GET", "/healthz")
    finally:
        behind_proxy.close()


def test_no_proxy_names_the_hosts_reached_directly(monkeypatch, server):
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    direct = Transport(server.url, connect_timeout=2)
    try:
        assert direct.call("GET", "/healthz").status_code == 200
    finally:
        direct.close()
