"""Enrollment of terminals and login of users."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request

from sync.protocol import EnrollRequest, EnrollResponse, LoginRequest, LoginResponse, UserInfo
from sync.server.api.deps import DB, Caller, bearer
from sync.server.api.errors import ERROR_RESPONSES
from sync.server.auth import enroll_limits, enrollment, login_limits, sessions
from sync.server.auth.scope import Principal, load_principal
from sync.server.db.engine import reading, writing
from sync.server.errors import ApiError, unauthorized

router = APIRouter(prefix="/v1", tags=["auth"])


def user_info(p: Principal) -> UserInfo:
    """The API shape of a principal."""
    u = p.user
    return UserInfo(
        id=u.id,
        worker_id=u.worker_id,
        name=u.name,
        role=u.role.value,
        community_id=u.community_id,
        street_office_id=u.street_office_id,
        grid_ids=sorted(p.grid_nums),
    )


@router.post("/auth/enroll", response_model=EnrollResponse, responses=ERROR_RESPONSES)
def enroll(body: EnrollRequest, request: Request, engine: DB) -> EnrollResponse:
    """Spend a one-time enrollment code; returns the device id and its revocable token
    (wrong codes are limited per client address and in total)."""
    address = request.client.host if request.client else "unknown"
    with reading(engine) as conn:
        enroll_limits.check(conn, address)
    try:
        with writing(engine) as conn:
            device_id, token = enrollment.enroll(conn, body.code, body.device_name)
            enroll_limits.record(conn, address, True)
    except ApiError:
        with writing(engine) as conn:  # the refused code's transaction was rolled back
            enroll_limits.record(conn, address, False)
        raise
    return EnrollResponse(device_id=device_id, device_token=token)


@router.post("/auth/login", response_model=LoginResponse, responses=ERROR_RESPONSES)
def login(
    body: LoginRequest,
    engine: DB,
    authorization: Annotated[str | None, Header(description="Bearer <device token>")] = None,
) -> LoginResponse:
    """Log a user in on an enrolled device with worker id and PIN (rate-limited)."""
    token = bearer(authorization)
    with reading(engine) as conn:
        device_id = enrollment.device_for_token(conn, token)
        if device_id is None and enrollment.is_revoked_token(conn, token):
            raise unauthorized("auth.device_revoked", "this device was revoked")
        if device_id is None:
            raise unauthorized("auth.device_invalid", "this device is not enrolled or revoked")
        login_limits.check(conn, body.worker_id, device_id)
        user_id = sessions.verify_login(conn, body.worker_id, body.pin)
    with writing(engine) as conn:  # the failed attempt must be committed to count
        sessions.record_attempt(conn, body.worker_id, device_id, user_id is not None)
        if user_id is not None:
            session_token, expires = sessions.open_session(conn, user_id, device_id)
        else:
            login_limits.after_failure(conn, body.worker_id, device_id)
    if user_id is None:
        raise unauthorized("auth.wrong_pin", "worker id or PIN is wrong")
    with reading(engine) as conn:
        principal = load_principal(conn, user_id, device_id)
    if principal is None:
        raise unauthorized("auth.wrong_pin", "worker id or PIN is wrong")
    return LoginResponse(token=session_token, expires_at=expires, user=user_info(principal))


@router.get("/me", response_model=UserInfo, responses=ERROR_RESPONSES)
def me(caller: Caller) -> UserInfo:
    """The logged-in user and the grids the server derived for them."""
    return user_info(caller)
