"""Errors the API answers with: a status, a stable code, and whether to retry as is."""

from __future__ import annotations


class ApiError(Exception):
    """An answer other than success; becomes an ``ErrorResponse`` body."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str = "",
        *,
        retriable: bool = False,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message or code)
        self.status = status
        self.code = code
        self.message = message or code
        self.retriable = retriable
        self.field = field
        self.headers = headers or {}


def unauthorized(code: str = "auth.required", message: str = "log in first") -> ApiError:
    """401: no valid token."""
    return ApiError(401, code, message, headers={"WWW-Authenticate": "Bearer"})


def forbidden(code: str, message: str) -> ApiError:
    """403: authenticated, but outside the user's role or area; nothing was changed."""
    return ApiError(403, code, message)


def not_found(code: str, message: str) -> ApiError:
    """404."""
    return ApiError(404, code, message)


def busy(message: str = "the server is busy, try again shortly", seconds: int = 2) -> ApiError:
    """503 + Retry-After: try later."""
    return ApiError(
        503, "server.busy", message, retriable=True, headers={"Retry-After": str(seconds)}
    )
