"""The ``gridterm`` command: the app (default) and its sub-commands.

Each sub-command lives beside what it drives (``gridterm.demo.cli``, ``ui.cli``,
``sync.client_cli``) and offers ``add_parser(subparsers)``; this module only dispatches, so
``gridterm`` itself never imports Qt: ``ui.cli`` imports PySide6 only when the app starts.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from gridterm.extras import missing_extra

#: Modules that contribute sub-commands; one that is not installed is left out.
SUBCOMMAND_MODULES = ("ui.cli", "gridterm.demo.cli", "gridterm.reports.cli", "sync.client_cli")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``gridterm`` with every installed sub-command."""
    parser = argparse.ArgumentParser(prog="gridterm", description="GridTerm field terminal")
    sub = parser.add_subparsers(dest="command")
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gridterm`` console script."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        return int(args.run(args) or 0)
    except ModuleNotFoundError as exc:
        line = missing_extra(exc)
        if line is None:
            raise
        print(f"gridterm: {line}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
