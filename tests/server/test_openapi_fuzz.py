"""Fuzzing the OpenAPI surface with schemathesis: no 500s, every answer matches the schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import delete

from sync.server.db import schema
from sync.server.db.engine import writing
from tests.server.helpers import build_district


@pytest.fixture(scope="module")
def fuzz_target(server):
    d = build_district(server.url, server.engine, households_per_grid=2)
    c = d.client("community_supervisor")
    yield server.url, c.auth
    # the fuzzed enrollments are wrong codes from 127.0.0.1, like every later test's: forget
    # them, or the limit on guessing codes would refuse the next tests' enrollments
    with writing(server.engine) as conn:
        conn.execute(delete(schema.enroll_attempt))


def test_api_never_errors_and_matches_its_schema(fuzz_target):
    url, auth = fuzz_target
    api = schemathesis.openapi.from_url(f"{url}/openapi.json")
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:
        _fuzz(operation, url, {} if operation.path == "/v1/auth/login" else dict(auth), checks)


def _fuzz(operation, url, headers, checks) -> None:
    """Run one operation's generated cases."""

    @given(case=operation.as_strategy())
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case):
        case.call_and_validate(base_url=url, headers=headers, checks=checks)

    run()
