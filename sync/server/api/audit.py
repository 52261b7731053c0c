"""The audit log for supervisors and street staff: the events of their own area."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from gridterm.domain.users import ScopeLevel
from sync.protocol import AuditEvent
from sync.server import audit
from sync.server.api.deps import DB, Caller
from sync.server.api.errors import ERROR_RESPONSES
from sync.server.db.engine import reading
from sync.server.errors import forbidden

router = APIRouter(prefix="/v1/audit", tags=["audit"])


@router.get("", response_model=list[AuditEvent], responses=ERROR_RESPONSES)
def list_events(
    caller: Caller,
    engine: DB,
    action: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[AuditEvent]:
    """Newest first: a supervisor sees their community's events, street staff their street
    office's; other roles are refused (403)."""
    level = caller.user.scope_level
    if level is ScopeLevel.COMMUNITY:
        query = audit.Query(action=action, community_id=caller.user.community_id, limit=limit)
    elif level is ScopeLevel.STREET_OFFICE:
        office = caller.user.street_office_id
        query = audit.Query(action=action, street_office_id=office, limit=limit)
    else:
        raise forbidden("role.not_allowed", "the audit log is for supervisors and street staff")
    with reading(engine) as conn:
        return [AuditEvent.model_validate(e) for e in audit.events(conn, query)]
