"""A small district on the server for one test: two grids of households, workers with PINs
a terminal can use (6+ digits: the terminal's key ring requires them)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from sqlalchemy import Engine

from sync.server.admin import templates, territory, users
from sync.server.auth import enrollment
from sync.server.db.engine import writing

PIN = "246813"
TEMPLATE = {
    "code": "shop_fire",
    "version": 1,
    "title": "小场所消防检查",
    "items": [{"code": "wiring", "text": "私拉乱接电线", "severity": "major"}],
}


@dataclass
class District:
    """Grids g1, g2 in one community; workers w1 (g1, g2), w2 (g1) and supervisor s1."""

    engine: Engine
    tag: str
    grids: dict[str, str] = field(default_factory=dict)
    households: dict[str, list[str]] = field(default_factory=dict)
    workers: dict[str, str] = field(default_factory=dict)
    user_ids: dict[str, str] = field(default_factory=dict)

    def code(self) -> str:
        """A fresh one-time enrollment code."""
        with writing(self.engine) as conn:
            return enrollment.create_code(conn)

    def worker(self, who: str) -> str:
        """The worker id of ``w1``, ``w2`` or ``s1``."""
        return self.workers[who]

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
            worker_id = f"{who}-{tag}"
            d.workers[who] = worker_id
            d.user_ids[who] = users.add_user(
                conn,
                worker_id=worker_id,
                name=f"测试{who}",
                role=role,
                pin=PIN,
                community_id=community,
                street_office_id=office,
            )
            for g in grids:
                users.assign(conn, worker_id, d.grids[g])
        templates.publish(conn, TEMPLATE)
    return d
