"""A certificate problem is told apart from an unreachable server, a street office's own CA
is trusted when configured, and a pinned certificate must match (issue 16, item 6)."""

from __future__ import annotations

import socket

import pytest

from sync.client.errors import Unreachable
from sync.client.tls import TlsTrust, fingerprint
from sync.client.transport import Transport
from sync.server.app import create_app
from sync.server.db.engine import make_engine
from sync.server.db.migrate import upgrade
from sync.server.settings import Settings
from tests.security.tls_server import make_pki, serve_tls


@pytest.fixture(scope="module")
def https(tmp_path_factory):
    root = tmp_path_factory.mktemp("tls")
    db_url = str(root / "server.db")
    engine = make_engine(db_url, pool_size=2)
    upgrade(engine)
    engine.dispose()
    app = create_app(Settings(db_url=db_url, blob_dir=root / "blobs", pool_size=4))
    pki = make_pki(root / "pki")
    url, server, thread = serve_tls(app, pki)
    yield url, pki
    server.should_exit = True
    thread.join(timeout=10)
    app.state.engine.dispose()


def _health(url: str, trust: TlsTrust | None = None) -> int:
    t = Transport(url, trust=trust, connect_timeout=3, read_timeout=5)
    try:
        return t.call("GET", "/healthz").status_code
    finally:
        t.close()


def _refused(url: str, trust: TlsTrust | None = None) -> str:
    with pytest.raises(Unreachable) as info:
        _health(url, trust)
    return info.value.code


def test_a_certificate_from_an_unknown_ca_is_a_certificate_problem(https):
    url, _ = https
    assert _refused(url) == "net.certificate"


def test_the_street_offices_own_ca_is_trusted_when_configured(https):
    url, pki = https
    assert _health(url, TlsTrust(ca_bundle=str(pki.ca_pem)).check()) == 200


def test_a_pinned_certificate_must_be_the_servers(https, tmp_path):
    url, pki = https
    own = fingerprint(pki.cert_pem.read_bytes())
    typed = ":".join(own[i : i + 2].upper() for i in range(0, 64, 2))  # as a browser shows it
    assert _health(url, TlsTrust(str(pki.ca_pem), typed).check()) == 200
    other = fingerprint(make_pki(tmp_path / "other").cert_pem.read_bytes())
    assert _refused(url, TlsTrust(str(pki.ca_pem), other).check()) == "net.certificate"


def test_an_expired_certificate_is_a_certificate_problem(tmp_path):
    pki = make_pki(tmp_path, expired=True)
    url, server, thread = serve_tls(_hello, pki)
    try:
        assert _refused(url, TlsTrust(ca_bundle=str(pki.ca_pem))) == "net.certificate"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_no_server_at_all_is_still_unreachable():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nobody listens there
    assert _refused(f"https://127.0.0.1:{port}") == "net.unreachable"


@pytest.mark.parametrize("trust", [TlsTrust(pin_sha256="abc"), TlsTrust(ca_bundle="/nonexistent")])
def test_bad_trust_settings_are_refused_with_a_code(trust):
    with pytest.raises(Unreachable) as info:
        trust.check()
    assert info.value.code == "net.certificate_settings"


async def _hello(scope, receive, send):
    """The smallest ASGI app: 200 to anything."""
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})
