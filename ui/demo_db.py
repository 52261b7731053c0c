"""The local demo database (演示数据) under the user data folder, built once and reused."""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs

from ui.context import DemoUser

#: Enough households for a realistic street office that builds in a few seconds.
DEMO_HOUSEHOLDS = 3000
DEMO_SEED = 20240501


def data_dir() -> Path:
    """GridTerm's folder under the user data dir."""
    return platformdirs.user_data_path("gridterm")


def demo_db_path() -> Path:
    """Where the demo database lives."""
    return data_dir() / "demo" / "gridterm-demo.db"


def users_file(db_path: Path) -> Path:
    """The demo accounts (worker ids and PINs) beside a demo database."""
    return db_path.with_name(db_path.name + ".users.json")


def load_demo_users(db_path: Path) -> list[DemoUser]:
    """The demo accounts of ``db_path`` ([] for a real database)."""
    path = users_file(db_path)
    if not path.exists():
        return []
    return [DemoUser(**u) for u in json.loads(path.read_text(encoding="utf-8"))]


def save_demo_users(db_path: Path, users: list[DemoUser]) -> None:
    """Remember the demo accounts beside the database."""
    data = [{"worker_id": u.worker_id, "name": u.name, "role": u.role, "pin": u.pin} for u in users]
    users_file(db_path).write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def ensure_demo(
    db_path: Path | None = None, households: int = DEMO_HOUSEHOLDS
) -> tuple[Path, list[DemoUser]]:
    """Build the demo database unless it exists; returns its path and accounts (blocking)."""
    path = db_path or demo_db_path()
    if path.exists() and users_file(path).exists():
        return path, load_demo_users(path)
    from gridterm.demo.generator import build_demo

    path.parent.mkdir(parents=True, exist_ok=True)
    result = build_demo(path, households, seed=DEMO_SEED)
    users = [DemoUser(str(u.worker_id), str(u.name), str(u.role), str(u.pin)) for u in result.users]
    save_demo_users(path, users)
    return path, users
