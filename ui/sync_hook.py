"""Where the terminal sync engine (issue 4) plugs into the app.

The app talks to sync only through ``SyncEngine``; until an engine is installed the sync page
shows the outbox as it stands and "sync now" explains that sync is not available yet. An
engine's methods block (network, with timeouts) and run on the app's network pool, never on the
GUI thread or the store's writer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from gridterm.errors import GridTermError


class SyncEngine(Protocol):
    """What the app needs from a sync engine."""

    def enroll(self, server_url: str, code: str, db_path: Path) -> list[tuple[str, str]]:
        """Enroll this terminal; create the database at ``db_path``; return (worker id, name)
        of the local users who can now log in."""
        ...

    def sync_now(self, session: object) -> None:
        """Push the outbox and pull changes once; raise a GridTermError on failure."""
        ...

    def is_online(self) -> bool:
        """Whether the server was reachable at the last attempt."""
        ...


def load_engine() -> SyncEngine | None:
    """The installed sync engine, or None (the app then works offline only)."""
    try:
        from sync.client.engine import make_engine  # type: ignore[import-not-found]
    except ImportError:
        return None
    return make_engine()


def require_engine(engine: SyncEngine | None) -> SyncEngine:
    """``engine``, or the coded error the UI shows when there is none."""
    if engine is None:
        raise GridTermError("sync.no_engine", "no sync engine is installed")
    return engine
