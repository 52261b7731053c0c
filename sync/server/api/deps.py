"""Dependencies shared by the routers: the engine, the caller, the protocol check.

Those that only read the request are ``async``: FastAPI runs a plain ``def`` dependency in the
thread pool, and each such hop cost more than the dependency itself. ``get_principal`` reads
the database, so it stays a ``def``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy import Engine

from sync.protocol import HEADER_PROTOCOL, PROTOCOL_VERSION
from sync.server.auth.scope import Principal
from sync.server.auth.sessions import authenticate
from sync.server.blobs.storage import BlobStorage
from sync.server.db.engine import reading
from sync.server.errors import ApiError, unauthorized
from sync.server.settings import Settings


async def get_engine(request: Request) -> Engine:
    """The app's database engine."""
    return request.app.state.engine


async def get_storage(request: Request) -> BlobStorage:
    """The app's blob storage."""
    return request.app.state.storage


async def get_settings(request: Request) -> Settings:
    """The app's settings."""
    return request.app.state.settings


def bearer(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer …`` header; 401 without one."""
    if not authorization:
        raise unauthorized()
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("auth.bad_header", "use Authorization: Bearer <token>")
    return token.strip()


def get_principal(
    request: Request,
    engine: Annotated[Engine, Depends(get_engine)],
    authorization: Annotated[str | None, Header()] = None,
) -> Principal:
    """The logged-in user behind the session token, with their area (its device goes in
    the request's log line)."""
    token = bearer(authorization)
    with reading(engine) as conn:
        principal = authenticate(conn, token)
    request.state.device_id = principal.device_id
    return principal


async def check_protocol(
    x_gridterm_protocol: Annotated[
        str | None, Header(alias=HEADER_PROTOCOL, description="the client's protocol version")
    ] = None,
) -> None:
    """426 "please upgrade" for a client speaking an older protocol."""
    if x_gridterm_protocol is None:
        return
    if not x_gridterm_protocol.strip().isdigit():
        raise ApiError(400, "client.bad_protocol_header", f"{HEADER_PROTOCOL} must be a number")
    if int(x_gridterm_protocol) < PROTOCOL_VERSION:
        raise ApiError(426, "client.upgrade_required", "please upgrade GridTerm to sync")


Caller = Annotated[Principal, Depends(get_principal)]
DB = Annotated[Engine, Depends(get_engine)]
Storage = Annotated[BlobStorage, Depends(get_storage)]
