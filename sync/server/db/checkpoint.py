"""WAL checkpoints of a SQLite server database, off the writers' path.

In WAL mode a commit appends pages to the write-ahead log, and the log's pages are copied back
into the database file by a checkpoint. Left to SQLite, the commit that takes the log past
``wal_autocheckpoint`` pages runs that checkpoint itself, while it still holds the write
lock: every fourth push or so paid 10–20 ms for it, and the next push waited. Here a thread
of the server process checkpoints instead, on its own connection, a little after writes
(``PASSIVE``: it copies what no reader still needs and never blocks a writer or a reader).
The connections keep a higher ``wal_autocheckpoint`` (``SAFETY_PAGES``) so that the log stays
bounded if this thread ever falls behind. The thread ends once the database has been quiet
for ``IDLE_S`` and starts again with the next write, so a process that opened many databases
(a test run) holds no connection to a quiet one.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time

log = logging.getLogger(__name__)

#: ``wal_autocheckpoint`` of the server's connections: a commit checkpoints itself only
#: past this many pages (16 MiB), which the thread below keeps the log well short of.
SAFETY_PAGES = 4000
#: How long writes gather before a checkpoint: a burst of pushes is checkpointed a few
#: times a second (pages written again and again are copied once), not after every commit.
GATHER_S = 0.25
#: A quiet database's checkpointer closes its connection and ends.
IDLE_S = 5.0


class Checkpointer:
    """Checkpoints one database file, a little after each burst of commits."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._wake = threading.Condition()
        self._pending = False
        self._thread: threading.Thread | None = None

    def committed(self) -> None:
        """A write transaction on this file ended: checkpoint soon."""
        with self._wake:
            self._pending = True
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="gridterm-checkpoint", daemon=True
                )
                self._thread.start()
            self._wake.notify()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=1, isolation_level=None)
        except sqlite3.Error as exc:
            log.warning("cannot open %s to checkpoint it: %s", self.path, exc)
            with self._wake:
                self._thread = None
            return
        try:
            while self._gathered():
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error as exc:  # the next write's checkpoint tries again
                    log.info("checkpoint of %s deferred: %s", self.path, exc)
        finally:
            conn.close()

    def _gathered(self) -> bool:
        """Wait for writes and let them gather; False (the thread ends) once quiet."""
        with self._wake:
            if not self._pending:
                self._wake.wait(IDLE_S)
            if not self._pending:
                self._thread = None
                return False
        time.sleep(GATHER_S)
        with self._wake:
            self._pending = False
        return True


_checkpointers: dict[str, Checkpointer] = {}
_guard = threading.Lock()


def checkpointer(path: str) -> Checkpointer:
    """The process's checkpointer of the SQLite file at ``path``."""
    with _guard:
        found = _checkpointers.get(path)
        if found is None:
            found = _checkpointers[path] = Checkpointer(path)
        return found
