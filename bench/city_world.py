"""The city model's world (bench/city.py): street offices of communities of grids, each grid
with its grid workers (网格员, one full-time and part-time ones), each worker with an enrolled
device and an open session, and each terminal's day of work.

The shape follows a city rather than one huge community: a grid's terminals pull the
community's directory of colleagues and templates, so 2,000 workers in one community would
make every first pull three pages of community rows where a real community has a few dozen
workers (docs/performance.md, "The city model")."""

from __future__ import annotations

import hashlib
import json
import random
import secrets
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import zstandard

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import server_load  # noqa: E402
from gridterm.ids import new_id  # noqa: E402
from sync.server.admin import territory, users  # noqa: E402
from sync.server.auth import enrollment, sessions  # noqa: E402
from sync.server.db.engine import make_engine, writing  # noqa: E402
from sync.server.db.migrate import upgrade  # noqa: E402
from tests.server.helpers import ticket_fields  # noqa: E402

#: terminals per grid: the full-time grid worker and the part-time ones (兼职网格员)
PER_GRID = 4
#: grids per community (社区) and communities per street office (街道): a mid-sized city's
GRIDS_PER_COMMUNITY = 8
COMMUNITIES_PER_OFFICE = 10
HOMES_PER_GRID = 60
SETUP_THREADS = 6


def _homes(conn: Any, gid: str) -> list[str]:
    """A grid's building, unit and households."""
    unit = territory.unit(conn, territory.building(conn, gid, "1", floors=20), "1")
    return [
        territory.household(conn, unit, 1 + i // 6, f"{1 + i // 6}0{i % 6}", {})[0]
        for i in range(HOMES_PER_GRID)
    ]


def _workers(conn: Any, community: str, gid: str, g: int, tag: str, count: int) -> list[dict]:
    """``count`` workers of a grid, each with an enrolled device and an open session."""
    out = []
    for w in range(count):
        worker = f"city{g}-{w}-{tag}"
        uid = server_load.grid_worker(conn, worker, "网格员", community, gid)
        device, _ = enrollment.enroll(conn, enrollment.create_code(conn), worker)
        token, _ = sessions.open_session(conn, uid, device)
        out.append({"user": uid, "grid": gid, "device": device, "token": token})
    return out


def _communities(conn: Any, tag: str, grids: int) -> list[str]:
    """The community of each of ``grids`` grids, in street offices of ten communities."""
    out: list[str] = []
    for c in range(-(-grids // GRIDS_PER_COMMUNITY)):
        if c % COMMUNITIES_PER_OFFICE == 0:
            office = territory.street_office(conn, f"城市街道{c // COMMUNITIES_PER_OFFICE}-{tag}")
        community = territory.community(conn, office, f"城市社区{c}-{tag}")
        out += [community] * min(GRIDS_PER_COMMUNITY, grids - c * GRIDS_PER_COMMUNITY)
    return out


def setup(db: str, terminals: int) -> dict[str, Any]:
    """Grids of ``PER_GRID`` workers, each with an enrolled device and an open session.

    The households are written by several threads, a transaction per grid: one after another,
    2,000 terminals' 12,000 households took longer to set up than the run itself. Grids and
    users are numbered max + 1, so they are made in one transaction."""
    engine = make_engine(db, pool_size=SETUP_THREADS)
    upgrade(engine)
    tag = secrets.token_hex(3)
    grids = max(1, -(-terminals // PER_GRID))
    # one PIN hash for every bench worker: hashing 2,000 PINs would take minutes
    pin_hash = users.hash_pin(server_load.PIN)
    real_hash, users.hash_pin = users.hash_pin, lambda _pin: pin_hash  # type: ignore[assignment]
    try:
        with writing(engine) as conn:
            communities = _communities(conn, tag, grids)
            ids = [territory.grid(conn, c, f"城市网格{g}-{tag}") for g, c in enumerate(communities)]
            made = [
                _workers(conn, c, gid, g, tag, min(PER_GRID, terminals - g * PER_GRID))
                for g, (gid, c) in enumerate(zip(ids, communities, strict=True))
            ]
    finally:
        users.hash_pin = real_hash  # type: ignore[assignment]

    def one(gid: str) -> list[str]:
        with writing(engine) as conn:
            return _homes(conn, gid)

    with ThreadPoolExecutor(SETUP_THREADS) as pool:
        homes = list(pool.map(one, ids))
    for ts, grid_homes in zip(made, homes, strict=True):
        for t in ts:
            t["homes"] = grid_homes
    return {"grids": ids, "terminals": [t for ts in made for t in ts], "engine": engine}


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+08:00")


def photo(seed: int, kb: int) -> bytes:
    """A photo's bytes, the same for the same seed (incompressible, like a JPEG)."""
    return random.Random(seed).randbytes(kb * 1024)


def day_of_work(t: dict[str, Any], visits: int, photos: int, photo_kb: int) -> dict[str, Any]:
    """A terminal's day: the push body (visits, tickets and their acceptances) and photos."""
    # the photos' bytes are made again at upload time from their seeds: 4,000 photos of 200 KB
    # held at once for 2,000 terminals would be 800 MB of the shared machine's memory
    seeds = [secrets.randbits(64) for _ in range(photos)]
    digests = [hashlib.sha256(photo(seed, photo_kb)).hexdigest() for seed in seeds]
    ops: list[dict[str, Any]] = []

    def add(entity: str, entity_id: str, fields: dict[str, Any]) -> None:
        ops.append(
            {
                "op_id": new_id(),
                "seq": len(ops) + 1,
                "entity": entity,
                "entity_id": entity_id,
                "op": "create",
                "fields": fields,
            }
        )

    for i in range(visits):
        vid = new_id()
        add(
            "visit",
            vid,
            {
                "id": vid,
                "household_id": random.choice(t["homes"]),
                "user_id": t["user"],
                "visited_at": _now(),
                "visit_type": "routine",
                "met": '["户主"]',
                "concerns": "[]",
                "notes": "入户走访，家中情况正常",
                "outcome": "nothing_raised",
                "photos": json.dumps(digests) if i == 0 and digests else "[]",
                "created_at": _now(),
            },
        )
    for _ in range(2):
        tid = new_id()
        add(
            "ticket",
            tid,
            {
                "id": tid,
                **ticket_fields(t["grid"], t["user"], reported_at=_now(), updated_at=_now()),
            },
        )
        add(
            "ticket_transition",
            new_id(),
            {
                "ticket_id": tid,
                "action": "accept",
                "by_user": t["user"],
                "at": _now(),
                "from_status": "reported",
            },
        )
    doc = {
        "device_id": t["device"],
        "batch_id": new_id(),
        "schema_version": 1,
        "compact": True,
        "ops": ops,
    }
    body = zstandard.ZstdCompressor(level=3).compress(
        json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    )
    return {
        "body": body,
        "records": len(ops),
        "photos": [(d, seed, photo_kb) for d, seed in zip(digests, seeds, strict=True)],
    }
