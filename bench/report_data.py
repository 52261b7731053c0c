"""A community month for the report bench: ≥ 60,000 visits, 5,000 tickets with their steps,
2,000 hazards, written straight into a terminal database and a server database.

Rows are drawn with a seeded ``random.Random`` and inserted in bulk (no outbox, no sync): the
bench measures reading and exporting, not recording. Both databases get the same rows, the
server's with its own extra columns (``num``, ``grid_id``).
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from gridterm.reports.period import LOCAL_TZ

VISIT_TYPES = (
    ("routine",) * 6
    + ("key_group_care",) * 3
    + ("policy_publicity", "safety_check", "dispute_mediation", "epidemic_prevention")
)
CATEGORIES = ("环境卫生", "市政设施", "物业管理", "消防安全", "邻里纠纷", "违章搭建", "占道经营")
ITEMS = ("wiring", "ebike_charging", "exits_blocked", "extinguisher")
REASONS = ("elderly_alone", "empty_nest", "disabled", "low_income", "patient")
FLOW = ("accept", "dispatch", "mark_handled", "verify", "close")
STATUS_AFTER = {
    "report": "reported",
    "accept": "accepted",
    "dispatch": "dispatched",
    "mark_handled": "handled",
    "verify": "verified",
    "close": "closed",
}


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def community_month(
    month: date,
    *,
    grids: int = 20,
    households: int = 24_000,
    visits: int = 62_000,
    tickets: int = 5_000,
    hazards: int = 2_000,
    seed: int = 14,
) -> dict[str, list[dict[str, Any]]]:
    """Every row of one community (and its street office) with a month of work in ``month``
    (and a month before it, for "change against last month")."""
    rng = random.Random(seed)
    start = datetime(month.year, month.month, 1, tzinfo=LOCAL_TZ)
    rows: dict[str, list[dict[str, Any]]] = {
        t: []
        for t in (
            "street_office",
            "community",
            "grid",
            "building",
            "unit",
            "household",
            "resident",
            "user",
            "user_grid",
            "check_in",
            "visit",
            "ticket",
            "ticket_transition",
            "premises",
            "hazard_inspection",
            "hazard",
        )
    }
    rows["street_office"].append({"id": "so", "name": "东湖街道"})
    rows["community"].append({"id": "c1", "street_office_id": "so", "name": "东湖社区"})
    homes, workers = _households(rng, rows, grids, households)
    _visits(rng, rows, homes, start, visits)
    _check_ins(rng, rows, workers, start)
    _tickets(rng, rows, homes, start, tickets)
    _hazards(rng, rows, start, hazards)
    return rows


def _households(
    rng: random.Random, rows: dict, grids: int, households: int
) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """Grids with their worker, buildings, units, households and heads; the supervisor."""
    homes: list[tuple[str, str, bool]] = []
    workers: list[str] = []
    per_grid = households // grids
    for g in range(grids):
        gid = f"g{g:02d}"
        rows["grid"].append({"id": gid, "community_id": "c1", "name": f"东湖社区第{g + 1}网格"})
        uid = f"u{g:02d}"
        workers.append(uid)
        rows["user"].append(
            {
                "id": uid,
                "worker_id": f"G{g:04d}",
                "name": f"网格员{g + 1}",
                "role": "grid_worker",
                "community_id": "c1",
                "street_office_id": "so",
            }
        )
        rows["user_grid"].append({"user_id": uid, "grid_id": gid})
        for n in range(per_grid):
            b, u = divmod(n, 60)
            bid, unit = f"b-{gid}-{b}", f"un-{gid}-{b}"
            if u == 0:
                rows["building"].append(
                    {"id": bid, "grid_id": gid, "number": str(b + 1), "floors": 6}
                )
                rows["unit"].append({"id": unit, "building_id": bid, "number": "1"})
            hid = f"h-{gid}-{n}"
            key = rng.random() < 0.12
            floor, room = u // 10 + 1, f"{u // 10 + 1}{u % 10 + 1:02d}"
            rows["household"].append(
                {
                    "id": hid,
                    "grid_id": gid,
                    "building_id": bid,
                    "unit_id": unit,
                    "floor": floor,
                    "room": room,
                    "address": f"{b + 1}-1-{room}",
                    "key_reasons": json.dumps([rng.choice(REASONS)]) if key else "[]",
                    "phone": f"138{rng.randrange(10**8):08d}",
                }
            )
            rows["resident"].append(
                {
                    "id": f"r-{hid}",
                    "household_id": hid,
                    "name": f"居民{n}",
                    "gender": "female",
                    "relation": "head",
                }
            )
            homes.append((hid, gid, key))
    rows["user"].append(
        {
            "id": "boss",
            "worker_id": "S0001",
            "name": "社区书记",
            "role": "community_supervisor",
            "community_id": "c1",
            "street_office_id": "so",
        }
    )
    return homes, workers


def _visits(rng: random.Random, rows: dict, homes: list, start: datetime, visits: int) -> None:
    before = start - timedelta(days=31)
    # as many visits the month before (its concerns are compared with this month's)
    for i in range(2 * visits):
        hid, gid, _key = rng.choice(homes)
        when = (before if i >= visits else start) + timedelta(seconds=rng.randrange(30 * 86400))
        raised = rng.random() < 0.25
        concerns = (
            [{"kind": "need", "text": "诉求", "category": rng.choice(CATEGORIES)}] if raised else []
        )
        rows["visit"].append(
            {
                "id": f"v{i}",
                "household_id": hid,
                "user_id": f"u{gid[1:]}",
                "visited_at": _iso(when),
                "visit_type": rng.choice(VISIT_TYPES),
                "concerns": json.dumps(concerns, ensure_ascii=False),
                "outcome": "settled" if raised else "nothing_raised",
                "photos": "[]" if rng.random() < 0.8 else json.dumps(["a" * 64]),
                "created_at": _iso(when),
                "grid_id": gid,
            }
        )


def _check_ins(rng: random.Random, rows: dict, workers: list[str], start: datetime) -> None:
    for day in range(30):
        for uid in workers:
            at = start + timedelta(days=day, hours=8 + rng.random())
            rows["check_in"].append(
                {
                    "id": f"ci-{uid}-{day}",
                    "user_id": uid,
                    "kind": "in",
                    "at": _iso(at),
                    "latitude": 30.5,
                    "longitude": 114.3,
                }
            )


def _tickets(rng: random.Random, rows: dict, homes: list, start: datetime, count: int) -> None:
    for i in range(count):
        _hid, gid, _ = rng.choice(homes)
        uid = f"u{gid[1:]}"
        reported = start + timedelta(seconds=rng.randrange(29 * 86400))
        steps = FLOW[: rng.randrange(len(FLOW) + 1)]
        urgent = rng.random() < 0.06
        at, status = reported, "reported"
        rows["ticket_transition"].append(
            {
                "id": f"tt{i}-0",
                "ticket_id": f"t{i}",
                "action": "report",
                "from_status": None,
                "to_status": "reported",
                "from_level": None,
                "to_level": "grid",
                "by_user": uid,
                "at": _iso(at),
                "grid_id": gid,
                "department": "",
            }
        )
        for n, action in enumerate(steps, start=1):
            at += (
                timedelta(minutes=rng.randrange(3, 12))
                if action == "accept" and urgent
                else timedelta(hours=rng.random() * 30)
            )
            rows["ticket_transition"].append(
                {
                    "id": f"tt{i}-{n}",
                    "ticket_id": f"t{i}",
                    "action": action,
                    "from_status": status,
                    "to_status": STATUS_AFTER[action],
                    "from_level": "grid",
                    "to_level": "grid",
                    "by_user": uid,
                    "at": _iso(at),
                    "grid_id": gid,
                    "department": "城管" if action == "dispatch" else "",
                }
            )
            status = STATUS_AFTER[action]
        rows["ticket"].append(
            {
                "id": f"t{i}",
                "grid_id": gid,
                "category": rng.choice(CATEGORIES),
                "title": "问题",
                "urgent": int(urgent),
                "status": status,
                "level": "grid",
                "reported_by": uid,
                "reported_at": _iso(reported),
                "updated_at": _iso(at),
            }
        )


def _hazards(rng: random.Random, rows: dict, start: datetime, count: int) -> None:
    rows["grid"].append(
        {"id": "m1", "community_id": "c1", "name": "东湖机电五金城", "kind": "special"}
    )
    rows["user"].append(
        {
            "id": "insp",
            "worker_id": "M0001",
            "name": "巡查员",
            "role": "market_inspector",
            "community_id": "c1",
            "street_office_id": "so",
        }
    )
    rows["user_grid"].append({"user_id": "insp", "grid_id": "m1"})
    for p in range(400):
        rows["premises"].append({"id": f"p{p}", "grid_id": "m1", "name": f"商户{p}"})
    for i in range(count):
        found = start + timedelta(seconds=rng.randrange(29 * 86400))
        closed = found + timedelta(days=rng.random() * 10) if rng.random() < 0.6 else None
        rows["hazard_inspection"].append(
            {
                "id": f"hi{i}",
                "premises_id": f"p{i % 400}",
                "grid_id": "m1",
                "inspector_id": "insp",
                "template_code": "small_shop",
                "template_version": 1,
                "started_at": _iso(found),
                "status": "completed",
                "completed_at": _iso(found),
            }
        )
        rows["hazard"].append(
            {
                "id": f"z{i}",
                "inspection_id": f"hi{i}",
                "premises_id": f"p{i % 400}",
                "grid_id": "m1",
                "item_code": rng.choice(ITEMS),
                "severity": "major",
                "deadline": (found + timedelta(days=7)).date().isoformat(),
                "responsible": "经营者",
                "status": "closed" if closed else "rectifying",
                "found_at": _iso(found),
                "closed_at": _iso(closed) if closed else None,
            }
        )


TERMINAL_ONLY_SKIP = {"visit": {"grid_id"}, "ticket_transition": {"grid_id"}}


def fill_terminal(conn: sqlite3.Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Insert the rows into a migrated terminal database (one transaction)."""
    with conn:
        for table, items in rows.items():
            skip = TERMINAL_ONLY_SKIP.get(table, set())
            for chunk in _chunks(items):
                cols = [c for c in chunk[0] if c not in skip]
                marks = ", ".join("?" * len(cols))
                conn.executemany(
                    f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})",
                    [tuple(r.get(c) for c in cols) for r in chunk],
                )


