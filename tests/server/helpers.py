"""Test helpers: an HTTP client speaking the protocol, and a small district per test."""

from __future__ import annotations

import gzip
import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import zstandard
from sqlalchemy import Connection, Engine

from gridterm.ids import new_id
from sync.protocol import HEADER_PROTOCOL, PROTOCOL_VERSION
from sync.server.admin import templates, territory, users
from sync.server.auth import enrollment
from sync.server.db.engine import writing

PIN = "246810"
ROLES = (
    "grid_worker",
    "part_time_worker",
    "market_inspector",
    "community_supervisor",
    "street_staff",
)
TEMPLATE = {
    "code": "shop_fire",
    "version": 1,
    "title": "小场所消防检查",
    "items": [
        {"code": "wiring", "text": "私拉乱接电线", "severity": "major"},
        {"code": "exits", "text": "安全出口堵塞", "severity": "critical"},
    ],
}


def now() -> str:
    """The current time as the terminal writes it."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Client:
    """One terminal talking to the server over HTTP."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(
            base_url=base_url, timeout=60, headers={HEADER_PROTOCOL: str(PROTOCOL_VERSION)}
        )
        self.device_id = ""
        self.device_token = ""
        self.token = ""
        self.user: dict[str, Any] = {}

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()

    @property
    def auth(self) -> dict[str, str]:
        """The session's Authorization header."""
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def enroll(self, code: str) -> httpx.Response:
        """Enroll with a one-time code, keeping the device id and token."""
        r = self.http.post("/v1/auth/enroll", json={"code": code, "device_name": "test"})
        if r.status_code == 200:
            self.device_id = r.json()["device_id"]
            self.device_token = r.json()["device_token"]
        return r

    def login(self, worker_id: str, pin: str = PIN) -> httpx.Response:
        """Log a user in on this device, keeping the session token."""
        r = self.http.post(
            "/v1/auth/login",
            json={"worker_id": worker_id, "pin": pin},
            headers={"Authorization": f"Bearer {self.device_token}"} if self.device_token else {},
        )
        if r.status_code == 200:
            self.token = r.json()["token"]
            self.user = r.json()["user"]
        return r

    def push(
        self,
        ops: list[dict[str, Any]],
        *,
        batch_id: str | None = None,
        encoding: str = "gzip",
        after: str | None = None,
    ) -> httpx.Response:
        """Push a batch of ops, compressed as asked (``after``: the batch it follows)."""
        doc = {
            "device_id": self.device_id,
            "batch_id": batch_id or new_id(),
            "schema_version": 1,
            "ops": ops,
        }
        if after is not None:
            doc["after"] = after
        body = json.dumps(doc).encode()
        headers = {**self.auth, "Content-Type": "application/json"}
        if encoding == "gzip":
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        elif encoding == "zstd":
            body = zstandard.ZstdCompressor().compress(body)
            headers["Content-Encoding"] = "zstd"
        return self.http.post("/v1/sync/push", content=body, headers=headers)

    def pull(self, cursor: str | None = None, limit: int = 1000) -> httpx.Response:
        """One pull page."""
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        return self.http.get("/v1/sync/pull", params=params, headers=self.auth)

    def pull_all(self, cursor: str | None = None, limit: int = 1000) -> tuple[dict, str]:
        """Pull until ``more`` is false; returns the merged page contents and the cursor."""
        changes: dict[tuple[str, str], dict[str, Any]] = {}
        removals: list[dict[str, Any]] = []
        for _ in range(10_000):
            r = self.pull(cursor, limit)
            assert r.status_code == 200, r.text
            page = r.json()
            for c in page["changes"]:
                changes[(c["entity"], c["id"])] = c["row"]
            removals += page["removals"]
            cursor = page["cursor"]
            if not page["more"]:
                return {"changes": changes, "removals": removals}, cursor
        raise AssertionError("pull never ended")


def op(
    entity: str,
    entity_id: str,
    fields: dict[str, Any],
    *,
    kind: str = "create",
    seq: int = 1,
    base_version: int | None = None,
) -> dict[str, Any]:
    """One outbox op as the terminal sends it."""
    return {
        "op_id": new_id(),
        "seq": seq,
        "entity": entity,
        "entity_id": entity_id,
        "op": kind,
        "fields": fields,
        "base_version": base_version,
    }


def visit_fields(household_id: str, user_id: str, **extra: Any) -> dict[str, Any]:
    """A valid visit as the terminal's outbox encodes it (JSON lists as text)."""
    return {
        "id": extra.pop("id", new_id()),
        "household_id": household_id,
        "user_id": user_id,
        "visited_at": now(),
        "visit_type": "routine",
        "met": json.dumps(["张三"], ensure_ascii=False),
        "concerns": "[]",
        "notes": "",
        "outcome": "nothing_raised",
        "photos": "[]",
        "created_at": now(),
        **extra,
    }


