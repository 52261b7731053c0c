"""``gridterm app``: start the terminal app (Qt is imported only when it starts)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``app`` sub-command to ``gridterm``'s parser."""
    parser = sub.add_parser("app", help="start the terminal app", description=__doc__)
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--demo",
        action="store_true",
        help="use (building it the first time) a local demo database; no server needed",
    )
    where.add_argument("--db", type=Path, help="open this terminal database")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language for this run")
    parser.add_argument(
        "--colours", choices=("normal", "high_contrast"), help="colour scheme for this run"
    )
    parser.add_argument("--text-size", choices=("normal", "large"), help="text size for this run")
    parser.add_argument(
        "--settings", type=Path, help="settings file (default: under the user config folder)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Start the app with the parsed options."""
    from ui.app import main

    return main(args)
