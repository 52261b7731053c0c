"""Every role against every area (issue 16): the table below is what each role gets from each
route that names an area, for each area that route can be asked about, and the sweep checks
every cell against the real server — the answer's status and code, and for a 200 that the
body holds the rows of the area asked for and none of any other area's.

The routes come from the app's own OpenAPI document, as in test_sweeps.py: a route whose
parameters name a grid, community, street office or area must have its row in ``TABLE`` (or
the sweep fails until it is given one), and every other route must say where its scoping is
tested (``SCOPED_ELSEWHERE``). ``Role`` lists every role a session can carry, and each has its
row. The administrator holds no session: they work on the server's own host, and their row is
``gridterm-server report`` there, which makes the report as the street staff of the area's
street office (any office: the server is theirs) — still with that area's rows only.

The world is two street offices built by ``tests.server.helpers.build_district``: at home,
community A has grids g1, g2 and the market m1, community B has g3; the other office is
built alike. Every grid has an urgent ticket reported today by its own worker (and the
residential grids a visit), each with its own id and title, so a row of another area shows.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import re
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from gridterm.domain.users import Role
from gridterm.ids import new_id
from gridterm.reports.period import LOCAL_TZ
from sync.server.cli import main as server_main
from sync.server.db import schema
from tests.security.routes import operations
from tests.server.helpers import Client, District, build_district, op, ticket_fields, visit_fields

#: The period each report is asked for (today's rows are there).
TODAY = datetime.now(LOCAL_TZ).date().isoformat()
PERIOD = {"/v1/reports/daily": {"date": TODAY}, "/v1/reports/monthly": {"month": TODAY[:7]}}

#: The columns: which area is asked for, named from the role's side. ``mine`` names none (the
#: role's own area); the grid the role holds is g1 (m1 for the market inspector), and a
#: supervisor's and street staff's "own grid" is g1 of their community A.
COLUMNS = {
    "mine": (None, "", ""),
    "grid_own": ("grid", "home", "g1"),
    "grid_same_community": ("grid", "home", "g2"),
    "grid_other_community": ("grid", "home", "g3"),
    "grid_other_office": ("grid", "away", "g1"),
    "community_own": ("community", "home", "A"),
    "community_other": ("community", "home", "B"),
    "community_other_office": ("community", "away", "A"),
    "office_own": ("street", "home", ""),
    "office_other": ("street", "away", ""),
}
#: ok: 200 with the area's rows and no other's; out: 403 report.area_outside; role: 403
#: report.role_not_allowed (reports are for those who oversee others); -: not asked (the
#: administrator's command requires an area). The columns are
#: COLUMNS in order: mine, then a grid named four ways, a community three, an office two.
REPORTS = """
    role                 mine  own  same  other  away   own  other  away   own  away
    grid_worker          role  role role  role   role   role role   role   role role
    part_time_worker     role  role role  role   role   role role   role   role role
    market_inspector     role  role role  role   role   role role   role   role role
    community_supervisor ok    ok   ok    out    out    ok   out    out    out  out
    street_staff         ok    ok   ok    ok     out    ok   ok     out    ok   out
    admin                -     ok   ok    ok     ok     ok   ok     ok     ok   ok
