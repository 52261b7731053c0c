"""``gridterm-server admin audit``, and the audit entry every changing admin command writes."""

from __future__ import annotations

import argparse
import getpass
import os
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from gridterm.errors import NotFoundError
from sync.server import audit
from sync.server.admin import users
from sync.server.admin.output import print_table

#: Arguments that say how the command ran, not what it changed.
_PLUMBING = {"run", "db", "json", "command", "admin_command", "pin_file"}
#: The argument naming what a command changed, in order of preference.
_SUBJECTS = ("worker_id", "user", "device", "grid", "conflict_id", "file", "street_office")


def operator() -> str:
    """Who runs the admin command: the login behind sudo, else the current one."""
    return "admin:" + (os.environ.get("SUDO_USER") or getpass.getuser())


def record_command(conn: Connection, args: argparse.Namespace) -> None:
    """One audit event for a changing admin command, in its transaction (so a command that
    fails leaves no entry)."""
    given = {k: v for k, v in vars(args).items() if k not in _PLUMBING and v is not None}
    subject = next((str(given[k]) for k in _SUBJECTS if k in given), "")
    area = None
    worker = given.get("worker_id") or given.get("user")
    if isinstance(worker, str):
        try:
            area = audit.user_area(conn, users.user_id(conn, worker))
        except NotFoundError:
            area = None  # a command about a worker that is not there (yet)
    name = "admin." + str(args.admin_command)
    audit.record(conn, name, operator(), subject, area=area, **given)


def add_command(cmd: Any) -> None:
    """Register ``audit`` with ``cmd`` (the admin parser's sub-command factory)."""
    p = cmd("audit", _audit, "query the audit log (newest first)", write=False)
    p.add_argument("--action", help="exact, or a prefix ending in '.' (admin.)")
    p.add_argument("--actor", help="user id, worker id, address or admin:LOGIN")
    p.add_argument("--subject", help="what was acted on (area, worker id, record id)")
    p.add_argument("--community", help="community id")
    p.add_argument("--street-office", help="street office id")
    p.add_argument("--since", type=_day, help="YYYY-MM-DD (UTC), inclusive")
    p.add_argument("--until", type=_day, help="YYYY-MM-DD (UTC), exclusive")
    p.add_argument("--limit", type=int, default=200)


def _day(text: str) -> int:
    try:
        day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None
    return int(day.timestamp() * 1000)


def _audit(conn: Connection, args: argparse.Namespace) -> int:
    query = audit.Query(
        action=args.action,
        actor=args.actor,
        subject=args.subject,
        since_ms=args.since,
        until_ms=args.until,
        community_id=args.community,
        street_office_id=args.street_office,
        limit=args.limit,
    )
    rows = [_row(e) for e in audit.events(conn, query)]
    columns = [("time", "TIME"), ("action", "ACTION"), ("actor", "ACTOR")]
    more = [("device_id", "DEVICE"), ("subject", "SUBJECT"), ("detail", "DETAIL")]
    print_table(args, [*columns, *more], rows)
    return 0


def _row(event: dict[str, Any]) -> dict[str, Any]:
    when = datetime.fromtimestamp(event["at"] / 1000, UTC).isoformat(timespec="seconds")
    return {**event, "time": when}
