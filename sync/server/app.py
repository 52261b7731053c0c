"""The app factory: one FastAPI app per instance, holding only the engine and blob storage.

Nothing is kept between requests except in the database and blob storage, so any number of
instances can serve one PostgreSQL behind a load balancer.
"""

from __future__ import annotations

import gc
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi_offline import FastAPIOffline
from sqlalchemy import Engine, select

from sync import protocol
from sync.server.api import audit, auth, blobs, conflicts, errors, health, reports
from sync.server.api import sync as sync_api
from sync.server.api.deps import check_protocol
from sync.server.blobs.configured import open_storage
from sync.server.blobs.storage import BlobStorage
from sync.server.db import schema
from sync.server.db.engine import is_postgres, make_engine, reading
from sync.server.db.migrate import check_current, upgrade
from sync.server.logs import AccessLog
from sync.server.settings import Settings


def create_app(
    settings: Settings | None = None,
    *,
    engine: Engine | None = None,
    storage: BlobStorage | None = None,
) -> FastAPI:
    """Build the app; SQLite databases are migrated on start, PostgreSQL must be current."""
    settings = settings or Settings.from_env()
    engine = engine or make_engine(settings.db_url, pool_size=settings.pool_size)
    migrate = settings.migrate_on_start
    if migrate is None:
        migrate = not is_postgres(engine)
    if migrate:
        upgrade(engine)
    else:
        check_current(engine)
    # /docs and /redoc with Swagger UI and ReDoc served from the package, not a CDN: the
    # server often runs on an intranet with no way out.
    app = FastAPIOffline(
        title="GridTerm sync server",
        version=str(protocol.PROTOCOL_VERSION),
        description="Central sync server for GridTerm terminals (see docs/server.md).",
        dependencies=[Depends(check_protocol)],
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.storage = storage or open_storage(settings)
    with reading(engine) as conn:
        app.state.instance = conn.execute(
            select(schema.meta.c.value).where(schema.meta.c.key == "instance")
        ).scalar_one()
    errors.install(app)
    for router in (
        health.router,
        auth.router,
        sync_api.router,
        blobs.router,
        conflicts.router,
        reports.router,
        audit.router,
    ):
        app.include_router(router)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]  # FastAPI's documented way to extend the schema
    app.add_middleware(AccessLog)
    return app


def create_served_app() -> FastAPI:
    """The app of a ``gridterm-server serve`` process (uvicorn's factory), its collector tuned.

    What is built by now (routes, models, tables, the core) lives as long as the process:
    frozen, it stays out of the cyclic collector's full scans. A push allocates tens of
    thousands of short-lived objects that hold no cycles; at the default young-generation
    threshold (700) they were scanned dozens of times per batch — a third of a 1,000-visit
    push's CPU (docs/performance.md). Not done in ``create_app``: tests build many apps in
    one process, and frozen objects are never freed.
    """
    app = create_app()
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, plus the models it cannot see (raw push body) and our error shape
    in place of its default 422 body."""
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = doc.setdefault("components", {}).setdefault("schemas", {})
    for model in (protocol.PushRequest, protocol.ErrorResponse):
        schema_doc = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(schema_doc.pop("$defs", {}))
        components[model.__name__] = schema_doc
    error_ref = {"$ref": "#/components/schemas/ErrorResponse"}
    for path in doc.get("paths", {}).values():
        for op in path.values():
            responses = op.get("responses", {})
            if "422" in responses:
                responses["422"] = {
                    "description": "invalid request",
                    "content": {"application/json": {"schema": error_ref}},
                }
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    app.openapi_schema = doc
    return doc