"""
#: Each route naming an area, and its table (the daily log and the monthly summary alike).
TABLE = {"/v1/reports/daily": REPORTS, "/v1/reports/monthly": REPORTS}
ADMIN = "admin"
ANSWERS = {"out": (403, "report.area_outside"), "role": (403, "report.role_not_allowed")}
#: Routes naming no area, and the tests that sweep their scoping role by role.
_AUTH, _AUTHZ = "tests.server.test_auth::", "tests.server.test_authorization::"
_AUDIT = "tests.security.test_audit::"
SCOPED_ELSEWHERE = {
    ("GET", "/healthz"): _AUTH + "test_health_and_openapi_are_public",
    ("POST", "/v1/auth/enroll"): _AUTH + "test_an_enrollment_code_works_once",
    ("POST", "/v1/auth/login"): _AUTH + "test_login_needs_an_enrolled_device_and_the_right_pin",
    ("GET", "/v1/me"): _AUTHZ + "test_me",
    ("POST", "/v1/sync/push"): _AUTHZ + "test_push",
    ("GET", "/v1/sync/pull"): _AUTHZ + "test_pull_and_snapshot",
    ("POST", "/v1/sync/snapshot"): _AUTHZ + "test_pull_and_snapshot",
    ("GET", "/v1/sync/snapshot/{snapshot_id}"): __name__ + "::test_a_snapshot_is_its_makers_only",
    ("POST", "/v1/blobs"): _AUTHZ + "test_blobs",
    ("PATCH", "/v1/blobs/{sha256}"): _AUTHZ + "test_blobs",
    ("HEAD", "/v1/blobs/{sha256}"): _AUTHZ + "test_blobs",
    ("GET", "/v1/blobs/{sha256}"): _AUTHZ + "test_blob_downloads_follow_the_area",
    ("GET", "/v1/conflicts"): _AUTHZ + "test_conflicts",
    ("POST", "/v1/conflicts/{conflict_id}/resolve"): _AUTHZ + "test_conflicts",
    ("GET", "/v1/audit"): _AUDIT + "test_supervisors_read_their_own_areas_events_only",
}
_AREA_WORDS = re.compile(r"grid|community|street|office|area", re.IGNORECASE)
#: Who records in each grid (the worker holding it), and who else holds it.
RECORDER = {"g1": "grid_worker", "g2": "worker2", "g3": "worker3", "m1": "market_inspector"}
HOLDERS = {**{g: (who,) for g, who in RECORDER.items()}, "g1": ("grid_worker", "part_time_worker")}
COMMUNITY = {"g1": "A", "g2": "A", "m1": "A", "g3": "B"}
#: The roles whose own area (none named) is community A; the others' is the street office.
_IN_A = {"grid_worker", "part_time_worker", "market_inspector", "community_supervisor"}


def _table(route: str) -> dict[str, dict[str, str]]:
    lines = [line.split() for line in TABLE[route].strip().splitlines()]
    assert all(len(cells) == len(COLUMNS) + 1 for cells in lines), route
    return {cells[0]: dict(zip(COLUMNS, cells[1:], strict=True)) for cells in lines[1:]}


def _area_routes() -> set[tuple[str, str]]:
    return {
        (method, path)
        for method, path, o in operations()
        if any(
            p["in"] in ("query", "path") and _AREA_WORDS.search(p["name"])
            for p in o.get("parameters", [])
        )
    }


def test_every_route_naming_an_area_has_its_row_for_every_role():
    assert {p for _, p in _area_routes()} == set(TABLE)  # a new one needs its expectations
    for route in TABLE:
        assert set(_table(route)) == {r.value for r in Role} | {ADMIN}, route  # a new role too
        cells = {c for row in _table(route).values() for c in row.values()}
        assert cells <= {"ok", "-", *ANSWERS}


def test_every_other_route_names_the_test_of_its_scoping():
    others = {(m, p) for m, p, _ in operations()} - _area_routes()
    assert others == set(SCOPED_ELSEWHERE)  # a new route says where its scoping is tested
    for where in set(SCOPED_ELSEWHERE.values()):
        module, name = where.split("::")
        assert inspect.isfunction(getattr(import_module(module), name, None)), where


@dataclass
class World:
    """The two street offices, each grid's markers and a logged-in terminal per role."""

    districts: dict[str, District]
    offices: dict[str, str]
    clients: dict[str, Client]
    #: (district, grid) → the strings only that grid's rows hold.
    markers: dict[tuple[str, str], tuple[str, ...]]
    tickets: dict[tuple[str, str], str]
    #: The server's database (the administrator's command opens it) and a folder for files.
    db_url: str
    files: Path

    def area(self, column: str, role: str) -> tuple[str | None, str, set[tuple[str, str]]]:
        """The parameter, the id and the grids of the area a column asks for."""
        level, where, name = COLUMNS[column]
        if level is None:  # the role's own area: a supervisor's community, the whole office
            level, where, name = COLUMNS["community_own" if role in _IN_A else "office_own"]
        d = self.districts[where]
        if level == "grid":
            return level, d.grids[name], {(where, name)}
        if level == "community":
            grids = {(where, g) for g, c in COMMUNITY.items() if c == name}
            return level, d.community[name], grids
        return level, self.offices[where], {(where, g) for g in COMMUNITY}


def _seed(d: District, where: str) -> tuple[dict, dict]:
    markers, tickets = {}, {}
    for grid, who in RECORDER.items():
        c = d.client(who)
        uid = d.user_id(who)
        tid = new_id()
        title = f"楼道堆放杂物-{grid}-{d.tag}"
        ops = [op("ticket", tid, ticket_fields(d.grids[grid], uid, id=tid, urgent=1, title=title))]
        if grid != "m1":  # an inspector does not visit households
            vid = new_id()
            ops.append(op("visit", vid, visit_fields(d.households[grid][0], uid, id=vid), seq=2))
        results = c.push(ops).json()["results"]
        assert {r["status"] for r in results} == {"applied"}, results
        c.close()
        workers = tuple(d.workers[h] for h in HOLDERS[grid])
        markers[(where, grid)] = (tid, title, f"{grid}-{d.tag}", *workers)
        tickets[(where, grid)] = tid
    return markers, tickets


