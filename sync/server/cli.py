"""The ``gridterm-server`` command: serve, migrate, admin …, demo."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sync.server.cli_common import db_option, json_option, run_command
from sync.server.settings import DEFAULT_BLOB_DIR


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each sub-command's work lives in its own module."""
    parser = argparse.ArgumentParser(prog="gridterm-server", description="GridTerm sync server")
    db_option(parser, top=True)
    json_option(parser, top=True)
    sub = parser.add_subparsers(dest="command")

    serve = sub.add_parser("serve", help="run the HTTP server")
    db_option(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--blob-dir", type=Path, default=Path(DEFAULT_BLOB_DIR))
    serve.add_argument("--workers", type=int, default=1, help="worker processes")
    serve.add_argument("--pool-size", type=int, default=10, help="database connections per worker")
    serve.set_defaults(run=_serve)

    migrate = sub.add_parser("migrate", help="apply pending database migrations")
    db_option(migrate)
    migrate.set_defaults(run=_migrate)

    from sync.server.admin import cli as admin_cli

    admin_cli.add_parser(sub, db_option)
    from sync.server import demo

    demo.add_parser(sub, db_option)
    from sync.server.reports import cli as report_cli

    report_cli.add_parser(sub, db_option)
    return parser


def _serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    from sync.server.db.engine import is_postgres, make_engine
    from sync.server.db.migrate import SchemaNotCurrentError, check_current, upgrade

    engine = make_engine(args.db, pool_size=1)
    try:
        if is_postgres(engine):
            check_current(engine)
        else:
            upgrade(engine)  # the SQLite default starts with one command
    except SchemaNotCurrentError as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    os.environ["GRIDTERM_DB"] = args.db
    os.environ["GRIDTERM_BLOB_DIR"] = str(args.blob_dir)
    os.environ["GRIDTERM_POOL_SIZE"] = str(args.pool_size)
    uvicorn.run(
        "sync.server.app:create_served_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,
    )
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from sync.server.db.engine import make_engine
    from sync.server.db.migrate import upgrade

    engine = make_engine(args.db, pool_size=1)
    print(f"database at migration {upgrade(engine)}")
    engine.dispose()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gridterm-server`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    return run_command(parser.prog, lambda: int(args.run(args) or 0))


if __name__ == "__main__":
    sys.exit(main())
