"""How a server instance is configured (command line, or environment for the app factory)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = "gridterm-server.db"
DEFAULT_BLOB_DIR = "gridterm-blobs"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything an instance needs; it keeps no other state between requests."""

    db_url: str = DEFAULT_DB
    blob_dir: Path = Path(DEFAULT_BLOB_DIR)
    #: Apply migrations when starting (the SQLite default); PostgreSQL uses `migrate`.
    migrate_on_start: bool | None = None
    pool_size: int = 10

    @classmethod
    def from_env(cls) -> Settings:
        """Settings from GRIDTERM_DB / GRIDTERM_BLOB_DIR (for ``uvicorn --factory``)."""
        return cls(
            db_url=os.environ.get("GRIDTERM_DB", DEFAULT_DB),
            blob_dir=Path(os.environ.get("GRIDTERM_BLOB_DIR", DEFAULT_BLOB_DIR)),
            pool_size=int(os.environ.get("GRIDTERM_POOL_SIZE", "10")),
        )
