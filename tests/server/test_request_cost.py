"""What a push costs the database beyond its ops: one connection for the session's lookup and
the batch, and a grid worker's area in two queries (docs/performance.md, issue 18)."""

from __future__ import annotations

import gc
import json
from types import SimpleNamespace

from sqlalchemy import event

from gridterm.ids import new_id
from sync.server.api.sync import _push
from sync.server.auth.sessions import authenticate
from sync.server.db.engine import reading
from tests.server.helpers import op, visit_fields


def one_visit(district, device_id: str) -> dict:
    """A push body of one new visit by the grid worker in grid g1."""
    hid, uid = district.households["g1"][0], district.user_id("grid_worker")
    vid = new_id()
    return {
        "device_id": device_id,
        "batch_id": new_id(),
        "schema_version": 1,
        "ops": [op("visit", vid, visit_fields(hid, uid, id=vid))],
    }


def test_a_grid_workers_session_and_area_are_two_queries(server, district):
    c = district.client("grid_worker")
    statements = []
    with reading(server.engine) as conn:
        event.listen(conn, "before_cursor_execute", lambda *a: statements.append(a[2]))
        caller = authenticate(conn, c.token)
    assert len(statements) == 2, statements  # the session with its user; the grids with places
    assert set(caller.grid_nums) == {district.grids["g1"]}
    assert set(caller.community_nums) == {district.community["A"]}
    assert caller.user.community_id == district.community["A"]
    assert len(caller.street_office_nums) == 1


def test_a_push_takes_one_database_connection(server, district):
    c = district.client("grid_worker")
    doc = one_visit(district, c.device_id)
    checkouts = []

    def checked_out(*_args: object) -> None:
        checkouts.append(1)

    event.listen(server.engine, "checkout", checked_out)
    try:
        state = SimpleNamespace()
        answer = json.loads(_push(server.engine, c.token, json.dumps(doc).encode(), None, state))
    finally:
        event.remove(server.engine, "checkout", checked_out)
    assert [r["status"] for r in answer["results"]] == ["applied"]
    assert state.device_id == c.device_id  # named in the request's log line
    assert len(checkouts) == 1


def test_a_push_takes_its_txid_with_its_device_lock(pg_server, district):
    """On PostgreSQL a push's txid comes with its device's lock, in one statement: no
    ``LOCK TABLE`` of the change log and no statement of its own for the txid."""
    c = district.client("grid_worker")
    doc = one_visit(district, c.device_id)
    statements: list[str] = []

    def executed(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    event.listen(pg_server.engine, "before_cursor_execute", executed)
    try:
        _push(pg_server.engine, c.token, json.dumps(doc).encode(), None, SimpleNamespace())
    finally:
        event.remove(pg_server.engine, "before_cursor_execute", executed)
    assert not [s for s in statements if s.startswith("LOCK TABLE")]
    assert [s for s in statements if "pg_current_xact_id" in s] == [
        "SELECT pg_current_xact_id()::text::bigint FROM pg_advisory_xact_lock(%(c)s, %(k)s)"
    ]


def test_a_push_leaves_nothing_for_the_cyclic_collector(server, district):
    # every object a push makes is freed when it ends: a reference cycle (the batch's Work
    # and its conflict ledger) kept each batch's rows alive until a collection found them
    c = district.client("grid_worker")
    body = json.dumps(one_visit(district, c.device_id)).encode()
    gc.collect()
    gc.disable()
    try:
        answer = json.loads(_push(server.engine, c.token, body, None, SimpleNamespace()))
        left = gc.collect()
    finally:
        gc.enable()
    assert [r["status"] for r in answer["results"]] == ["applied"]
    assert left == 0
