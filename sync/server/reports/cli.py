"""``gridterm-server report daily|monthly``: a report of the server's data, written to a file.

    gridterm-server report daily   --db URL --date 2026-11-20 (--community ID|--street ID|--grid ID)
                                   --format xlsx|csv|pdf|json --out FILE [--lang zh_CN|en]
    gridterm-server report monthly --db URL --month 2026-11 …

Run by the street office's operator on the server: the area is required and the report is
made as street staff of the area's street office (``--as WORKER_ID`` makes it as that user,
with their scope and masking). The export is recorded. Bad input gets one line on stderr,
exit status 2, and no file.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from gridterm.domain.users import Role, User
from gridterm.errors import GridTermError, NotFoundError

if TYPE_CHECKING:
    from sqlalchemy import Connection

EXIT_USAGE = 2


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    db_arg: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add ``report daily|monthly`` to ``gridterm-server``."""
    report = sub.add_parser("report", help="write a daily log or monthly summary to a file")
    db_arg(report)
    kinds = report.add_subparsers(dest="kind", required=True)
    for kind, when, example in (
        ("daily", "--date", "2026-11-20"),
        ("monthly", "--month", "2026-11"),
    ):
        p = kinds.add_parser(kind, help=f"the {kind} report", description=__doc__,
                             formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
        db_arg(p)
        p.add_argument(when, dest="period", required=True, help=f"e.g. {example}")
        area = p.add_mutually_exclusive_group(required=True)
        area.add_argument("--grid", help="a grid id")
        area.add_argument("--community", help="a community id")
        area.add_argument("--street", help="a street office id")
        p.add_argument("--format", required=True, help="xlsx, csv, pdf or json")
        p.add_argument("--out", required=True, type=Path, help="the file to write")
        p.add_argument("--lang", default="zh_CN", help="zh_CN (default) or en")
        p.add_argument("--as", dest="as_worker", help="make the report as this user")
        p.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    """Compute, write, record; the path written on stdout."""
    from sync.server.db.engine import make_engine, reading
    from sync.server.reports import service

    level, area_id = next(
        (k, getattr(args, k)) for k in ("grid", "community", "street") if getattr(args, k)
    )
    engine = make_engine(args.db, pool_size=1)
    try:
        with reading(engine) as conn:
            user = _acting_user(conn, args.as_worker, level, area_id)
        made = service.produce(
            engine, user, args.kind, args.period, level, area_id, args.format,
            locale=args.lang, out=args.out, via="cli",
        )  # fmt: skip
    except GridTermError as exc:
        print(f"gridterm-server report: {exc.code}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        engine.dispose()
    print(made.path)
    return 0


def _acting_user(conn: Connection, worker_id: str | None, level: str, area_id: str) -> User:
    from sqlalchemy import select

    from gridterm.reports.area import LEVELS
    from sync.server.auth.scope import principal_for
    from sync.server.db import schema
    from sync.server.reports.rows import ServerSource

    if worker_id:
        row = conn.execute(select(schema.user).where(schema.user.c.worker_id == worker_id)).first()
        if row is None:
            raise NotFoundError("user.not_found", f"no user {worker_id}")
        return principal_for(conn, row, "").user
    place = ServerSource(conn).place(LEVELS[level], area_id)
    if place is None:
        raise NotFoundError("report.area_unknown", f"no such area {area_id}")
    # the operator acts for the street office holding the area
    return User(
        id=f"operator:{getpass.getuser()}",
        worker_id="operator",
        name="operator",
        role=Role.STREET_STAFF,
        street_office_id=place.street_office_id,
    )
