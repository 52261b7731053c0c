"""``gridterm-server demo``: seed a demo district from the terminal's own demo generator.

The terminal and the server share one generator (``gridterm.demo.generator.build_demo``): it
writes a plaintext terminal database, whose rows are copied here table by table (with the
server's own columns filled in and every row in the change log), so a demo terminal and the
demo server agree on every id, and each demo user logs in with the same PIN on both.

The demo's checklist is the built-in default template, which ``migrate`` has already
installed under an id of its own: that row takes the demo's id (same content, so nothing a
terminal shows changes), so a demo terminal and the server still agree.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, update

from gridterm.store import entities
from sync.server import partitions
from sync.server.auth import enrollment
from sync.server.auth.credentials import hash_pin
from sync.server.db import changes, schema
from sync.server.db.bulk import insert_rows
from sync.server.db.engine import make_engine, reading, writing
from sync.server.db.migrate import upgrade
from sync.server.push.work import full_row

DEFAULT_PIN = "123456"
_NUMBERED = {
    "street_office": partitions.street_office,
    "community": partitions.community,
    "grid": partitions.grid,
}


def add_parser(sub: Any, db_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register the ``demo`` command."""
    p = sub.add_parser("demo", help="seed a demo district (same generator as the terminal)")
    db_arg(p)
    p.add_argument("--households", type=int, default=2000)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--from-db", type=Path, help="copy this plaintext terminal database instead")
    p.add_argument("--codes", type=int, default=3, help="enrollment codes to print")
    p.set_defaults(run=_run)


def _generate(args: argparse.Namespace) -> tuple[Path, dict[str, str]]:
    """A plaintext terminal demo database, and each demo user's PIN."""
    if args.from_db:
        return args.from_db, {}
    try:
        from gridterm.demo.generator import build_demo
    except ImportError:
        raise SystemExit(
            "the terminal's demo generator (gridterm.demo.generator) is not available; "
            "pass --from-db with a plaintext terminal database"
        ) from None
    path = Path(tempfile.mkdtemp(prefix="gridterm-demo-")) / "demo.db"
    extra = {} if args.seed is None else {"seed": args.seed}
    result = build_demo(path, args.households, plaintext=True, **extra)
    return path, {u.worker_id: u.pin for u in result.users}


def _run(args: argparse.Namespace) -> int:
    engine = make_engine(args.db, pool_size=1)
    upgrade(engine)
    with reading(engine) as conn:
        used = conn.execute(select(schema.street_office.c.id).limit(1)).first() is not None
    if used:
        engine.dispose()
        shown = engine.url.render_as_string(hide_password=True)
        print(f"gridterm-server demo: {shown} already holds data; give a new --db", file=sys.stderr)
        return 1
    path, pins = _generate(args)
    source = sqlite3.connect(path)
    source.row_factory = sqlite3.Row
    with writing(engine) as conn:
        people = seed(conn, source, pins)
        codes = [enrollment.create_code(conn, note="demo") for _ in range(args.codes)]
    engine.dispose()
    source.close()
    print("users (worker id, name, role, PIN):")
    for worker_id, name, role, pin in people:
        print(f"  {worker_id}\t{name}\t{role}\t{pin}")
    print("enrollment codes:")
    for code in codes:
        print(f"  {code}")
    return 0


def seed(
    conn: Connection, source: sqlite3.Connection, pins: dict[str, str]
) -> list[tuple[str, str, str, str]]:
    """Copy a terminal database into the server; returns (worker id, name, role, PIN)."""
    nums: dict[str, dict[str, int]] = {name: {} for name in (*_NUMBERED, "user")}
    # numbers continue after rows already on the server
    base = {name: partitions.next_num(conn, schema.SYNCED[name]) - 1 for name in nums}
    grid_of: dict[str, dict[str, str]] = {}
    people: list[tuple[str, str, str, str]] = []
    txid = changes.current_txid(conn)
    for entity in entities.MIRRORED:
        table = schema.SYNCED[entity]
        names = {c.name for c in table.columns}
        rows: list[dict[str, Any]] = []
        log: list[tuple[str, str, str, str]] = []
        for raw in source.execute(f"SELECT * FROM {'user' if entity == 'user' else entity}"):
            values = {k: raw[k] for k in raw.keys() if k in names}  # noqa: SIM118 - sqlite3.Row
            if "version" in names and entity != "checklist_template":
                values["version"] = max(1, values.get("version") or 0)
            if entity == "checklist_template" and _adopt_template(conn, txid, values):
                continue
            partition = _place(entity, values, nums, base, grid_of)
            if entity == "user":
                pin = pins.get(values["worker_id"], DEFAULT_PIN)
                values["pin_hash"] = hash_pin(pin)
                people.append((values["worker_id"], values["name"], values["role"], pin))
                partition = _user_partition(values, nums)
            rows.append(full_row(table, values))
            log.append((partition, entity, entities.key_of(entity, values), changes.UPSERT))
        insert_rows(conn, table, rows)
        changes.record(conn, txid, log)
    return people


def _adopt_template(conn: Connection, txid: int, values: dict[str, Any]) -> bool:
    """True when the server already holds this (code, version) — the built-in default —
    which then takes the demo's id; SystemExit when it holds other content under it."""
    t = schema.checklist_template
    existing = conn.execute(
        select(t).where(t.c.code == values["code"], t.c.version == values["version"])
    ).first()
    if existing is None:
        return False
    same = existing.title == values["title"] and json.loads(existing.items) == json.loads(
        values["items"]
    )
    if not same:
        raise SystemExit(
            f"the server holds checklist {values['code']} v{values['version']} with other "
            "content than the demo's: seed a fresh database"
        )
    if existing.id != values["id"]:
        conn.execute(update(t).where(t.c.id == existing.id).values(id=values["id"]))
        changes.record(
            conn,
            txid,
            [
                (partitions.TEMPLATES, "checklist_template", existing.id, changes.DELETE),
                (partitions.TEMPLATES, "checklist_template", values["id"], changes.UPSERT),
            ],
        )
    return True


def _place(
    entity: str,
    values: dict[str, Any],
    nums: dict[str, dict[str, int]],
    base: dict[str, int],
    grid_of: dict[str, dict[str, str]],
) -> str:
    """Fill the server-only columns of a copied row; returns its partition."""
    if entity in _NUMBERED:
        num = base[entity] + len(nums[entity]) + 1
        nums[entity][values["id"]] = num
        values["num"] = num
        if entity == "grid":
            grid_of.setdefault("grid", {})[values["id"]] = values["id"]
        return _NUMBERED[entity](num)
    if entity == "user":
        num = base["user"] + len(nums["user"]) + 1
        nums["user"][values["id"]] = num
        values["num"] = num
        return ""
    if entity == "checklist_template":
        return partitions.TEMPLATES
    if entity == "check_in":
        return partitions.user(nums["user"][values["user_id"]])
    grid_via = entities.entity(entity).grid_via
    if grid_via is not None:
        column, parent = grid_via
        values["grid_id"] = grid_of[parent][values[column]]
    grid_id = values["grid_id"]
    if "id" in values:
        grid_of.setdefault(entity, {})[values["id"]] = grid_id
    return partitions.grid(nums["grid"][grid_id])


def _user_partition(values: dict[str, Any], nums: dict[str, dict[str, int]]) -> str:
    if values.get("community_id"):
        return partitions.community(nums["community"][values["community_id"]])
    return partitions.street_office(nums["street_office"][values["street_office_id"]])
