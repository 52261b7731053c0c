"""``gridterm-server demo``: seed a demo district from the terminal's own demo generator.

The terminal and the server share one generator (``gridterm.demo.generator.build_demo``): it
writes a plaintext terminal database, and its territory, register, users, assignments and
templates are copied here row for row, so a demo terminal and a demo server agree on every id.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from sync.server import partitions
from sync.server.admin.records import add, grid_partition, user_partition
from sync.server.admin.users import assign
from sync.server.auth import enrollment
from sync.server.auth.credentials import hash_pin
from sync.server.db import schema
from sync.server.db.engine import make_engine, writing
from sync.server.db.migrate import upgrade

DEMO_PIN = "1234"
#: Copied in this order (foreign keys).
_TABLES = (
    "street_office",
    "community",
    "grid",
    "building",
    "unit",
    "household",
    "resident",
    "premises",
    "checklist_template",
)


def add_parser(sub: Any, db_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register the ``demo`` command."""
    p = sub.add_parser("demo", help="seed a demo district (same generator as the terminal)")
    db_arg(p)
    p.add_argument("--households", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--from-db", type=Path, help="a plaintext terminal database to copy instead")
    p.add_argument("--codes", type=int, default=3, help="enrollment codes to print")
    p.set_defaults(run=_run)


def _terminal_db(args: argparse.Namespace) -> Path:
    if args.from_db:
        return args.from_db
    try:
        from gridterm.demo.generator import build_demo  # type: ignore[import-not-found]
    except ImportError:
        raise SystemExit(
            "the terminal's demo generator (gridterm.demo.generator) is not available; "
            "pass --from-db with a plaintext terminal database"
        ) from None
    path = Path(tempfile.mkdtemp(prefix="gridterm-demo-")) / "demo.db"
    build_demo(path, args.households, seed=args.seed, plaintext=True)
    return path


def _run(args: argparse.Namespace) -> int:
    source = sqlite3.connect(_terminal_db(args))
    source.row_factory = sqlite3.Row
    engine = make_engine(args.db, pool_size=1)
    upgrade(engine)
    with writing(engine) as conn:
        users = seed(conn, source)
        codes = [enrollment.create_code(conn, note="demo") for _ in range(args.codes)]
    engine.dispose()
    print("users (PIN " + DEMO_PIN + "):")
    for worker_id, name, role in users:
        print(f"  {worker_id}\t{name}\t{role}")
    print("enrollment codes:")
    for code in codes:
        print(f"  {code}")
    return 0


def seed(conn: Connection, source: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """Copy a terminal database's territory, register, users and templates; returns users."""
    nums: dict[str, dict[str, int]] = {"street_office": {}, "community": {}, "grid": {}}
    grid_of: dict[str, str] = {}
    for table in _TABLES:
        for row in source.execute(f"SELECT * FROM {table}"):
            values = dict(row)
            values.pop("field_versions", None)
            values["version"] = max(1, values.get("version") or 0)
            partition = _partition(conn, table, values, nums, grid_of)
            if table == "checklist_template":
                values.pop("version")
                values["version"] = row["version"]
                values["items"] = json.loads(row["items"])
            add(conn, table, values, partition)
    users: list[tuple[str, str, str]] = []
    for row in source.execute("SELECT * FROM user"):
        values = dict(row) | {"version": 1, "pin_hash": hash_pin(DEMO_PIN)}
        values["num"] = partitions.next_num(conn, schema.user)
        add(
            conn, "user", values, user_partition(conn, row["community_id"], row["street_office_id"])
        )
        users.append((row["worker_id"], row["name"], row["role"]))
    for row in source.execute(
        "SELECT u.worker_id, g.grid_id FROM user_grid g JOIN user u ON u.id = g.user_id"
    ):
        assign(conn, row[0], row[1])
    return users


def _partition(
    conn: Connection,
    table: str,
    values: dict[str, Any],
    nums: dict[str, dict[str, int]],
    grid_of: dict[str, str],
) -> str:
    if table in nums:
        num = partitions.next_num(conn, schema.SYNCED[table])
        nums[table][values["id"]] = num
        values["num"] = num
        maker = {
            "street_office": partitions.street_office,
            "community": partitions.community,
            "grid": partitions.grid,
        }[table]
        return maker(num)
    if table == "checklist_template":
        return partitions.TEMPLATES
    if table == "unit":
        values["grid_id"] = grid_of[values["building_id"]]
    if table == "resident":
        values["grid_id"] = grid_of[values["household_id"]]
    grid_id = values["grid_id"]
    grid_of[values["id"]] = grid_id
    return (
        partitions.grid(nums["grid"][grid_id])
        if grid_id in nums["grid"]
        else grid_partition(conn, grid_id)
    )
