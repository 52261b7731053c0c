"""What every ``gridterm-server`` command shares: options anywhere, one line for a known error.

``--db`` (and ``--json`` for the admin commands) is accepted before or after a sub-command:
the top parser holds the default, each sub-parser the same option with a suppressed default,
so a value given at any level reaches the namespace and none is overwritten by a default.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable
from typing import Any

from gridterm.extras import missing_extra
from sync.server.blobs.configured import BlobStoreUnusable
from sync.server.db.migrate import SchemaNotCurrentError
from sync.server.settings import DEFAULT_DB

#: A closed pipe (``list-users | head``) ends the command as a signal would (128 + SIGPIPE).
EXIT_BROKEN_PIPE = 141
#: The server or database cannot be used as configured: an operator has to act.
EXIT_CONFIG = 2
DB_HELP = "postgresql://user@host/dbname, sqlite:///file or a path (default: GRIDTERM_DB or %s)"


def db_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--db`` on ``parser``; the top parser's None means "not given" (``default_db``)."""
    parser.add_argument(
        "--db", default=None if top else argparse.SUPPRESS, help=DB_HELP % DEFAULT_DB
    )


def default_db() -> str:
    """The database when no --db is given: GRIDTERM_DB, else the file in this folder."""
    return os.environ.get("GRIDTERM_DB", DEFAULT_DB)


def json_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--json``: machine-readable output for scripts, at any level."""
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="print JSON instead of a table",
    )


def describe(exc: BaseException) -> str | None:
    """One line for an error an operator can fix (bad URL, no database, old schema, busy
    port); None for anything else, which is a bug and keeps its traceback."""
    if isinstance(exc, ModuleNotFoundError):
        return missing_extra(exc, server=True)
    from sqlalchemy import exc as sa

    if isinstance(exc, SchemaNotCurrentError | BlobStoreUnusable):
        return str(exc)
    if isinstance(exc, sa.ArgumentError | sa.NoSuchModuleError):
        return f"bad database URL: {exc}"
    if isinstance(exc, sa.ProgrammingError | sa.OperationalError) and _missing_table(exc):
        return "the database has no GridTerm schema: run `gridterm-server migrate --db URL`"
    if isinstance(exc, sa.OperationalError | sa.InterfaceError):
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        return f"cannot use the database: {reason}"
    if isinstance(exc, OSError) and exc.errno == errno.EADDRINUSE:
        return f"the address is in use: {exc.strerror}"
    return None


def _missing_table(exc: Any) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return "no such table" in text or ("relation" in text and "does not exist" in text)


def run_command(prog: str, run: Callable[[], int]) -> int:
    """Run a command: a closed pipe ends it quietly, a known error is one line and exit 2."""
    try:
        code = run()
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        # Python's advice: point stdout at devnull so the exit flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:
        line = describe(exc)
        if line is None:
            raise
        print(f"{prog}: {line}", file=sys.stderr)
        return EXIT_CONFIG
