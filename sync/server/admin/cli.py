"""``gridterm-server admin …``: the street office's set-up commands."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select

from gridterm.domain.users import Role
from gridterm.errors import GridTermError
from sync.protocol import ConflictChoice
from sync.server import conflicts
from sync.server.admin import audit_cli, prune, register, templates, territory, users
from sync.server.admin.output import print_json, print_result, print_table, wants_json
from sync.server.admin.pins import pin_option, read_pin
from sync.server.admin.settings_cli import add_settings_commands
from sync.server.auth import enrollment, sessions
from sync.server.cli_common import json_option
from sync.server.db import retention, schema
from sync.server.db.engine import make_engine, reading, writing
from sync.server.db.migrate import upgrade
from sync.server.errors import ApiError

Action = Callable[[Connection, argparse.Namespace], int]
ROLES = [r.value for r in Role]
#: Rows were rejected and nothing was imported (``--allow-partial`` imports the others).
EXIT_REJECTED = 1


class _Abort(Exception):
    """Ends a command with ``code`` and rolls its transaction back."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def add_parser(sub: Any, db_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``admin`` and its sub-commands."""
    admin = sub.add_parser("admin", help="set up territory, users, grids, templates, devices")
    db_arg(admin)
    json_option(admin)
    cmds = admin.add_subparsers(dest="admin_command", required=True)

    def cmd(name: str, action: Action, help: str, *, write: bool = True) -> argparse.ArgumentParser:
        """One sub-command running ``action`` in a (write or read) transaction."""
        p = cmds.add_parser(name, help=help)
        db_arg(p)
        json_option(p)
        p.set_defaults(run=lambda args: _run(args, action, write))
        return p

    p = cmd("import-register", _import_register, "import territory + households from CSV/XLSX")
    p.add_argument("file", type=Path)
    p.add_argument("--report", type=Path, help="write rejected rows to this CSV")
    p.add_argument(
        "--allow-partial",
        action="store_true",
        help="import the good rows even when some are rejected (default: import nothing)",
    )

    _people_commands(cmd)
    p = cmd("import-template", _import_template, "publish a checklist template (YAML/JSON/XLSX)")
    p.add_argument("file", type=Path)

    add_settings_commands(cmd)

    _device_commands(cmd)
    audit_cli.add_command(cmd)
    _conflict_commands(cmd)


Command = Callable[..., argparse.ArgumentParser]


def _people_commands(cmd: Command) -> None:
    """Territory, users and who holds which grid."""
    p = cmd("add-grid", _add_grid, "create a street office / community / grid by name")
    p.add_argument("street_office")
    p.add_argument("community")
    p.add_argument("grid")
    p.add_argument("--kind", default="residential", choices=["residential", "special"])

    p = cmd("add-user", _add_user, "create a user with a role and a PIN")
    p.add_argument("worker_id")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=ROLES)
    pin_option(p)
    p.add_argument("--community", help="community id or name")
    p.add_argument("--street-office", help="street office id or name (street staff)")

    p = cmd("set-pin", _set_pin, "replace a user's PIN (ends their sessions)")
    p.add_argument("worker_id")
    pin_option(p)

    p = cmd("set-role", _set_role, "change a user's role (ends their sessions)")
    p.add_argument("worker_id")
    p.add_argument("role", choices=ROLES)

    p = cmd("deactivate-user", _deactivate, "stop a user logging in; their records stay")
    p.add_argument("worker_id")

    cmd("list-users", _list_users, "users, roles and grids", write=False)
    cmd("list-grids", _list_grids, "grids and who holds them", write=False)

    p = cmd("assign", _assign, "give a worker a grid")
    p.add_argument("worker_id")
    p.add_argument("grid", help="grid id or name")

    p = cmd("unassign", _unassign, "take a grid from a worker")
    p.add_argument("worker_id")
    p.add_argument("grid")

    p = cmd("reassign", _reassign, "move a grid to another worker")
    p.add_argument("grid")
    p.add_argument("--to", required=True, dest="to_worker")
    p.add_argument("--from", dest="from_worker")


def _device_commands(cmd: Command) -> None:
    """Enrolled terminals and the server's housekeeping."""
    p = cmd("enroll-code", _enroll_code, "make one-time terminal enrollment codes")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--days", type=int, default=enrollment.DEFAULT_CODE_DAYS)
    p.add_argument("--note", default="")

    cmd("list-devices", _list_devices, "enrolled terminals", write=False)

    p = cmd("revoke", _revoke, "revoke a device's token or a user's sessions")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--device")
    who.add_argument("--user", help="worker id")

    what = "superseded change-log entries, old login attempts, dead sessions, settled op ids"
    p = cmd("prune", _prune, f"drop {what}")
    keep = f"days an applied op id is kept at least (≥ 1; default {prune.KEEP_OPS_DAYS})"
    p.add_argument("--keep-ops-days", type=prune.days, default=prune.KEEP_OPS_DAYS, help=keep)

    p = cmd(
        "retire",
        _retire,
        "retire change-log months older than the retention (run daily: it also makes the "
        "coming months' partitions)",
    )
    p.add_argument(
        "--keep-days",
        type=int,
        default=retention.DEFAULT_KEEP_DAYS,
        help=f"days of change history kept (at least 31; default {retention.DEFAULT_KEEP_DAYS})",
    )


