"""``gridterm-server serve``: check the database and the port, log the start, run uvicorn.

Every problem an operator can fix (a bad database URL, an unreachable database, a schema that
was not migrated, a port in use) is found here, before uvicorn starts, and ends the command
with one line and exit status 2 (``cli_common.describe``).
"""

from __future__ import annotations

import argparse
import logging
import logging.config
import os
import socket
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from sync import protocol
from sync.server.blobs.configured import check_storage
from sync.server.settings import Settings

log = logging.getLogger("gridterm.server")
#: serve's flags, each the settings field of the same name (unset flags stay unset).
_FLAGS = ("host", "port", "workers", "pool_size", "blob_dir", "blob_store", "s3_endpoint_url",
          "log_level", "log_format", "forwarded_allow_ips", "root_path")  # fmt: skip
#: How long a worker process may take to start.
WORKER_START_S = 60


def add_parser(sub: Any, db_arg: Any) -> None:
    """Register ``serve``."""
    p = sub.add_parser(
        "serve",
        help="run the HTTP server",
        description="Flags override GRIDTERM_* variables, which override the --config file.",
    )
    db_arg(p)
    unset = argparse.SUPPRESS
    p.add_argument("--config", type=Path, default=unset, help="TOML settings file")
    p.add_argument("--host", default=unset, help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=unset, help="default 8080")
    p.add_argument("--workers", type=int, default=unset, help="worker processes (default 1)")
    p.add_argument("--pool-size", type=int, default=unset, help="database connections per worker")
    p.add_argument("--blob-dir", type=Path, default=unset, help="where photos are kept")
    p.add_argument("--blob-store", default=unset, help="s3://bucket/prefix instead of --blob-dir")
    p.add_argument("--s3-endpoint-url", default=unset, help="the S3-compatible store's address")
    p.add_argument("--log-level", default=unset, choices=["debug", "info", "warning", "error"])
    p.add_argument("--log-format", default=unset, choices=["text", "json"])
    p.add_argument(
        "--forwarded-allow-ips",
        default=unset,
        help="proxies whose X-Forwarded-* headers are trusted (comma-separated, * for any)",
    )
    p.add_argument("--root-path", default=unset, help="path prefix the proxy serves us under")
    p.set_defaults(run=run)


def settings_of(args: argparse.Namespace) -> Settings:
    """The settings of the given flags over the environment and the file."""
    flags: dict[str, Any] = {name: getattr(args, name) for name in _FLAGS if hasattr(args, name)}
    if args.db_given:
        flags["db"] = args.db
    return Settings.load(getattr(args, "config", None), **flags)


def run(args: argparse.Namespace) -> int:
    """Check, log, serve until stopped."""
    import uvicorn

    import sync.server.app  # noqa: F401  (a missing package shows now, not in each worker)
    from sync.server.logs import log_config

    settings = settings_of(args)
    _check_database(settings)
    check_storage(settings)
    _check_port(settings.host, settings.port)
    config = log_config(settings.log_level, settings.log_format)
    logging.config.dictConfig(config)
    log.info(
        "gridterm-server %s (protocol %s) starting: database %s, blobs %s, %d worker(s) on %s:%d",
        _version(), protocol.PROTOCOL_VERSION, _shown(settings.db),
        settings.blob_store or settings.blob_dir,
        settings.workers, settings.host, settings.port,
    )  # fmt: skip
    os.environ.update(settings.as_env())  # the workers' Settings() reads the same values
    uvicorn.run(
        "sync.server.app:create_served_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_config=config,
        access_log=False,  # ours (sync/server/logs.py) names the device
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        root_path=settings.root_path,
        # A worker imports the app and checks the database before it answers the
        # supervisor's ping: on a busy machine that is over uvicorn's 5 s, and the workers
        # were killed and restarted in a loop.
        timeout_worker_healthcheck=WORKER_START_S,
    )
    log.info("gridterm-server stopped")
    return 0


def _check_database(settings: Settings) -> None:
    from sync.server.db.engine import is_postgres, make_engine
    from sync.server.db.migrate import check_current, upgrade

    engine = make_engine(settings.db, pool_size=1)
    try:
        if is_postgres(engine) and not settings.migrate_on_start:
            check_current(engine)
        else:
            upgrade(engine)  # the SQLite default starts with one command
    finally:
        engine.dispose()


def _check_port(host: str, port: int) -> None:
    """Raise OSError(EADDRINUSE) now rather than in a worker after start-up was logged."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        s.bind((host, port))


def _shown(url: str) -> str:
    """The database URL without its password."""
    if "://" not in url:
        return url
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _version() -> str:
    try:
        return version("gridterm")
    except PackageNotFoundError:
        return "unknown"
