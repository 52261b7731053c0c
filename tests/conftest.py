"""Fixtures shared by every test folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gridterm.domain.users import Role
from gridterm.services.session import Session
from gridterm.store import Store, pin_guard
from gridterm.store.keys import FAST_KDF


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--soak-long",
        action="store_true",
        help="the soak test sends 500,000 inputs instead of 50,000 (tests/ui/test_soak.py)",
    )


PIN = "246810"
#: A fixed "now" so schedules and timers are reproducible.
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh encrypted store (cheap KDF) that worker ``w1`` unlocks with ``PIN``."""
    s = Store.create(tmp_path / "gridterm.db", "w1", PIN, FAST_KDF)
    yield s
    s.close()


class PinClock:
    """The PIN guard's clock (gridterm/store/pin_guard.py), moved by hand: ``clock.t += 60``."""

    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> PinClock:
    """The PIN guard's clock, stopped until the test moves it (waits after wrong PINs)."""
    c = PinClock()
    monkeypatch.setattr(pin_guard, "_now", c)
    return c


class Territory:
    """A tiny territory: one street office, two communities, grids, one building per grid."""

    def __init__(self, store: Store):
        self.store = store
        rows: list[tuple[str, dict[str, object]]] = [
            ("street_office", {"id": "so", "name": "东湖街道"}),
            ("community", {"id": "c1", "street_office_id": "so", "name": "桃园社区"}),
            ("community", {"id": "c2", "street_office_id": "so", "name": "柳岸社区"}),
            ("grid", {"id": "g1", "community_id": "c1", "name": "第一网格"}),
            ("grid", {"id": "g2", "community_id": "c1", "name": "第二网格"}),
            ("grid", {"id": "g3", "community_id": "c2", "name": "第三网格"}),
            ("grid", {"id": "m1", "community_id": "c1", "name": "机电五金城", "kind": "special"}),
        ]
        for grid in ("g1", "g2", "g3"):
            rows += [
                ("building", {"id": f"b-{grid}", "grid_id": grid, "number": "3", "floors": 6}),
                ("unit", {"id": f"u-{grid}", "building_id": f"b-{grid}", "number": "2"}),
            ]
        users = [
            ("w1", Role.GRID_WORKER, ["g1"]),
            ("w2", Role.GRID_WORKER, ["g2"]),
            ("p1", Role.PART_TIME_WORKER, ["g1"]),
            ("i1", Role.MARKET_INSPECTOR, ["m1"]),
            ("s1", Role.COMMUNITY_SUPERVISOR, []),
            ("st1", Role.STREET_STAFF, []),
        ]
        for worker_id, role, grids in users:
            rows.append(
                (
                    "user",
                    {
                        "id": f"user-{worker_id}",
                        "worker_id": worker_id,
                        "name": f"用户{worker_id}",
                        "role": role.value,
                        "community_id": "c1",
                        "street_office_id": "so",
                    },
                )
            )
            rows += [("user_grid", {"user_id": f"user-{worker_id}", "grid_id": g}) for g in grids]

        def write(tx):
            for table, row in rows:
                if table == "user_grid":
                    tx.execute(
                        "INSERT INTO user_grid VALUES (?, ?)", (row["user_id"], row["grid_id"])
                    )
                else:
                    tx.insert(table, row, outbox=False)

        store.write(write)

    def household(self, grid: str = "g1", room: str = "501", **fields: object) -> str:
        """Add a household in ``grid``'s building 3, unit 2; returns its id."""
        hid = f"h-{grid}-{room}"
        row = {
            "id": hid,
            "grid_id": grid,
            "building_id": f"b-{grid}",
            "unit_id": f"u-{grid}",
            "floor": int(room[:-2]),
            "room": room,
            "address": f"3-2-{room}",
            **fields,
        }
        self.store.write(lambda tx: tx.insert("household", row, outbox=False))
        return hid

    def session(self, worker_id: str = "w1", now: datetime = NOW) -> Session:
        """A session of one of the territory's users with a fixed clock."""
        return Session.login(self.store, worker_id, clock=lambda: now)


@pytest.fixture
def territory(store: Store) -> Territory:
    """``store`` holding a small territory and a user of every role."""
    return Territory(store)
