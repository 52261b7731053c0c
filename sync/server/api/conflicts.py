"""Conflicts for supervisors: list those in your area, resolve one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from sync.protocol import ConflictInfo, ResolveRequest
from sync.server import conflicts
from sync.server.api.deps import DB, Caller
from sync.server.api.errors import ERROR_RESPONSES
from sync.server.auth.scope import Principal
from sync.server.db.engine import reading, writing
from sync.server.errors import forbidden

router = APIRouter(prefix="/v1/conflicts", tags=["conflicts"])


def _require_resolver(caller: Principal) -> None:
    if caller.role not in conflicts.RESOLVERS:
        raise forbidden("role.not_allowed", "only supervisors and street staff settle conflicts")


@router.get("", response_model=list[ConflictInfo], responses=ERROR_RESPONSES)
def list_conflicts(
    caller: Caller,
    engine: DB,
    status: Annotated[str | None, Query(pattern="^(open|resolved)$")] = "open",
) -> list[ConflictInfo]:
    """Conflicts in your area (open ones by default)."""
    _require_resolver(caller)
    with reading(engine) as conn:
        return conflicts.list_conflicts(conn, list(caller.grid_nums), status)


@router.post("/{conflict_id}/resolve", response_model=ConflictInfo, responses=ERROR_RESPONSES)
def resolve(
    conflict_id: Annotated[str, Path(max_length=64)],
    body: ResolveRequest,
    caller: Caller,
    engine: DB,
) -> ConflictInfo:
    """Keep the server's value, take the terminal's, or write another; nothing is deleted."""
    _require_resolver(caller)
    with writing(engine) as conn:
        return conflicts.resolve(
            conn,
            conflict_id,
            body.choice,
            body.value,
            resolver_id=caller.user.id,
            grid_ids=set(caller.grid_nums),
            also=body.also,
        )
