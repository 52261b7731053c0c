"""Push, pull and snapshot."""

from __future__ import annotations

from typing import Annotated, Any

import pydantic
from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response, StreamingResponse
from pydantic_core import to_json
from sqlalchemy import Engine, select

from sync.protocol import (
    DEFAULT_PULL_LIMIT,
    MAX_PULL_LIMIT,
    MAX_PUSH_BODY_BYTES,
    MAX_PUSH_DECOMPRESSED_BYTES,
    PullResponse,
    PushRequest,
    PushResponse,
    SnapshotInfo,
)
from sync.server import audit
from sync.server import pull as pull_service
from sync.server import snapshot as snapshot_service
from sync.server.api.body import decompress, read_limited
from sync.server.api.compress import json_response
from sync.server.api.deps import DB, Caller, Storage, bearer
from sync.server.api.errors import ERROR_RESPONSES
from sync.server.api.ranges import blob_response
from sync.server.auth.scope import Principal
from sync.server.auth.sessions import authenticate
from sync.server.db import schema
from sync.server.db.engine import reading, writing
from sync.server.errors import ApiError, not_found
from sync.server.push.request import WirePush, decode_push, too_deep
from sync.server.push.service import apply_push

router = APIRouter(prefix="/v1/sync", tags=["sync"])

_PUSH_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "a PushRequest as JSON; Content-Encoding gzip or zstd accepted",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}},
    }
}


def _parse_push(raw: bytes, encoding: str | None) -> WirePush | PushRequest:
    data = decompress(raw, encoding, MAX_PUSH_DECOMPRESSED_BYTES)
    fast = decode_push(data)
    if fast is not None:
        return fast
    # refused by the fast decoder: pydantic either accepts it (lax coercion) or words the 4xx
    try:
        return PushRequest.model_validate_json(data)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        if first["type"] == "json_invalid" and "recursion limit" in first["msg"]:
            raise too_deep() from None
        if first["type"] == "json_invalid":
            raise ApiError(400, "body.bad_json", f"the body is not JSON: {first['msg']}") from None
        raise ApiError(
            422, "push.invalid", f"{where}: {first['msg']}", field=where or None
        ) from None


@router.post(
    "/push", response_model=PushResponse, responses=ERROR_RESPONSES, openapi_extra=_PUSH_BODY
)
async def push(
    request: Request,
    engine: DB,
    authorization: Annotated[str | None, Header()] = None,
    content_encoding: Annotated[str | None, Header()] = None,
) -> Response:
    """Apply a batch of outbox ops in one transaction; per-op results and the acked seq."""
    token = bearer(authorization)  # 401 without a token, before the body is read
    raw = await read_limited(request, MAX_PUSH_BODY_BYTES)
    answer = await run_in_threadpool(_push, engine, token, raw, content_encoding, request.state)
    return Response(answer, media_type="application/json")


def _push(engine: Engine, token: str, raw: bytes, encoding: str | None, state: Any) -> bytes:
    """Authenticate, parse, apply and serialise one batch: one hop to the thread pool and one
    database connection for all of it (the caller's session is looked up in its own read
    transaction, as ``get_principal`` does, before the body is decompressed)."""
    with engine.connect() as conn:
        with conn.begin():
            caller = authenticate(conn, token)
        state.device_id = caller.device_id  # for the request's log line
        result = apply_push(conn, caller, _parse_push(raw, encoding))
    # serialised once, in Rust: the response model documents the shape, it is not re-validated
    return to_json(result)


@router.get("/pull", response_model=PullResponse, responses=ERROR_RESPONSES)
def pull(
    request: Request,
    caller: Caller,
    engine: DB,
    cursor: Annotated[str | None, Query(max_length=65536)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT,
    accept_encoding: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    """The changes in your area after ``cursor`` (omit it to start), one page; gzipped
    when ``Accept-Encoding`` allows it."""
    with reading(engine) as conn:
        page = pull_service.pull(conn, caller, cursor, limit, request.app.state.instance)
    if page.changes or page.removals or cursor is None:  # an empty poll is not worth a line
        _audit_area(engine, caller, audit.PULL, changes=len(page.changes), first=cursor is None)
    # serialised once, in Rust, and compressed here (this runs in the thread pool)
    return json_response(to_json(page), accept_encoding)


@router.post("/snapshot", response_model=SnapshotInfo, responses=ERROR_RESPONSES)
def create_snapshot(request: Request, caller: Caller, engine: DB, storage: Storage) -> SnapshotInfo:
    """Build a compressed snapshot of your whole area for a first sync."""
    info = snapshot_service.build(
        engine,
        storage,
        caller,
        request.app.state.instance,
        snapshot_service.scratch_dir(storage),
    )
    _audit_area(engine, caller, audit.SNAPSHOT, rows=info.rows, bytes=info.length)
    return info


def _audit_area(engine: Engine, caller: Principal, action: str, **detail: Any) -> None:
    """Record who took which area (a pull page with changes, a snapshot)."""
    subject = audit.area_subject(caller.user, list(caller.grid_nums))
    with writing(engine) as conn:
        audit.record(
            conn,
            action,
            caller.user.id,
            subject,
            device_id=caller.device_id,
            area=audit.caller_area(caller.user),
            **detail,
        )


@router.get(
    "/snapshot/{snapshot_id}",
    response_class=StreamingResponse,
    responses={
        **ERROR_RESPONSES,
        200: {"content": {"application/zstd": {}}, "description": "the snapshot file"},
        206: {"content": {"application/zstd": {}}, "description": "a range of it"},
    },
)
def download_snapshot(
    request: Request,
    snapshot_id: Annotated[str, Path(max_length=64)],
    caller: Caller,
    engine: DB,
    storage: Storage,
    range: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    """Download a snapshot you made, while your area still holds all of it (410 once a grid
    or colleague it covers has left your area: make a new one); ``Range: bytes=N-`` resumes."""
    s = schema.snapshot
    with reading(engine) as conn:
        row = conn.execute(
            select(s).where(s.c.id == snapshot_id, s.c.user_id == caller.user.id)
        ).first()
    if row is None:
        raise not_found("snapshot.unknown", "no such snapshot of yours")
    # a download cut before a reassignment must not resume into the grid that was taken away
    served = pull_service.Cursor.decode(row.cursor, request.app.state.instance).served
    if not served <= caller.partitions():
        raise ApiError(
            410, "snapshot.outdated", "your area changed since this snapshot: make a new one"
        )
    return blob_response(storage, row.sha256, row.length, range, "application/zstd")
