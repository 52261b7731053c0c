"""``/healthz``: the load balancer's probe; up only when the database answers."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from sync.protocol import PROTOCOL_VERSION
from sync.server.api.deps import DB
from sync.server.api.errors import ERROR_RESPONSES
from sync.server.db.engine import reading

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """The instance is up and reaches its database."""

    status: str
    protocol: int
    database: str


@router.get("/healthz", response_model=Health, responses=ERROR_RESPONSES)
def healthz(engine: DB) -> Health:
    """Check the database with a trivial query."""
    with reading(engine) as conn:
        conn.execute(text("SELECT 1"))
    return Health(status="ok", protocol=PROTOCOL_VERSION, database=engine.dialect.name)