@pytest.fixture(scope="module")
def world(server, tmp_path_factory) -> Any:
    districts = {w: build_district(server.url, server.engine) for w in ("home", "away")}
    markers: dict = {}
    tickets: dict = {}
    for where, d in districts.items():
        m, t = _seed(d, where)
        markers |= m
        tickets |= t
    clients = {r.value: districts["home"].client(r.value) for r in Role}  # not the admin
    c = schema.community
    with server.engine.connect() as conn:
        offices = {
            w: conn.execute(
                select(c.c.street_office_id).where(c.c.id == d.community["A"])
            ).scalar_one()
            for w, d in districts.items()
        }
    db_url = server.engine.url.render_as_string(hide_password=False)
    files = tmp_path_factory.mktemp("reports")
    yield World(districts, offices, clients, markers, tickets, db_url, files)
    for c in clients.values():
        c.close()


def _check(world: World, route: str, role: str, column: str, expected: str) -> list[str]:
    """What is wrong with one cell ([] when the answer is the table's)."""
    if expected == "-":
        return []
    level, area_id, inside = world.area(column, role)
    params = {**PERIOD[route], "format": "json"}
    if COLUMNS[column][0] is not None:
        params[level] = area_id
    if role == ADMIN:
        status, code, text = _from_the_command(world, route, params)
    else:
        c = world.clients[role]
        r = c.http.get(route, params=params, headers=c.auth)
        status, text = r.status_code, r.text
        code = r.json()["error"]["code"] if status != 200 else ""
    if status == 200:  # the names as written, not as JSON escapes
        text = json.dumps(json.loads(text), ensure_ascii=False)
    cell = f"{role} × {column}"
    problems = [
        f"{cell}: holds {marker} of {grid}"
        for grid, found in world.markers.items()
        if expected != "ok" or grid not in inside
        for marker in found
        if marker in text
    ]
    if expected != "ok":
        if (status, code) != ANSWERS[expected]:
            problems.append(f"{cell}: {status} {text[:200]}, wanted {expected}")
        return problems
    if status != 200:
        return [*problems, f"{cell}: {status} {text[:200]}, wanted 200"]
    body = json.loads(text)
    if body["area"]["id"] != area_id:
        problems.append(f"{cell}: the report is of {body['area']['id']}")
    problems += _rows_of_the_area(world, route, body, text, inside, cell)
    return problems


def _from_the_command(world: World, route: str, params: dict[str, str]) -> tuple[int, str, str]:
    """``gridterm-server report`` on the server's database, as the administrator runs it:
    (200 or the exit status, the error code, the file or the error)."""
    kind = route.rsplit("/", 1)[1]
    out = world.files / f"{new_id()}.json"
    args = ["report", kind, "--db", world.db_url, "--out", str(out)]
    args += [a for name, value in params.items() for a in (f"--{name}", value)]
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = server_main(args)
    if status != 0:
        return status, err.getvalue().split(": ")[1], err.getvalue()
    return 200, "", out.read_text(encoding="utf-8")


def _rows_of_the_area(world, route, body, text, inside, cell) -> list[str]:
    """The area's own rows are there (so the check above could have seen another's)."""
    if route == "/v1/reports/daily":
        return [f"{cell}: lacks the ticket of {g}" for g in inside if world.tickets[g] not in text]
    residential = {g for g in inside if g[1] != "m1"}
    got = (body["tickets"]["reported"], body["tickets"]["urgent"], body["visits"]["total"])
    want = (len(inside), len(inside), len(residential))
    return [] if got == want else [f"{cell}: tickets, urgent, visits {got}, wanted {want}"]


@pytest.mark.parametrize("route", sorted(TABLE))
@pytest.mark.parametrize("role", [*(r.value for r in Role), ADMIN])
def test_each_role_gets_each_area_as_the_table_says(world, route, role):
    row = _table(route)[role]
    problems = [p for column, cell in row.items() for p in _check(world, route, role, column, cell)]
    assert problems == []


def test_a_snapshot_is_its_makers_only(world):
    maker = world.clients["street_staff"]
    info = maker.http.post("/v1/sync/snapshot", headers=maker.auth).json()
    assert maker.http.get(info["url"], headers=maker.auth).status_code == 200
    away = world.districts["away"].client("street_staff")
    for c in [*(world.clients[r] for r in world.clients if r != "street_staff"), away]:
        r = c.http.get(info["url"], headers=c.auth)
        assert (r.status_code, r.json()["error"]["code"]) == (404, "snapshot.unknown")
    away.close()