def _conflict_commands(cmd: Command) -> None:
    """Conflicts, listed and resolved."""
    p = cmd("conflicts", _list_conflicts, "list conflicts", write=False)
    p.add_argument("--status", default="open", choices=["open", "resolved"])

    p = cmd("resolve", _resolve, "resolve a conflict")
    p.add_argument("conflict_id")
    p.add_argument("--choice", required=True, choices=[c.value for c in ConflictChoice])
    p.add_argument("--value", help="JSON value for --choice value")
    p.add_argument("--as", dest="resolver", default="admin", help="who resolves (audit)")
    p.add_argument(
        "--also",
        nargs="*",
        default=[],
        help="other open conflicts of the same field seen beside it",
    )


def _run(args: argparse.Namespace, action: Action, write: bool) -> int:
    engine: Engine = make_engine(args.db, pool_size=1)
    try:
        if engine.dialect.name == "sqlite":
            upgrade(engine)  # as serve does: the SQLite default needs no separate step
        with (writing if write else reading)(engine) as conn:
            code = action(conn, args)
            if write and code == 0:
                audit_cli.record_command(conn, args)  # who changed what, with the change
            return code
    except _Abort as abort:
        return abort.code
    except (GridTermError, ApiError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()


def _import_register(conn: Connection, args: argparse.Namespace) -> int:
    report = register.import_register(conn, args.file)
    refused = bool(report.rejected) and not args.allow_partial
    if args.report:
        report.write_csv(args.report)
    if wants_json(args):
        print_json({**report.as_dict(), "imported": not refused})
    else:
        added = "would have been added" if refused else "added"
        print(
            f"{report.rows} rows: {report.households} households and {report.residents} "
            f"residents {added}, {len(report.rejected)} rows rejected"
        )
        for number, code, reason in report.rejected:
            print(f"  row {number}: {code}: {reason}")
    if refused:
        print(
            "nothing imported: fix the rejected rows, or give --allow-partial to import the others",
            file=sys.stderr,
        )
        raise _Abort(EXIT_REJECTED)
    return 0


def _add_grid(conn: Connection, args: argparse.Namespace) -> int:
    office = territory.street_office(conn, args.street_office)
    community = territory.community(conn, office, args.community)
    grid = territory.grid(conn, community, args.grid, args.kind)
    text = f"grid {args.grid} of {args.community}, {args.street_office}: {grid}"
    ids = {"grid_id": grid, "community_id": community, "street_office_id": office}
    print_result(args, text, ids)
    return 0


def _add_user(conn: Connection, args: argparse.Namespace) -> int:
    community = territory.find_community(conn, args.community) if args.community else None
    office = territory.find_street_office(conn, args.street_office) if args.street_office else None
    user = users.add_user(
        conn,
        worker_id=args.worker_id,
        name=args.name,
        role=args.role,
        pin=read_pin(args.pin_file),
        community_id=community,
        street_office_id=office,
    )
    text = f"user {args.worker_id} ({args.name}, {args.role}) added: {user}"
    print_result(args, text, {"id": user, "worker_id": args.worker_id})
    return 0


def _set_pin(conn: Connection, args: argparse.Namespace) -> int:
    users.set_pin(conn, args.worker_id, read_pin(args.pin_file))
    return 0


def _set_role(conn: Connection, args: argparse.Namespace) -> int:
    users.set_role(conn, args.worker_id, args.role)
    return 0


def _deactivate(conn: Connection, args: argparse.Namespace) -> int:
    users.deactivate(conn, args.worker_id)
    return 0


def _list_users(conn: Connection, args: argparse.Namespace) -> int:
    u, ug, g = schema.user, schema.user_grid, schema.grid
    rows = []
    for row in conn.execute(select(u).order_by(u.c.worker_id)):
        grids = conn.execute(
            select(g.c.name).join(ug, ug.c.grid_id == g.c.id).where(ug.c.user_id == row.id)
        ).scalars()
        rows.append(
            {"worker_id": row.worker_id, "name": row.name, "role": row.role,
             "active": bool(row.active), "grids": list(grids)}
        )  # fmt: skip
    columns = [("worker_id", "WORKER ID"), ("name", "NAME"), ("role", "ROLE")]
    print_table(args, [*columns, ("active", "ACTIVE"), ("grids", "GRIDS")], rows)
    return 0


def _list_grids(conn: Connection, args: argparse.Namespace) -> int:
    g, c, ug, u = schema.grid, schema.community, schema.user_grid, schema.user
    rows = []
    for row in conn.execute(
        select(g.c.id, g.c.name, c.c.name.label("community"))
        .join(c, c.c.id == g.c.community_id)
        .order_by(c.c.name, g.c.name)
    ):
        holders = conn.execute(
            select(u.c.worker_id).join(ug, ug.c.user_id == u.c.id).where(ug.c.grid_id == row.id)
        ).scalars()
        rows.append(
            {"id": row.id, "community": row.community, "grid": row.name, "holders": list(holders)}
        )
    columns = [("id", "ID"), ("community", "COMMUNITY"), ("grid", "GRID"), ("holders", "HELD BY")]
    print_table(args, columns, rows)
    return 0


def _assign(conn: Connection, args: argparse.Namespace) -> int:
    users.assign(conn, args.worker_id, territory.find_grid(conn, args.grid))
    return 0


def _unassign(conn: Connection, args: argparse.Namespace) -> int:
    users.unassign(conn, args.worker_id, territory.find_grid(conn, args.grid))
    return 0


def _reassign(conn: Connection, args: argparse.Namespace) -> int:
    users.reassign(conn, territory.find_grid(conn, args.grid), args.to_worker, args.from_worker)
    return 0


def _import_template(conn: Connection, args: argparse.Namespace) -> int:
    template, new = templates.publish(conn, templates.load(args.file))
    state = "published" if new else "already published"
    print(f"{template.code} v{template.version} {state} ({len(template.items)} items)")
    return 0


def _enroll_code(conn: Connection, args: argparse.Namespace) -> int:
    codes = [
        enrollment.create_code(conn, note=args.note, days=args.days) for _ in range(args.count)
    ]
    if wants_json(args):
        print_json(codes)
    else:
        print("\n".join(codes))
    return 0


def _list_devices(conn: Connection, args: argparse.Namespace) -> int:
    d = schema.device
    rows = [
        {"id": row.id, "name": row.name, "state": "revoked" if row.revoked_at else "active"}
        for row in conn.execute(select(d).order_by(d.c.enrolled_at))
    ]
    print_table(args, [("id", "ID"), ("name", "NAME"), ("state", "STATE")], rows)
    return 0


def _revoke(conn: Connection, args: argparse.Namespace) -> int:
    if args.device:
        if not enrollment.revoke_device(conn, args.device):
            print("no such active device", file=sys.stderr)
            return 1
        return 0
    print(f"{sessions.revoke_sessions(conn, users.user_id(conn, args.user))} sessions revoked")
    return 0


def _prune(conn: Connection, args: argparse.Namespace) -> int:
    print(prune.prune(conn, args.keep_ops_days).summary())
    return 0


def _retire(conn: Connection, args: argparse.Namespace) -> int:
    if args.keep_days < retention.MIN_KEEP_DAYS:
        print(f"error: --keep-days must be at least {retention.MIN_KEEP_DAYS}", file=sys.stderr)
        return 2
    done = retention.retire(conn, args.keep_days)
    cut = datetime.fromtimestamp(done.cut / 1000, UTC).date().isoformat()
    print(
        f"retired the change log before {cut}: {done.removed} entries removed, "
        f"{done.carried} carried forward, {len(done.dropped)} month partitions dropped"
    )
    return 0


def _list_conflicts(conn: Connection, args: argparse.Namespace) -> int:
    rows = [
        {"id": c.id, "entity": c.entity, "entity_id": c.entity_id, "field": c.field,
         "server_value": c.server_value, "terminal_value": c.terminal_value, "status": c.status}
        for c in conflicts.list_conflicts(conn, None, args.status)
    ]  # fmt: skip
    if wants_json(args):
        print_json(rows)
        return 0
    for row in rows:  # values are JSON in the table too: a string and a number differ
        for key in ("server_value", "terminal_value"):
            row[key] = json.dumps(row[key], ensure_ascii=False)
    columns = [("id", "ID"), ("entity", "ENTITY"), ("entity_id", "RECORD"), ("field", "FIELD")]
    extra = [("server_value", "SERVER"), ("terminal_value", "TERMINAL"), ("status", "STATUS")]
    print_table(args, [*columns, *extra], rows)
    return 0


def _resolve(conn: Connection, args: argparse.Namespace) -> int:
    value = json.loads(args.value) if args.value is not None else None
    info = conflicts.resolve(
        conn,
        args.conflict_id,
        ConflictChoice(args.choice),
        value,
        resolver_id=args.resolver,
        grid_ids=None,
        also=args.also,
    )
    print(f"{info.id} resolved: {json.dumps(info.resolved_value, ensure_ascii=False)}")
    return 0
