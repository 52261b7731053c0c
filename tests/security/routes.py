"""The app's own routes, read from its OpenAPI document (FastAPI builds it from every included
route), so a sweep over them covers a route added later without a new test."""

from __future__ import annotations

from functools import cache
from typing import Any

from sync.server.app import create_app
from sync.server.settings import Settings


@cache
def _spec() -> dict[str, Any]:
    app = create_app(Settings(db_url="sqlite:////nonexistent/openapi.db", blob_dir="/nonexistent"))
    return app.openapi()


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """Every (method, path, OpenAPI operation) of the app."""
    return [
        (method.upper(), path, op)
        for path, ops in _spec()["paths"].items()
        for method, op in ops.items()
    ]
