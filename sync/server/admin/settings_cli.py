"""``gridterm-server admin settings-publish|settings-show``: a street office's settings."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from sync.server.admin import office_settings, territory
from sync.server.admin.output import print_json, print_result


def add_settings_commands(cmd: Callable[..., argparse.ArgumentParser]) -> None:
    """Register the two commands with the admin parser's ``cmd`` helper."""
    p = cmd("settings-publish", _publish, "publish street-office settings (YAML/JSON)")
    p.add_argument("file", type=Path, help="the settings to change (the rest stay)")
    p.add_argument("--street-office", help="id or name (default: every street office)")
    p = cmd("settings-show", _show, "a street office's settings as terminals get them", write=False)
    p.add_argument("--street-office", help="id or name (default: every street office)")


def _offices(conn: Connection, args: argparse.Namespace) -> list[str]:
    if args.street_office:
        return [territory.find_street_office(conn, args.street_office)]
    return office_settings.offices(conn)


def _publish(conn: Connection, args: argparse.Namespace) -> int:
    document = office_settings.load(args.file)
    for office in _offices(conn, args):
        published = office_settings.publish(conn, office, document)
        print_result(
            args,
            f"{office}: settings revision {published.revision} published",
            {"street_office": office, "revision": published.revision},
        )
    return 0


def _show(conn: Connection, args: argparse.Namespace) -> int:
    shown: list[dict[str, Any]] = []
    for office in _offices(conn, args):
        settings = office_settings.current(conn, office)
        shown.append(
            {"street_office": office, "revision": settings.revision} | settings.to_document()
        )
    print_json(shown[0] if len(shown) == 1 else shown)
    return 0
