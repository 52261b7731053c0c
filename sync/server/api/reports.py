"""Reports for supervisors and street staff: ``GET /v1/reports/daily`` and ``/monthly``.

Scoped to the caller's area (403 outside it); the file is written to a temporary file and
streamed from it in chunks (a street office's month can be large), then deleted.
"""

from __future__ import annotations

import shutil
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from starlette.background import BackgroundTask

from gridterm.errors import GridTermError
from sync.server.api.deps import DB, Caller
from sync.server.api.errors import ERROR_RESPONSES
from sync.server.auth.scope import Principal
from sync.server.errors import ApiError
from sync.server.reports import service

router = APIRouter(prefix="/v1/reports", tags=["reports"])

_FILE = {
    200: {
        "description": "the report file (xlsx, CSV or a zip of CSVs, PDF, JSON)",
        "content": {
            media: {"schema": {"type": "string", "format": "binary"}}
            for media in (*service.MEDIA_TYPES.values(), "application/zip")
        },
    },
    **ERROR_RESPONSES,
}


class AreaQuery(BaseModel):
    """The query both reports take besides their period: the area (one of grid, community,
    street; none: the caller's own), the file's format and its language."""

    grid: str | None = Field(None, max_length=64, description="a grid id")
    community: str | None = Field(None, max_length=64, description="a community id")
    street: str | None = Field(None, max_length=64, description="a street office id")
    format: str = Field("json", max_length=10, description="xlsx, csv, pdf or json")
    lang: str = Field("zh_CN", pattern="^(zh_CN|en)$", description="language of the file")


def _send(caller: Principal, engine: Engine, kind: str, period: str, q: AreaQuery) -> FileResponse:
    areas = (("grid", q.grid), ("community", q.community), ("street", q.street))
    named = [(k, v) for k, v in areas if v]
    if len(named) > 1:
        raise ApiError(422, "report.bad_area", "name one of grid, community, street")
    level, area_id = named[0] if named else (None, None)
    try:
        made = service.produce(
            engine, caller.user, kind, period, level, area_id, q.format,
            locale=q.lang, device_id=caller.device_id,
        )  # fmt: skip
    except GridTermError as exc:
        raise service.as_api_error(exc) from None
    return FileResponse(
        made.path,
        media_type=made.media_type,
        filename=f"{kind}-{made.report.area.id}-{made.report.period.label()}{made.path.suffix}",
        background=BackgroundTask(shutil.rmtree, made.path.parent, ignore_errors=True),
    )


@router.get("/daily", response_class=FileResponse, responses=_FILE)
def daily(
    caller: Caller,
    engine: DB,
    date: Annotated[str, Query(max_length=10, description="YYYY-MM-DD, not in the future")],
    q: Annotated[AreaQuery, Query()],
) -> FileResponse:
    """The daily work log (工作日志) of a day and area (your own area when none is named)."""
    return _send(caller, engine, "daily", date, q)


@router.get("/monthly", response_class=FileResponse, responses=_FILE)
def monthly(
    caller: Caller,
    engine: DB,
    month: Annotated[str, Query(max_length=7, description="YYYY-MM, not in the future")],
    q: Annotated[AreaQuery, Query()],
) -> FileResponse:
    """The monthly summary (月度民情分析) of a month and area."""
    return _send(caller, engine, "monthly", month, q)
