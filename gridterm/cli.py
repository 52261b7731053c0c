"""The ``gridterm`` command: the app (default) and its sub-commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``gridterm``; each sub-command lives in its own module."""
    parser = argparse.ArgumentParser(prog="gridterm", description="GridTerm field terminal")
    sub = parser.add_subparsers(dest="command")
    from gridterm.demo import cli as demo_cli

    demo_cli.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gridterm`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    return int(args.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
