"""Every error answer has one shape (``ErrorResponse``); bad input is a 4xx, never a 500."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from sync.protocol import ErrorBody, ErrorResponse
from sync.server.errors import ApiError

log = logging.getLogger(__name__)

#: Documented on every operation: any status not listed otherwise answers with this body.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    "default": {"model": ErrorResponse, "description": "an error; see error.code"},
}


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    retriable: bool = False,
    field: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """A JSON error answer."""
    body = ErrorResponse(
        error=ErrorBody(code=code, message=message, retriable=retriable, field=field)
    )
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers that turn exceptions into error answers."""

    @app.exception_handler(ApiError)
    async def _api(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(
            exc.status,
            exc.code,
            exc.message,
            retriable=exc.retriable,
            field=exc.field,
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        kind = first.get("type", "")
        code = "body.bad_json" if kind == "json_invalid" else "request.invalid"
        status = 400 if kind == "json_invalid" else 422
        return error_response(status, code, f"{where}: {first.get('msg', 'invalid')}", field=where)

    @app.exception_handler(HTTPException)
    async def _http(_request: Request, exc: HTTPException) -> JSONResponse:
        return error_response(
            exc.status_code, f"http.{exc.status_code}", str(exc.detail), headers=exc.headers
        )

    @app.exception_handler(OperationalError)
    async def _db_down(_request: Request, exc: OperationalError) -> JSONResponse:
        log.warning("database busy or unavailable: %s", exc)
        return error_response(
            503,
            "server.database_unavailable",
            "the database is busy or unavailable, try again shortly",
            retriable=True,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(RecursionError)
    async def _too_deep(_request: Request, exc: RecursionError) -> JSONResponse:
        # only input nests this deep; the parsers' own guards answer first, this is the last
        log.warning("input nested too deeply: %s", exc)
        return error_response(422, "request.too_deep", "the request is nested too deeply")

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return error_response(500, "server.error", "unexpected server error", retriable=True)
