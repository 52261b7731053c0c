"""Enrollment, login, revocation and the login rate limit (issue 3, item 3)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sync.server.admin import users
from sync.server.auth import enrollment, login_limits, sessions
from sync.server.db import schema
from sync.server.db.engine import writing
from tests.server.helpers import Client, build_district


@pytest.fixture
def district(server):
    return build_district(server.url, server.engine, households_per_grid=1)


def test_an_enrollment_code_works_once(server, district):
    code = district.code()
    first, second = Client(server.url), Client(server.url)
    assert first.enroll(code.lower().replace("-", "")).status_code == 200  # typed loosely
    r = second.enroll(code)
    assert r.status_code == 403 and r.json()["error"]["code"] == "enroll.code_invalid"
    assert second.enroll("ABCD-EFGH-JKLM").status_code == 403


def test_login_needs_an_enrolled_device_and_the_right_pin(server, district):
    c = Client(server.url)
    assert c.login(district.workers["grid_worker"]).status_code == 401  # no device token
    c.enroll(district.code())
    wrong = c.login(district.workers["grid_worker"], "000000")
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "auth.wrong_pin"
    assert c.login("nobody", "246810").status_code == 401
    ok = c.login(district.workers["grid_worker"])
    assert ok.status_code == 200
    assert ok.json()["user"]["grid_ids"] == [district.grids["g1"]]
    assert c.http.get("/v1/me", headers=c.auth).json()["role"] == "grid_worker"


def test_pins_are_stored_as_argon2_hashes(server, district):
    with server.engine.connect() as conn:
        stored = conn.execute(
            select(schema.user.c.pin_hash).where(
                schema.user.c.worker_id == district.workers["grid_worker"]
            )
        ).scalar_one()
    assert stored.startswith("$argon2id$") and "246810" not in stored


def test_login_attempts_are_rate_limited(server, district):
    c = Client(server.url)
    c.enroll(district.code())
    worker = district.workers["worker2"]
    for _ in range(login_limits.FREE_FAILURES):
        assert c.login(worker, "999999").status_code == 401
    r = c.login(worker, "246810")  # even the right PIN waits now, on this device
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0
    assert r.json()["error"]["retriable"] is True
    other = district.client("grid_worker")  # other workers are not locked out
    assert other.http.get("/v1/me", headers=other.auth).status_code == 200


def test_every_request_needs_a_valid_session(server, district):
    c = Client(server.url)
    for method, path in [
        ("get", "/v1/me"),
        ("get", "/v1/sync/pull"),
        ("post", "/v1/sync/push"),
        ("post", "/v1/sync/snapshot"),
        ("get", "/v1/conflicts"),
        ("head", "/v1/blobs/" + "a" * 64),
    ]:
        r = c.http.request(method, path)
        assert r.status_code == 401, (path, r.status_code)
        r = c.http.request(method, path, headers={"Authorization": "Bearer gts_forged"})
        assert r.status_code == 401, path


def test_revoking_the_device_ends_its_sessions(server, district):
    c = district.client("grid_worker")
    assert c.pull().status_code == 200
    with writing(server.engine) as conn:
        assert enrollment.revoke_device(conn, c.device_id)
    assert c.pull().status_code == 401
    assert c.login(district.workers["grid_worker"]).status_code == 401


def test_revoking_a_user_and_deactivating(server, district):
    c = district.client("worker2")
    with writing(server.engine) as conn:
        assert sessions.revoke_sessions(conn, district.user_id("worker2")) >= 1
    assert c.pull().status_code == 401
    assert c.login(district.workers["worker2"]).status_code == 200  # may log in again
    with writing(server.engine) as conn:
        users.deactivate(conn, district.workers["worker2"])
    assert c.pull().status_code == 401
    assert c.login(district.workers["worker2"]).status_code == 401


def test_health_and_openapi_are_public(server):
    c = Client(server.url)
    assert c.http.get("/healthz").json()["status"] == "ok"
    doc = c.http.get("/openapi.json").json()
    assert "/v1/sync/push" in doc["paths"]
    assert "PushRequest" in doc["components"]["schemas"]
