"""The authorization matrix: every role × every endpoint × inside and outside the area.

Areas (``gridterm.domain.users.User.scope_level``): a grid worker, part-time worker and market
inspector hold their grids, a supervisor the community, street staff the street office.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import func, insert, select

from gridterm.domain.permissions import Activity, may
from gridterm.domain.users import Role
from gridterm.ids import new_id
from sync.server.db import schema
from sync.server.db.engine import writing
from tests.server.helpers import ROLES, build_district, op, ticket_fields, visit_fields

#: The grid each role holds in the test district.
INSIDE = {
    "grid_worker": "g1",
    "part_time_worker": "g1",
    "market_inspector": "m1",
    "community_supervisor": "g2",
    "street_staff": "g3",
}
#: A grid of the same district outside the role's area (None: the role sees it all).
NEIGHBOUR = {
    "grid_worker": "g2",
    "part_time_worker": "g3",
    "market_inspector": "g1",
    "community_supervisor": "g3",
    "street_staff": None,
}
RESOLVERS = {"community_supervisor", "street_staff"}


@pytest.fixture(scope="module")
def world(server):
    home = build_district(server.url, server.engine)
    away = build_district(server.url, server.engine)  # another street office entirely
    clients = {role: home.client(role) for role in ROLES}
    return home, away, clients


def _outside(world, role):
    home, away, _ = world
    grids = [(away, "g1")]
    if NEIGHBOUR[role]:
        grids.append((home, NEIGHBOUR[role]))
    return grids


def _visit(d, grid, user_id):
    vid = new_id()
    return op("visit", vid, visit_fields(d.households[grid][0], user_id, id=vid))


def _record(d, grid, role, user_id):
    """A record the role may make: a visit, or for roles that do not visit, a ticket."""
    if may(Role(role), Activity.VISIT):
        return _visit(d, grid, user_id)
    tid = new_id()
    return op("ticket", tid, ticket_fields(d.grids[grid], user_id, id=tid))


def _stored(server, record):
    table = schema.visit if record["entity"] == "visit" else schema.ticket
    return _count(server, table, "id", record["entity_id"])


def _count(server, table, column, value):
    with server.engine.connect() as conn:
        q = select(func.count()).select_from(table).where(table.c[column] == value)
        return conn.execute(q).scalar_one()


@pytest.mark.parametrize("role", ROLES)
def test_me(world, role):
    _, _, clients = world
    r = clients[role].http.get("/v1/me", headers=clients[role].auth)
    assert r.status_code == 200 and r.json()["role"] == role


@pytest.mark.parametrize("role", ROLES)
def test_push(server, world, role):
    home, _, clients = world
    c = clients[role]
    uid = home.user_id(role)
    inside = _record(home, INSIDE[role], role, uid)
    answer = c.push([inside]).json()
    assert answer["results"][0]["status"] == "applied", answer
    for d, grid in _outside(world, role):
        outside = _record(d, grid, role, uid)
        r = c.push([outside])
        assert r.status_code == 403, (role, grid)
        assert _stored(server, outside) == 0


@pytest.mark.parametrize("role", ["part_time_worker", "market_inspector"])
def test_roles_that_do_not_visit_have_visits_rejected(server, world, role):
    home, _, clients = world
    record = _visit(home, INSIDE[role], home.user_id(role))
    result = clients[role].push([record]).json()["results"][0]
    assert (result["status"], result["reason"]) == ("rejected", "permission.role_not_allowed")
    assert _stored(server, record) == 0


@pytest.mark.parametrize("role", ROLES)
def test_pull_and_snapshot(world, role):
    home, _, clients = world
    c = clients[role]
    pulled, _ = c.pull_all()
    households = {k for (e, k) in pulled["changes"] if e == "household"}
    assert set(home.households[INSIDE[role]]) <= households
    for d, grid in _outside(world, role):
        assert not households & set(d.households[grid]), (role, grid)
    info = c.http.post("/v1/sync/snapshot", headers=c.auth).json()
    data = c.http.get(info["url"], headers=c.auth).content
    import io

    import zstandard

    rows = [
        json.loads(x)
        for x in zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)).read().splitlines()
    ]
    snap = {r["id"] for r in rows if r["entity"] == "household"}
    assert snap == households


@pytest.mark.parametrize("role", ROLES)
def test_blobs(world, role):
    _, _, clients = world
    c = clients[role]
    data = f"photo by {role} {new_id()}".encode()
    sha = hashlib.sha256(data).hexdigest()
    assert (
        c.http.post(
            "/v1/blobs", json={"sha256": sha, "length": len(data)}, headers=c.auth
        ).status_code
        == 200
    )
    r = c.http.patch(f"/v1/blobs/{sha}", content=data, headers={**c.auth, "Upload-Offset": "0"})
    assert r.json()["complete"] is True
    assert c.http.head(f"/v1/blobs/{sha}", headers=c.auth).status_code == 200
    assert c.http.get(f"/v1/blobs/{sha}", headers=c.auth).content == data


def _named_blob(d, grid, role) -> tuple[str, bytes]:
    """A photo uploaded by the role's own terminal in ``d`` and named by a record in ``grid``
    (a visit, or a ticket for roles that do not visit)."""
    c = d.client(role)
    data = f"evidence {new_id()}".encode()
    sha = hashlib.sha256(data).hexdigest()
    c.http.post("/v1/blobs", json={"sha256": sha, "length": len(data)}, headers=c.auth)
    c.http.patch(f"/v1/blobs/{sha}", content=data, headers={**c.auth, "Upload-Offset": "0"})
    record = _record(d, grid, role, d.user_id(role))
    record["fields"]["photos"] = json.dumps([sha])
    assert c.push([record]).json()["results"][0]["status"] == "applied"
    return sha, data


@pytest.mark.parametrize("role", ROLES)
def test_blob_downloads_follow_the_area(world, role):
    home, _, clients = world
    c = clients[role]  # another device than the uploader's
    inside, data = _named_blob(home, INSIDE[role], role)
    got = c.http.get(f"/v1/blobs/{inside}", headers=c.auth)
    assert got.status_code == 200 and got.content == data
    for d, grid in _outside(world, role):
        sha, _ = _named_blob(d, grid, _holder_of(grid))
        r = c.http.get(f"/v1/blobs/{sha}", headers=c.auth)
        assert r.status_code == 404, (role, grid)
        assert r.json()["error"]["code"] == "blob.unknown"


def _holder_of(grid: str) -> str:
    """A role whose area holds ``grid`` (street staff hold every grid of their office)."""
    return "street_staff" if grid != "m1" else "market_inspector"


def _conflict(server, d, grid) -> str:
    cid = new_id()
    with writing(server.engine) as conn:
        conn.execute(
            insert(schema.conflict).values(
                id=cid,
                entity="household",
                entity_id=d.households[grid][0],
                grid_id=d.grids[grid],
                field="notes",
                base_version=1,
                server_value='"a"',
                terminal_value='"b"',
                op_id=new_id(),
                by_user="u",
                device_id="d",
                created_at=1,
                status="open",
            )
        )
    return cid


@pytest.mark.parametrize("role", ROLES)
def test_conflicts(server, world, role):
    home, _, clients = world
    c = clients[role]
    inside = _conflict(server, home, INSIDE[role])
    outside = [_conflict(server, d, grid) for d, grid in _outside(world, role)]
    listed = c.http.get("/v1/conflicts", headers=c.auth)
    resolve = lambda cid: c.http.post(  # noqa: E731
        f"/v1/conflicts/{cid}/resolve", json={"choice": "server"}, headers=c.auth
    )
    if role not in RESOLVERS:
        assert listed.status_code == 403
        assert resolve(inside).status_code == 403
        with server.engine.connect() as conn:
            state = conn.execute(
                select(schema.conflict.c.status).where(schema.conflict.c.id == inside)
            ).scalar_one()
        assert state == "open"  # refused, and nothing changed
        return
    ids = {x["id"] for x in listed.json()}
    assert inside in ids and not ids & set(outside)
    for cid in outside:
        assert resolve(cid).status_code == 403
    assert resolve(inside).status_code == 200
