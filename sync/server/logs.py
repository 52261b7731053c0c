"""The server's log: start-up, one line per request, errors; as text or JSON lines.

A request's line has its method, path (without the query), status, duration and the device
that made it — never a body, a query string, a token or a PIN: a push carries residents'
names and ID numbers.
"""

from __future__ import annotations

import logging
import time
from typing import Any

#: The logger of the per-request lines.
access = logging.getLogger("gridterm.access")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_config(level: str, fmt: str) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for ours and uvicorn's loggers (uvicorn applies it in
    every worker process)."""
    if fmt == "json":
        formatter: dict[str, Any] = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    else:
        formatter = {"format": TEXT_FORMAT}
    upper = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": formatter},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["stderr"], "level": upper},
        "loggers": {
            # uvicorn's own handlers would print every line twice
            "uvicorn": {"handlers": [], "level": upper, "propagate": True},
            "uvicorn.error": {"level": upper},
            # each worker's migration check would say "Context impl SQLiteImpl." at info
            "alembic": {"level": "WARNING"},
            # its access log would repeat ours without the device
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


class AccessLog:
    """ASGI middleware writing one ``gridterm.access`` line per HTTP request."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]

        async def sending(message: dict) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            ms = (time.perf_counter() - started) * 1000
            device = scope.get("state", {}).get("device_id") or "-"
            level = logging.ERROR if status[0] >= 500 else logging.INFO
            access.log(
                level,
                "%s %s %d %.1fms device=%s",
                scope["method"],
                scope["path"],
                status[0],
                ms,
                device,
                extra={"method": scope["method"], "path": scope["path"], "status": status[0],
                       "duration_ms": round(ms, 1), "device": device},
            )  # fmt: skip
