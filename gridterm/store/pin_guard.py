"""How many wrong PINs a terminal takes, how long it makes the next one wait, and the wipe.

The key file can be read before the database is open, so whoever holds the terminal may try
PINs at the login and lock screens. The guard counts wrong PINs in a row per worker id (an id
the terminal does not know counts for all unknown ids together, so spreading guesses over
made-up ids gains nothing), lets ``FREE_ATTEMPTS`` go by, then makes each next try wait twice
as long as the one before, up to ``MAX_WAIT_S``. After the street office's ``wipe_after``
wrong PINs in a row for one id the terminal erases its keys (``erase``), unless it may hold
work not yet on the server: then only a supervisor's confirmation erases it
(``gridterm/services/unlock.py``), and meanwhile the waits go on.

Its state lives in ``<db>.guard`` beside the key file (JSON, replaced atomically): the counts,
the last policy the terminal received, whether the terminal may hold unsynced work (refreshed
whenever the database is open at a lock or a logout; "unknown" counts as "yes"), and a mark
that the server revoked this device (erased at the next start if the app was closed first).
Someone who can change files on the terminal can reset the counts; they can also copy the key
file and guess offline against argon2id, which is why the guard is about the screens
(docs/security.md).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gridterm.domain.office_settings import DEFAULT_PIN_WIPE_AFTER
from gridterm.store import atomic
from gridterm.store.keys import keyfile_path

GUARD_SUFFIX = ".guard"
#: Wrong PINs in a row that cost no wait (a slip of a gloved finger).
FREE_ATTEMPTS = 3
#: The wait after the first wrong PIN past the free ones; each further one doubles it.
FIRST_WAIT_S = 30.0
#: The longest wait between two tries.
MAX_WAIT_S = 3600.0
#: The bucket of every worker id the key file does not know.
UNKNOWN = "*"
_FORMAT = 1


def _now() -> float:
    return time.time()


def guard_path(db_path: Path) -> Path:
    """Where the guard state of ``db_path`` lives."""
    return db_path.with_name(db_path.name + GUARD_SUFFIX)


def wait_after(failures: int) -> float:
    """Seconds to wait before the next try after ``failures`` wrong PINs in a row."""
    if failures <= FREE_ATTEMPTS:
        return 0.0
    return min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (failures - FREE_ATTEMPTS - 1))


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a worker id may do now: wait ``wait_s`` seconds first; ``remaining`` wrong PINs
    before the keys are erased (None: the office never erases)."""

    failures: int
    wait_s: float
    remaining: int | None


class PinGuard:
    """The guard state of one database (load, change, ``save``)."""

    def __init__(self, path: Path, data: dict[str, Any], clock: Callable[[], float]):
        self.path = path
        self._data = data
        self._clock = clock

    @classmethod
    def load(cls, db_path: Path, clock: Callable[[], float] | None = None) -> PinGuard:
        """The guard of ``db_path``; an absent or unreadable file is a fresh guard (its pending
        work unknown, so counted as there)."""
        path = guard_path(Path(db_path))
        data: dict[str, Any] = {}
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict) and loaded.get("format") == _FORMAT:
                data = loaded
        except (OSError, ValueError):
            pass
        data.setdefault("failures", {})
        return cls(path, data, clock or _now)

    # -- what the office set and what the terminal holds ------------------------------------

    @property
    def wipe_after(self) -> int:
        """Wrong PINs in a row before the keys are erased (0: never)."""
        value = self._data.get("wipe_after", DEFAULT_PIN_WIPE_AFTER)
        return value if isinstance(value, int) and value >= 0 else DEFAULT_PIN_WIPE_AFTER

    def set_wipe_after(self, value: int) -> None:
        """Keep the office's setting for the next time the database is locked."""
        self._data["wipe_after"] = int(value)

    @property
    def pending(self) -> int | None:
        """Records not yet on the server when the database was last open (None: unknown)."""
        value = self._data.get("pending")
        return value if isinstance(value, int) else None

    def set_pending(self, count: int | None) -> None:
        """Note how many records wait for the server (None: unknown, e.g. while writing)."""
        self._data["pending"] = count

    @property
    def revoked(self) -> bool:
        """Whether the server said this device is revoked (its keys are to be erased)."""
        return bool(self._data.get("revoked"))

    def mark_revoked(self) -> None:
        """Remember the revocation, so a terminal closed before erasing erases at its start."""
        self._data["revoked"] = True

    # -- counting ------------------------------------------------------------------------------

    def bucket(self, worker_id: str, known: bool) -> str:
        """The count a worker id's tries go to."""
        return worker_id if known else UNKNOWN

    def verdict(self, bucket: str) -> Verdict:
        """What ``bucket`` may do now."""
        entry = self._data["failures"].get(bucket) or {}
        failures = int(entry.get("n", 0))
        since = self._clock() - float(entry.get("at", 0.0))
        wait = max(0.0, wait_after(failures) - max(0.0, since))
        remaining = None if self.wipe_after == 0 else max(0, self.wipe_after - failures)
        return Verdict(failures, wait, remaining)

    def failed(self, bucket: str) -> Verdict:
        """Count a wrong PIN for ``bucket`` (call ``save`` after)."""
        entry = self._data["failures"].setdefault(bucket, {"n": 0})
        entry["n"] = int(entry.get("n", 0)) + 1
        entry["at"] = self._clock()
        return self.verdict(bucket)

    def succeeded(self, bucket: str) -> None:
        """A right PIN: that id starts afresh (call ``save`` after)."""
        self._data["failures"].pop(bucket, None)

    def save(self) -> None:
        """Write the state (then rename: a flat battery never leaves half a file)."""
        data = json.dumps({**self._data, "format": _FORMAT})
        atomic.write_text(self.path, data)


def _shred(path: Path) -> None:
    # Overwrite before unlinking: on flash storage this is best effort, but the wrapped keys
    # are worthless without a PIN's argon2id work anyway; what matters is they are gone.
    try:
        size = path.stat().st_size
        with path.open("r+b") as f:
            f.write(secrets.token_bytes(size))
            f.flush()
            os.fsync(f.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)


def erase(db_path: Path) -> None:
    """Erase this terminal's keys, then its database and files (the database must be closed).

    The key file goes first: once it is gone nobody can open the rest, whatever happens to
    the other files after a power cut.
    """
    db_path = Path(db_path)
    _shred(keyfile_path(db_path))
    for suffix in ("-wal", "-shm", "-journal", ""):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    for folder in db_path.parent.glob(db_path.name + ".*"):
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
    for leftover in db_path.parent.glob(db_path.name + ".*"):
        if leftover.is_file() and leftover != guard_path(db_path):
            leftover.unlink(missing_ok=True)
    guard_path(db_path).unlink(missing_ok=True)
