"""Sweeps over the whole API, so a route added later is covered without a new test: every
route refuses a caller without a valid session (401), and every malformed body or query of
every route gets its 4xx with the error shape, never a 5xx (issue 16).

The routes come from the app itself (its OpenAPI document, which FastAPI builds from every
included route); the few that are public by design are listed, so a new public route fails
here until someone says why it is public."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete

from sync.protocol import HEADER_PROTOCOL, PROTOCOL_VERSION
from sync.server.db import schema
from sync.server.db.engine import writing
from tests.security.routes import operations

#: Public on purpose: health for the load balancer, enrollment (it spends a one-time code).
PUBLIC = {("GET", "/healthz"), ("POST", "/v1/auth/enroll")}
#: Values for path parameters, of the right shape (so only the missing session is wrong).
PATH_VALUES = {
    "sha256": "ab" * 32,
    "snapshot_id": "0190aaaa-0000-7000-8000-000000000000",
    "conflict_id": "0190aaaa-0000-7000-8000-000000000000",
}
#: A well-formed body where a route reads one before it can judge the caller (login checks
#: the device token, then the PIN).
AUTH_BODIES = {"/v1/auth/login": b'{"worker_id": "G0001", "pin": "123456"}'}
#: Credentials that are not a session: none, junk, another scheme, a device's token alone.
NOT_A_SESSION = ["", "Bearer", "Bearer nonsense", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 5000]


def _url(path: str) -> str:
    for name, value in PATH_VALUES.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"add a value for the path parameter of {path} to PATH_VALUES"
    return path


PROTECTED = [(m, p) for m, p, _ in operations() if (m, p) not in PUBLIC]
WITH_BODY = [(m, p) for m, p, op in operations() if "requestBody" in op]


@pytest.fixture(scope="module")
def http(server):
    client = server.client()
    yield client.http
    client.close()


@pytest.fixture(scope="module", autouse=True)
def forget_enrollment_guesses(server):
    yield
    # the bodies sent to enroll are wrong codes from 127.0.0.1, like every later test's:
    # forget them, or the limit on guessing codes would refuse the next tests' enrollments
    with writing(server.engine) as conn:
        conn.execute(delete(schema.enroll_attempt))


def test_the_sweep_sees_every_route_of_the_app():
    found = {(m, p) for m, p, _ in operations()}
    assert found >= PUBLIC  # a public route renamed must be renamed here too
    assert len(PROTECTED) >= 15 and ("POST", "/v1/sync/push") in PROTECTED


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_every_route_refuses_a_caller_without_a_session(http, terminal, method, path):
    _, c = terminal
    tried = [*NOT_A_SESSION, "Bearer " + c.device_token]  # a device token is not a session
    for credentials in tried:
        headers = {"Content-Type": "application/json"}
        if credentials:
            headers["Authorization"] = credentials
        body = AUTH_BODIES.get(path, b"{}")
        r = http.request(method, _url(path), headers=headers, content=body)
        assert r.status_code == 401, (method, path, credentials[:20], r.status_code, r.text)
        if method != "HEAD":  # a HEAD answer has no body to say why
            assert r.json()["error"]["code"].startswith("auth."), r.text


WRONG_TYPED = ("code", "worker_id", "pin", "ops")
#: Bodies that are wrong in every way a client can get them wrong.
MALFORMED: list[tuple[str, bytes, str]] = [
    ("empty", b"", "application/json"),
    ("not json", b"{not json", "application/json"),
    ("not utf-8", b'{"a": "\xff\xfe"}', "application/json"),
    ("a list", b"[1, 2, 3]", "application/json"),
    ("a string", b'"text"', "application/json"),
    ("a number", b"1e999", "application/json"),
    ("null", b"null", "application/json"),
    ("wrong types", json.dumps({k: [] for k in WRONG_TYPED}).encode(), "application/json"),
    ("deep", b"[" * 100_000 + b"]" * 100_000, "application/json"),
    ("form", b"a=1&b=2", "application/x-www-form-urlencoded"),
    ("huge string", json.dumps({"code": "x" * 2_000_000}).encode(), "application/json"),
]


@pytest.mark.parametrize(("method", "path"), WITH_BODY)
def test_every_malformed_body_gets_its_4xx_never_a_5xx(http, terminal, method, path):
    _, c = terminal
    for name, body, content_type in MALFORMED:
        headers = {"Content-Type": content_type}
        if path != "/v1/auth/enroll":
            headers.update(c.auth)
        if path == "/v1/auth/login":
            headers["Authorization"] = "Bearer " + c.device_token
        r = http.request(method, _url(path), headers=headers, content=body)
        assert 400 <= r.status_code < 500, (method, path, name, r.status_code, r.text[:200])
        assert r.status_code != 401, (method, path, name)  # the session was good
        error = r.json()["error"]
        assert error["code"] and error["message"], (name, r.text[:200])


BAD_QUERIES = {
    "/v1/sync/pull": [{"limit": "-1"}, {"limit": "abc"}, {"limit": "10" * 40}, {"cursor": "x"}],
    "/v1/conflicts": [{"status": "nope"}],
    "/v1/reports/daily": [{"date": "2026-13-45"}, {"date": "x", "format": "exe"}],
    "/v1/reports/monthly": [{"month": "2026-1"}, {"month": "2026-11", "lang": "x" * 500}],
    "/v1/audit": [{"limit": "0"}, {"limit": "99999999999999999999"}],
}


def test_every_get_route_with_a_query_is_swept():
    with_query = {
        p
        for m, p, op in operations()
        if m == "GET" and any(q["in"] == "query" for q in op.get("parameters", []))
    }
    assert with_query == set(BAD_QUERIES)  # a new query parameter gets its bad values here


@pytest.mark.parametrize("path", sorted(BAD_QUERIES))
def test_every_bad_query_gets_its_4xx_never_a_5xx(http, terminal, path):
    _, c = terminal
    for params in BAD_QUERIES[path]:
        r = http.get(path, params=params, headers=c.auth)
        assert 400 <= r.status_code < 500, (path, params, r.status_code, r.text[:200])
        assert r.status_code != 401
        assert r.json()["error"]["code"], r.text[:200]


def test_the_protocol_header_is_checked_before_anything_else(server):
    client = server.client()
    try:
        r = client.http.get("/v1/me", headers={HEADER_PROTOCOL: str(PROTOCOL_VERSION + 99)})
    finally:
        client.close()
    assert 400 <= r.status_code < 500 and r.json()["error"]["code"]
