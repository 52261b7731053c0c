"""``gridterm demo``: write a demo street office into a new database and print its logins."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from gridterm.demo import DEFAULT_SEED
from gridterm.domain.users import Role
from gridterm.errors import GridTermError, StoreError
from gridterm.store.keys import DEFAULT_KDF

if TYPE_CHECKING:
    from gridterm.demo.generator import DemoResult

#: Exit status when the database exists (and --force was not given) or the input is wrong.
EXIT_REFUSED = 2

_ROLE_LABELS = {
    Role.GRID_WORKER: "网格员",
    Role.PART_TIME_WORKER: "兼职网格员",
    Role.MARKET_INSPECTOR: "市场巡查员",
    Role.COMMUNITY_SUPERVISOR: "社区书记",
    Role.STREET_STAFF: "街道工作人员",
}


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Register ``demo`` on the ``gridterm`` command."""
    parser = subparsers.add_parser(
        "demo",
        help="build a demo database (演示数据)",
        description="Build a realistic, deterministic demo street office in a new database.",
    )
    parser.add_argument("--db", required=True, type=Path, help="database file to create")
    parser.add_argument("--households", type=int, default=2_000, help="about how many (户)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="same seed, same data")
    parser.add_argument("--pin", help="one PIN (6-12 digits) for every demo user")
    parser.add_argument(
        "--plaintext", action="store_true", help="developer option: do not encrypt the file"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing database")
    parser.add_argument(
        "--today", type=date.fromisoformat, help="anchor day of the history (YYYY-MM-DD)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Build the demo; print its users and PINs. Exit 2 when refusing to overwrite."""
    # Imported here: every `gridterm` start builds this parser, and the generator is heavy.
    from gridterm.demo.generator import build_demo

    progress = None if args.quiet else (lambda line: print(line, file=sys.stderr, flush=True))
    try:
        result = build_demo(
            args.db,
            args.households,
            seed=args.seed,
            pin=args.pin,
            kdf=DEFAULT_KDF,
            plaintext=args.plaintext,
            overwrite=args.force,
            today=args.today,
            progress=progress,
        )
    except StoreError as exc:
        if exc.code != "store.exists":
            raise
        print(
            f"gridterm demo: {args.db} exists already; use --force to replace it",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    except GridTermError as exc:
        print(f"gridterm demo: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(report(result))
    return 0


def report(result: DemoResult) -> str:
    """What was built and who can log in, as printed by the command."""
    c = result.counts
    kind = "encrypted" if result.encrypted else "PLAINTEXT"
    lines = [
        f"Demo street office written to {result.path} ({kind}) in {result.seconds:.1f} s:",
        f"  {c.get('household', 0):,} households, {c.get('resident', 0):,} residents, "
        f"{c.get('visit', 0):,} visits, {c.get('ticket', 0):,} tickets, "
        f"{c.get('premises', 0):,} market stalls; history until {result.today}, "
        f"seed {result.seed}.",
        "",
        "Demo users:" if result.encrypted else "Demo users (plaintext: no PIN needed):",
        f"  {'worker':<8} {'PIN':<8} {'role':<22} name / grids (or area)",
    ]
    for user in result.users:
        pin = user.pin if result.encrypted else "-"
        label = _ROLE_LABELS[user.role]
        area = "、".join(user.grids) or user.area
        lines.append(
            f"  {user.worker_id:<8} {pin:<8} {user.role.value:<22} {label} {user.name} / {area}"
        )
    return "\n".join(lines)
