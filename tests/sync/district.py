"""A small district on the server for one test: two grids of households, workers with PINs
a terminal can use (6+ digits: the terminal's key ring requires them)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine

from sync.server.admin import templates, territory, users
from sync.server.auth import enrollment
from sync.server.db.engine import writing
from tests.server.helpers import add_worker

PIN = "246813"
TEMPLATE = {
    "code": "shop_fire",
    "version": 1,
    "title": "小场所消防检查",
    "items": [{"code": "wiring", "text": "私拉乱接电线", "severity": "major"}],
}


@dataclass
class Area:
    """Grids and workers made on the server for one test, their names unique by ``tag``."""

    engine: Engine
    tag: str
    grids: dict[str, str] = field(default_factory=dict)
    workers: dict[str, str] = field(default_factory=dict)  # who → worker id
    user_ids: dict[str, str] = field(default_factory=dict)  # who → user id

    def code(self) -> str:
        """A fresh one-time enrollment code."""
        with writing(self.engine) as conn:
            return enrollment.create_code(conn)

    def worker(self, who: str) -> str:
        """The worker id of ``who`` (``w1``, ``i1``…)."""
        return self.workers[who]

    def add_worker(self, conn: Connection, who: str, role: str, grids: list[str], **where) -> None:
        """``who`` as a user of ``role`` with the terminal's PIN, assigned to ``grids`` (by
        name); ``where``: the community, street office and name, as add_worker takes them."""
        assigned = [self.grids[g] for g in grids]
        worker_id, user_id = add_worker(conn, self.tag, who, role, PIN, grid_ids=assigned, **where)
        self.workers[who] = worker_id
        self.user_ids[who] = user_id


@dataclass
class District(Area):
    """Grids g1, g2 in one community; workers w1 (g1, g2), w2 (g1) and supervisor s1."""

    households: dict[str, list[str]] = field(default_factory=dict)

    def unassign(self, who: str, grid: str) -> None:
        """Take a grid away from a worker (a reassignment)."""
        with writing(self.engine) as conn:
            users.unassign(conn, self.workers[who], self.grids[grid])


def build(engine: Engine, households_per_grid: int = 4) -> District:
    """A fresh district with unique names."""
    tag = secrets.token_hex(3)
    d = District(engine, tag)
    with writing(engine) as conn:
        office = territory.street_office(conn, f"街道{tag}")
        community = territory.community(conn, office, f"社区{tag}")
        for name in ("g1", "g2"):
            grid = territory.grid(conn, community, f"{name}-{tag}", "residential")
            d.grids[name] = grid
            building = territory.building(conn, grid, "3", floors=6)
            unit = territory.unit(conn, building, "2")
            d.households[name] = [
                territory.household(conn, unit, 5, f"50{i}", {})[0]
                for i in range(1, households_per_grid + 1)
            ]
        for who, role, grids in (
            ("w1", "grid_worker", ["g1", "g2"]),
            ("w2", "grid_worker", ["g1"]),
            ("s1", "community_supervisor", []),
        ):
            d.add_worker(conn, who, role, grids, community_id=community, street_office_id=office)
        templates.publish(conn, TEMPLATE)
    return d