def ticket_fields(grid_id: str, user_id: str, **extra: Any) -> dict[str, Any]:
    """A valid new ticket as the terminal's outbox encodes it."""
    return {
        "grid_id": grid_id,
        "category": "环境卫生",
        "title": "楼道堆放杂物",
        "description": "",
        "urgent": 0,
        "status": "reported",
        "level": "grid",
        "reported_by": user_id,
        "reported_at": now(),
        "photos": "[]",
        "updated_at": now(),
        "version": 0,
        **extra,
    }


@dataclass
class District:
    """A street office with two communities; community A has grids g1, g2 (and a market m1),
    community B has grid g3. One user per role, households in every grid."""

    server_url: str
    engine: Engine
    tag: str
    grids: dict[str, str] = field(default_factory=dict)
    households: dict[str, list[str]] = field(default_factory=dict)
    workers: dict[str, str] = field(default_factory=dict)  # role or name → worker id
    user_ids: dict[str, str] = field(default_factory=dict)  # worker id → user id
    community: dict[str, str] = field(default_factory=dict)

    def code(self) -> str:
        """A fresh enrollment code."""
        with writing(self.engine) as conn:
            return enrollment.create_code(conn)

    def client(self, who: str) -> Client:
        """An enrolled terminal with ``who`` (a role or worker name) logged in."""
        c = Client(self.server_url)
        assert c.enroll(self.code()).status_code == 200
        r = c.login(self.workers[who])
        assert r.status_code == 200, r.text
        return c

    def user_id(self, who: str) -> str:
        """The user id of a role or worker name."""
        return self.user_ids[self.workers[who]]


def add_worker(
    conn: Connection,
    tag: str,
    who: str,
    role: str,
    pin: str,
    community_id: str | None,
    street_office_id: str | None,
    grid_ids: list[str],
    name: str = "",
) -> tuple[str, str]:
    """The user ``who-tag`` (named ``name``, or 测试``who``) of ``role`` with ``pin``, in a
    community or a street office, assigned to ``grid_ids``; returns (worker id, user id)."""
    worker_id = f"{who}-{tag}"
    user_id = users.add_user(
        conn,
        worker_id=worker_id,
        name=name or f"测试{who}",
        role=role,
        pin=pin,
        community_id=community_id,
        street_office_id=street_office_id,
    )
    for grid_id in grid_ids:
        users.assign(conn, worker_id, grid_id)
    return worker_id, user_id


def build_district(server_url: str, engine: Engine, households_per_grid: int = 3) -> District:
    """A fresh district with unique names, so tests never see each other's data."""
    tag = secrets.token_hex(3)
    d = District(server_url, engine, tag)
    with writing(engine) as conn:
        office = territory.street_office(conn, f"街道{tag}")
        ca = territory.community(conn, office, f"A社区{tag}")
        cb = territory.community(conn, office, f"B社区{tag}")
        d.community = {"A": ca, "B": cb}
        for name, community, kind in (
            ("g1", ca, "residential"),
            ("g2", ca, "residential"),
            ("g3", cb, "residential"),
            ("m1", ca, "special"),
        ):
            gid = territory.grid(conn, community, f"{name}-{tag}", kind)
            d.grids[name] = gid
            building = territory.building(conn, gid, "3", floors=6)
            unit = territory.unit(conn, building, "2")
            d.households[name] = [
                territory.household(conn, unit, 5, f"50{i}", {})[0]
                for i in range(1, households_per_grid + 1)
            ]
        people = [
            ("grid_worker", "grid_worker", ca, ["g1"]),
            ("part_time_worker", "part_time_worker", ca, ["g1"]),
            ("market_inspector", "market_inspector", ca, ["m1"]),
            ("community_supervisor", "community_supervisor", ca, []),
            ("street_staff", "street_staff", None, []),
            ("worker2", "grid_worker", ca, ["g2"]),
            ("worker3", "grid_worker", cb, ["g3"]),
            ("supervisor_b", "community_supervisor", cb, []),
        ]
        for name, role, community, grids in people:
            assigned = [d.grids[g] for g in grids]
            worker_id, user_id = add_worker(conn, tag, name, role, PIN, community, office, assigned)
            d.workers[name] = worker_id
            d.user_ids[worker_id] = user_id
        templates.publish(conn, TEMPLATE)
    return d
