"""The ``gridterm-server`` command: serve, migrate, admin …, demo."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from gridterm.extras import missing_extra


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each sub-command's work lives in its own module."""
    from sync.server.cli_common import db_option, json_option

    parser = argparse.ArgumentParser(prog="gridterm-server", description="GridTerm sync server")
    db_option(parser, top=True)
    json_option(parser, top=True)
    sub = parser.add_subparsers(dest="command")

    from sync.server import serve

    serve.add_parser(sub, db_option)

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


def _migrate(args: argparse.Namespace) -> int:
    from sync.server.db.engine import make_engine
    from sync.server.db.migrate import upgrade

    engine = make_engine(args.db, pool_size=1)
    print(f"database at migration {upgrade(engine)}")
    engine.dispose()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gridterm-server`` console script."""
    try:
        parser = build_parser()
    except ModuleNotFoundError as exc:
        line = missing_extra(exc, server=True)
        if line is None:
            raise
        print(f"gridterm-server: {line}", file=sys.stderr)
        return 2
    from sync.server.cli_common import default_db, run_command

    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    args.db_given = args.db is not None
    if args.db is None:
        args.db = default_db()
    return run_command(parser.prog, lambda: int(args.run(args) or 0))


if __name__ == "__main__":
    sys.exit(main())
