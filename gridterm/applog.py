"""The terminal's own log: a rotating file under the platform's log folder, and a crash report
when an exception escapes.

Nothing a worker records goes in: the code logs events and error codes, not record contents,
and as a last guard every line has its long digit runs (phone and ID numbers) masked. A crash
report holds the traceback, the versions and the platform — no local variables.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import re
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

APP_NAME = "gridterm"
LOG_FILE = "gridterm.log"
#: Five files of 1 MiB: weeks of a terminal's events, little of its flash.
MAX_BYTES, BACKUPS = 1 << 20, 4
#: Phone numbers (11 digits), ID numbers (15, or 17 and a check character), bank cards.
_DIGITS = re.compile(r"\d{11,}[Xx]?")


def log_dir() -> Path:
    """The platform's log folder for the app (GRIDTERM_LOG_DIR overrides it)."""
    given = os.environ.get("GRIDTERM_LOG_DIR")
    if given:
        return Path(given)
    import platformdirs

    return platformdirs.user_log_path(APP_NAME, appauthor=False)


class Redact(logging.Filter):
    """Masks long digit runs in every record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _DIGITS.sub(lambda m: "#" * len(m.group()), message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def setup_logging(level: str | None = None) -> Path:
    """Log to the rotating file (and stderr); returns the file's path."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    file = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    stderr = logging.StreamHandler()
    root = logging.getLogger()
    for handler in (file, stderr):
        handler.addFilter(Redact())
        root.addHandler(handler)
    root.setLevel(level or os.environ.get("GRIDTERM_LOG", "INFO"))
    stderr.setLevel(logging.WARNING)
    return path


def write_crash_report(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> Path:
    """A file in the log folder describing an unhandled exception; returns its path."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
    lines = [
        f"GridTerm {_version()} crashed at {time.strftime('%Y-%m-%d %H:%M:%S %z')}",
        f"Python {sys.version.split()[0]} on {platform.platform()}",
        "",
        *traceback.format_exception(kind, error, tb),
    ]
    text = _DIGITS.sub(lambda m: "#" * len(m.group()), "\n".join(lines))
    path.write_text(text, encoding="utf-8")
    logging.getLogger(__name__).info("crash report written to %s", path)
    return path


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gridterm")
    except PackageNotFoundError:
        return "(not installed)"
