"""The app's own routes, read from its OpenAPI document (FastAPI builds it from every included
route), so a sweep over them covers a route added later without a new test."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from sync.server.app import create_app
from sync.server.settings import Settings


@cache
def _spec() -> dict[str, Any]:
    # a database of its own: a path shared by every worktree on the machine (it was
    # /nonexistent, which root may create) is migrated by whichever branch ran first
    with tempfile.TemporaryDirectory(prefix="gridterm-openapi-") as tmp:
        app = create_app(Settings(db_url=f"sqlite:///{tmp}/openapi.db", blob_dir=Path(tmp)))
        try:
            return app.openapi()
        finally:
            app.state.engine.dispose()


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """Every (method, path, OpenAPI operation) of the app."""
    return [
        (method.upper(), path, op)
        for path, ops in _spec()["paths"].items()
        for method, op in ops.items()
    ]
