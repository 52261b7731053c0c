"""``gridterm report daily|monthly``: a report of the terminal's local data, written to a file.

    gridterm report daily   --db DB --date 2026-11-20 [--grid ID|--community ID|--street ID]
                            --format xlsx|csv|pdf|json --out FILE [--lang zh_CN|en]
    gridterm report monthly --db DB --month 2026-11 …

The database is unlocked as ``gridterm sync`` does (``--worker-id``/``--pin``, the
``GRIDTERM_WORKER_ID``/``GRIDTERM_PIN`` variables, or a prompt). Bad input — a malformed or
future date, an area outside the user's, an unknown format, an unwritable output — gets one
line on stderr and exit status 2 (1 for a failure while working), and no file is written.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from gridterm.reports.export import Format, Report

EXIT_FAILED = 1
EXIT_USAGE = 2


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``report`` with ``daily`` and ``monthly`` to ``gridterm``'s parser."""
    report = sub.add_parser("report", help="write a daily log or monthly summary to a file")
    kinds = report.add_subparsers(dest="kind", required=True)
    for kind, when, example in (
        ("daily", "--date", "2026-11-20"),
        ("monthly", "--month", "2026-11"),
    ):
        p = kinds.add_parser(
            kind,
            help=f"the {kind} report",
            description=__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("--db", required=True, type=Path, help="the terminal database")
        p.add_argument(when, dest="period", required=True, help=f"e.g. {example}")
        add_area_options(p)
        p.add_argument("--format", required=True, help="xlsx, csv, pdf or json")
        p.add_argument("--out", required=True, type=Path, help="the file to write")
        p.add_argument("--lang", default="zh_CN", help="zh_CN (default) or en")
        p.add_argument("--worker-id", help="worker id (or GRIDTERM_WORKER_ID)")
        p.add_argument("--pin", help="PIN (or GRIDTERM_PIN; asked for when missing)")
        p.add_argument("--plaintext", action="store_true", help="developer option")
        p.set_defaults(run=run_report)


def add_area_options(parser: argparse.ArgumentParser) -> None:
    """``--grid``/``--community``/``--street``: at most one (default: the user's own area)."""
    area = parser.add_mutually_exclusive_group()
    area.add_argument("--grid", help="a grid id")
    area.add_argument("--community", help="a community id")
    area.add_argument("--street", help="a street office id")


def area_of(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """The (kind, id) the options name, or (None, None) for the user's own area."""
    for kind in ("grid", "community", "street"):
        if getattr(args, kind, None):
            return kind, getattr(args, kind)
    return None, None


def run_report(args: argparse.Namespace) -> int:
    """Unlock, compute, write; the path written on stdout."""
    from gridterm.errors import GridTermError, StoreError
    from gridterm.reports.export import parse_format
    from gridterm.services.reports import Reports
    from gridterm.services.session import Session
    from gridterm.store import Store

    worker_id = args.worker_id or os.environ.get("GRIDTERM_WORKER_ID")
    pin = args.pin or os.environ.get("GRIDTERM_PIN")
    if worker_id and not pin and not args.plaintext and sys.stdin.isatty():
        pin = getpass.getpass("PIN: ")
    if not worker_id or not (pin or args.plaintext):
        return _fail("give --worker-id and --pin (or GRIDTERM_WORKER_ID/GRIDTERM_PIN)", EXIT_USAGE)
    try:
        fmt: Format = parse_format(args.format)
        if not args.db.exists():
            raise StoreError("store.missing", f"{args.db} does not exist")
        store = (
            Store.open_plaintext(args.db)
            if args.plaintext
            else Store.unlock(args.db, worker_id, pin or "")
        )
    except GridTermError as exc:
        return _fail(f"{exc.code}: {exc}", EXIT_USAGE)
    try:
        reports = Reports(Session.login(store, worker_id))
        level, area_id = area_of(args)
        report: Report
        if args.kind == "daily":
            report = reports.daily(args.period, level, area_id)
        else:
            report = reports.monthly(args.period, level, area_id)
        written = reports.export(report, fmt, args.out, locale=args.lang)
    except GridTermError as exc:
        return _fail(f"{exc.code}: {exc}", EXIT_USAGE)
    finally:
        store.close()
    print(written)
    return 0


def _fail(message: str, status: int) -> int:
    print(f"gridterm report: {message}", file=sys.stderr)
    return status
