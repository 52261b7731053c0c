"""``gridterm sync`` and ``gridterm enroll``: the sync engine without the GUI.

``gridterm enroll --db PATH --server URL --code CODE`` enrolls this terminal with a
supervisor's one-time code and signs the worker in (creating the database the first time).
``gridterm sync --db PATH`` runs one sync and prints a summary (photos uploaded and
downloaded included); with a progress bar when the output is a terminal; exit status 1 when
anything failed (a stopped sync, a quarantined record, a photo that could not be sent).
The worker id and PIN come from the options, the ``GRIDTERM_WORKER_ID``/``GRIDTERM_PIN``
environment variables, or a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_FAILED = 1
EXIT_USAGE = 2


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``sync`` and ``enroll`` to ``gridterm``'s parser."""
    sync = sub.add_parser("sync", help="sync once with the server (no GUI)", description=__doc__)
    _common(sync)
    sync.add_argument("--server", help="server URL (default: the one saved at enrollment)")
    sync.add_argument(
        "--photo-max-side",
        type=int,
        help="downscale photos to this longest side in pixels before upload (0: as taken)",
    )
    sync.add_argument(
        "--photo-download-mb",
        type=float,
        help="download at most this many MB of other terminals' photos in this sync"
        " (default 50; 0: none)",
    )
    sync.add_argument("--json", action="store_true", help="print the report as JSON")
    sync.set_defaults(run=run_sync)

    enroll = sub.add_parser("enroll", help="enroll this terminal with a one-time code")
    _common(enroll)
    enroll.add_argument("--server", required=True, help="server URL, e.g. https://sync.example")
    enroll.add_argument("--code", required=True, help="the supervisor's enrollment code")
    enroll.add_argument("--device-name", default="", help="a name for this terminal")
    enroll.set_defaults(run=run_enroll)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, type=Path, help="the terminal database")
    parser.add_argument("--worker-id", help="worker id (or GRIDTERM_WORKER_ID)")
    parser.add_argument("--pin", help="PIN (or GRIDTERM_PIN; asked for when missing)")
    parser.add_argument(
        "--plaintext", action="store_true", help="developer option: an unencrypted database"
    )


def _credentials(args: argparse.Namespace) -> tuple[str, str] | None:
    worker_id = args.worker_id or os.environ.get("GRIDTERM_WORKER_ID")
    pin = args.pin or os.environ.get("GRIDTERM_PIN")
    if worker_id and not pin and sys.stdin.isatty():
        pin = getpass.getpass("PIN: ")
    if not (worker_id and pin):
        print("give --worker-id and --pin (or GRIDTERM_WORKER_ID/GRIDTERM_PIN)", file=sys.stderr)
        return None
    return worker_id, pin


def run_enroll(args: argparse.Namespace) -> int:
    """Enroll, sign in online, create or open the database, save the device."""
    from gridterm.errors import GridTermError
    from sync.client.auth import enroll, first_login
    from sync.client.errors import SyncError

    creds = _credentials(args)
    if creds is None:
        return EXIT_USAGE
    try:
        device = enroll(args.server, args.code, args.device_name)
        store = first_login(args.db, device, *creds, plaintext=args.plaintext)
    except (SyncError, GridTermError) as exc:
        print(f"enrollment failed: {getattr(exc, 'code', '')} {exc}", file=sys.stderr)
        return EXIT_FAILED
    store.close()
    print(f"enrolled as device {device.device_id} at {device.server_url}")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    """One sync; the summary on stdout."""
    from gridterm.errors import GridTermError
    from sync.client.auth import Login, load_device, sign_in
    from sync.client.engine import SyncEngine
    from sync.client.errors import SyncError
    from sync.client.settings import SyncSettings
    from sync.client.transport import Transport

    creds = _credentials(args)
    if creds is None:
        return EXIT_USAGE
    worker_id, pin = creds
    try:
        store = sign_in(args.db, worker_id, pin, plaintext=args.plaintext)
    except GridTermError as exc:
        print(f"cannot open {args.db}: {exc.code} {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        device = load_device(store, args.server)
        overrides = {}
        if args.photo_max_side is not None:
            overrides["photo_max_side"] = args.photo_max_side
        if args.photo_download_mb is not None:
            overrides["photo_download_budget"] = max(0, int(args.photo_download_mb * 1024 * 1024))
        transport = Transport(device.server_url)
        login = Login(store, transport, device, worker_id, pin)
        with _ProgressBar(enabled=sys.stdout.isatty() and not args.json) as progress:
            engine = SyncEngine(
                store, login, SyncSettings.load(store, **overrides), progress=progress
            )
            report = engine.run()
        transport.close()
    except SyncError as exc:
        print(f"sync failed: {exc.code} {exc.message}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.close()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print(report.summary())
    return 0 if report.ok else EXIT_FAILED


class _ProgressBar:
    """A rich progress bar, one line per phase, when enabled; no callback otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> Callable[[str, int, int], None] | None:
        if not self.enabled:
            return None
        from rich.progress import BarColumn, Progress, TextColumn

        self._bar = Progress(
            TextColumn("{task.description:>7}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
        )
        self._bar.start()
        return self._update

    def _update(self, phase: str, done: int, total: int) -> None:
        task = self._tasks.get(phase)
        if task is None:
            task = self._tasks[phase] = self._bar.add_task(phase, total=max(total, 1))
        self._bar.update(task, completed=done, total=max(total, done, 1))

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