def fill_server(engine: Any, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Insert the rows into a migrated server database, with the server's own columns."""
    from sqlalchemy import insert

    from sync.server.db import schema

    building_grid = {b["id"]: b["grid_id"] for b in rows["building"]}
    grid_of_unit = {u["id"]: building_grid[u["building_id"]] for u in rows["unit"]}
    home_grid = {h["id"]: h["grid_id"] for h in rows["household"]}
    with engine.begin() as conn:
        for table, items in rows.items():
            extra: list[dict[str, Any]] = []
            for n, r in enumerate(items, start=1):
                row = dict(r)
                if table in ("street_office", "community", "grid", "user"):
                    row["num"] = n
                if table == "unit":
                    row["grid_id"] = grid_of_unit[r["id"]]
                if table == "resident":
                    row["grid_id"] = home_grid[r["household_id"]]
                extra.append(row)
            for chunk in _chunks(extra):
                conn.execute(insert(schema.SYNCED[table]), chunk)


def _chunks(items: list[dict[str, Any]], size: int = 5000) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def build(folder: Path, month: date) -> tuple[Path, Path]:
    """The terminal and server databases under ``folder`` (made once, then reused)."""
    from gridterm.store import Store
    from sync.server.db.engine import make_engine
    from sync.server.db.migrate import upgrade

    terminal, server = folder / "terminal.db", folder / "server.db"
    if terminal.exists() and server.exists():
        return terminal, server
    folder.mkdir(parents=True, exist_ok=True)
    rows = community_month(month)
    store = Store.open_plaintext(terminal)
    store.close()
    conn = sqlite3.connect(terminal)
    fill_terminal(conn, rows)
    conn.close()
    engine = make_engine(str(server), pool_size=1)
    upgrade(engine)
    fill_server(engine, rows)
    engine.dispose()
    return terminal, server
