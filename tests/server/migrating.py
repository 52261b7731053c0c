"""Databases at an older schema, for the tests of a migration that carries data forward."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from alembic import command
from sqlalchemy import Connection, Engine

from sync.server.db.engine import make_engine, writing
from sync.server.db.migrate import alembic_config
from tests.postgres import throwaway_database


@contextmanager
def old_database(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """An empty database on ``backend`` ("sqlite": a file under ``tmp_path``, "postgresql": a
    throwaway database dropped after)."""
    databases: AbstractContextManager[str] = (
        nullcontext(f"sqlite:///{tmp_path / 'old.db'}")
        if backend == "sqlite"
        else throwaway_database()
    )
    with databases as url:
        engine = make_engine(url, pool_size=1)
        try:
            yield engine
        finally:
            engine.dispose()


@contextmanager
def upgraded(engine: Engine, revision: str = "head") -> Iterator[Connection]:
    """Migrate to ``revision`` and go on in the same transaction (rows of that schema)."""
    cfg = alembic_config()
    with writing(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        yield conn
