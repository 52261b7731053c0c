"""Guessing PINs and enrollment codes: nobody can lock another worker out, every wait grows,
and the supervisor sees repeated failures in the audit log (issue 16, items 2 and 3)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, insert, update
from sqlalchemy.exc import DatabaseError

from sync.server import audit
from sync.server.auth import enroll_limits, login_limits
from sync.server.clock import now_ms
from sync.server.db import schema
from sync.server.db.engine import reading, writing
from tests.server.helpers import PIN, Client, build_district

WRONG = "999999"


@pytest.fixture
def district(server):
    return build_district(server.url, server.engine, households_per_grid=1)


def _device(server, district) -> Client:
    c = Client(server.url)
    assert c.enroll(district.code()).status_code == 200
    return c


def _age_attempts(server, worker_id: str, seconds: int) -> None:
    """Move this worker's attempts back in time, instead of waiting."""
    la = schema.login_attempt
    with writing(server.engine) as conn:
        conn.execute(
            update(la).where(la.c.worker_id == worker_id).values(at=la.c.at - seconds * 1000)
        )


def test_the_wait_doubles_up_to_a_quarter_hour():
    waits = [login_limits.wait_after(n) for n in range(1, 12)]
    assert waits[: login_limits.FREE_FAILURES - 1] == [0] * (login_limits.FREE_FAILURES - 1)
    assert waits[2:6] == [30, 60, 120, 240]
    assert waits[-1] == login_limits.LONGEST_WAIT_S


def test_each_failure_on_one_device_waits_longer(server, district):
    worker = district.workers["worker2"]
    c = _device(server, district)
    for _ in range(login_limits.FREE_FAILURES):
        assert c.login(worker, WRONG).status_code == 401
    first = c.login(worker, PIN)
    assert first.status_code == 429 and 20 < int(first.headers["Retry-After"]) <= 30
    _age_attempts(server, worker, 31)
    assert c.login(worker, WRONG).status_code == 401  # allowed again, and wrong again
    second = c.login(worker, PIN)
    assert second.status_code == 429 and 50 < int(second.headers["Retry-After"]) <= 60
    _age_attempts(server, worker, 61)
    assert c.login(worker, PIN).status_code == 200  # the right PIN ends the run


def test_strangers_devices_cannot_lock_a_worker_out_of_their_own(server, district):
    worker = district.workers["worker2"]
    own = _device(server, district)
    assert own.login(worker).status_code == 200  # their terminal, used before
    failures = 0
    while failures < login_limits.FOREIGN_LIMIT:  # spread so that no device has to wait
        stranger = _device(server, district)
        for _ in range(min(login_limits.FREE_FAILURES, login_limits.FOREIGN_LIMIT - failures)):
            assert stranger.login(worker, WRONG).status_code == 401
            failures += 1
    assert own.login(worker).status_code == 200  # never held back by the others' failures
    fresh = _device(server, district)  # a device they never used: the others' total holds
    assert fresh.login(worker).status_code == 429
    other = district.client("grid_worker")
    assert other.http.get("/v1/me", headers=other.auth).status_code == 200


def test_repeated_failures_alert_the_workers_supervisor(server, district):
    worker = district.workers["worker2"]
    c = _device(server, district)
    for _ in range(login_limits.FREE_FAILURES):
        c.login(worker, WRONG)
    with reading(server.engine) as conn:
        found = audit.events(
            conn, audit.Query(action=audit.LOGIN_FAILURES, community_id=district.community["A"])
        )
    mine = [e for e in found if e["subject"] == worker]
    assert len(mine) == 1
    assert mine[0]["device_id"] == c.device_id
    assert mine[0]["detail"]["failures_on_device"] == login_limits.FREE_FAILURES


@pytest.fixture
def fresh_enroll_log(server):
    """Enrollment attempts all come from 127.0.0.1 here: start and end with none."""
    with writing(server.engine) as conn:
        conn.execute(delete(schema.enroll_attempt))
    yield
    with writing(server.engine) as conn:
        conn.execute(delete(schema.enroll_attempt))


def test_guessing_enrollment_codes_is_limited_per_address_and_logged(
    server, district, fresh_enroll_log, caplog
):
    c = Client(server.url)
    for _ in range(enroll_limits.PER_ADDRESS):
        assert c.enroll("ABCD-EFGH-JKLM").status_code == 403
    r = c.enroll(district.code())  # even a good code waits now, from this address
    assert r.status_code == 429 and r.json()["error"]["code"] == "enroll.too_many_attempts"
    assert int(r.headers["Retry-After"]) > 0
    assert "wrong codes from 127.0.0.1" in caplog.text
    with reading(server.engine) as conn:
        (event,) = audit.events(conn, audit.Query(action=audit.ENROLL_FAILURES, limit=1))
    assert event["actor"] == "127.0.0.1" and event["detail"]["failures"] == 10


def test_guessing_from_many_addresses_is_limited_in_total(server, district, fresh_enroll_log):
    at = now_ms()
    rows = [{"address": f"10.0.{i // 250}.{i % 250}", "at": at, "ok": 0} for i in range(200)]
    with writing(server.engine) as conn:
        conn.execute(insert(schema.enroll_attempt), rows)
    r = Client(server.url).enroll(district.code())
    assert r.status_code == 429


def test_the_audit_log_refuses_update_and_delete(server):
    with writing(server.engine) as conn:
        audit.record(conn, "test.probe", "tester", "nothing")
    for statement in (
        update(schema.audit_event).values(actor="someone else"),
        delete(schema.audit_event),
    ):
        with pytest.raises(DatabaseError, match="append-only"), writing(server.engine) as conn:
            conn.execute(statement)
