"""The terminal sync engine (sync.client) running in the background for the logged-in worker.

After login on an enrolled terminal, ``SyncRunner`` builds the engine with the worker's PIN
(held for this session only, as ``sync.client.auth.Login`` needs it to renew its token),
feeds the operating system's reachability (QNetworkInformation) to the scheduler, and runs
syncs on the engine's own thread through ``BackgroundSync`` on the qasync loop. The store's
writer and the UI pool never wait for the network.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from gridterm.store import Store

log = logging.getLogger(__name__)


#: How long closing waits for a sync in flight before closing the store anyway (a request
#: cannot be interrupted mid-read; the engine's read timeout is longer than a worker waits).
HALT_TIMEOUT_S = 20.0

#: What the engine keeps in ``sync_state`` once the terminal is enrolled (sync.client.state).
ENROLLED_KEYS = ("server_url", "device_id", "device_token")


def is_enrolled(store: Store) -> bool:
    """Whether this terminal has a server identity (a cheap read: the engine itself, with
    requests and pydantic, loads only after Today is on the screen)."""
    marks = ",".join("?" * len(ENROLLED_KEYS))
    rows = store.query(
        f"SELECT count(*) AS n FROM sync_state WHERE key IN ({marks}) AND value != ''",
        ENROLLED_KEYS,
    )
    return bool(rows) and rows[0]["n"] == len(ENROLLED_KEYS)


def load_engine_modules() -> Any:
    """Import the engine (off the GUI thread; about 0.3 s) and return the saved device."""
    from sync.client import auth, background, connectivity, engine, scheduler  # noqa: F401

    return auth


def trust_of(ca_bundle: str, pin_sha256: str) -> Any:
    """The terminal's TLS trust (``sync.client.tls.TlsTrust``) from its settings, checked."""
    from sync.client.tls import TlsTrust

    return TlsTrust(ca_bundle, pin_sha256).check()


def enroll_terminal(
    server_url: str,
    code: str,
    db_path: Any,
    worker_id: str,
    pin: str,
    kdf: Any = None,
    trust: Any = None,
) -> None:
    """Spend the enrollment code, log in online once (which creates the database), and sync
    once so the worker's area is on the terminal before the first login (blocking: network;
    run it on the network pool)."""
    from sync.client.auth import Login, enroll, first_login
    from sync.client.engine import SyncEngine
    from sync.client.errors import SyncError
    from sync.client.settings import SyncSettings
    from sync.client.transport import Transport

    device = enroll(server_url, code, trust=trust)
    extra = {} if kdf is None else {"kdf": kdf}
    store = first_login(db_path, device, worker_id, pin, trust=trust, **extra)
    transport = Transport(device.server_url, trust=trust)
    try:
        login = Login(store, transport, device, worker_id, pin)
        report = SyncEngine(store, login, SyncSettings.load(store)).run()
        if report.error:
            raise SyncError(report.error, report.message)
    finally:
        transport.close()
        store.close()


class SyncRunner(QObject):
    """Background sync for one session; ``reported`` after every run, ``reached`` after every
    probe of the server (whether it answered), ``online`` when the operating system's view of
    the network changes (None: unknown). Signals come from the engine's thread; Qt queues
    them to the widgets' thread."""

    reported = Signal(object)  # sync.client.report.SyncReport
    reached = Signal(bool)
    online = Signal(object)

    def __init__(self, store: Store, worker_id: str, pin: str, trust: Any = None):
        super().__init__()
        from sync.client.auth import Login, load_device
        from sync.client.background import BackgroundSync
        from sync.client.connectivity import ServerProbe
        from sync.client.engine import SyncEngine
        from sync.client.scheduler import SyncScheduler
        from sync.client.settings import SyncSettings
        from sync.client.transport import Transport

        device = load_device(store)
        self.transport = Transport(device.server_url, trust=trust)
        login = Login(store, self.transport, device, worker_id, pin)
        self.engine = SyncEngine(store, login, SyncSettings.load(store))
        probe = ServerProbe(device.server_url, trust.ca_bundle if trust else "")

        def probe_and_tell() -> bool:
            answered = probe()
            self.reached.emit(answered)
            return answered

        self.scheduler = SyncScheduler(self.engine.run, probe_and_tell)
        self.background = BackgroundSync(
            self.scheduler, cancel=self.engine.cancel, on_report=self.reported.emit
        )
        self._task: asyncio.Task[None] | None = None
        self._halting: threading.Thread | None = None
        self._network: Any = None

    def start(self) -> None:
        """Start on the running qasync loop and listen to the network."""
        self._task = self.background.start()
        self._watch_network()

    def sync_now(self) -> None:
        """The worker pressed "sync now"."""
        self.scheduler.request_sync()

    def _watch_network(self) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if not QNetworkInformation.loadDefaultBackend():
            return
        info = QNetworkInformation.instance()
        self._network = info

        def changed(reachability: Any) -> None:
            name = getattr(reachability, "name", str(reachability))
            self.scheduler.reachability_changed(name)
            self.online.emit(
                True
                if name in ("Online", "Site")
                else False
                if name in ("Disconnected", "Local")
                else None
            )

        info.reachabilityChanged.connect(changed)
        changed(info.reachability())

    def halt(self, then: Callable[[], None] | None = None) -> threading.Thread:
        """Stop for good (logout, exit) without blocking the caller: the sync in progress is
        cancelled (it stops at its next request), and a thread of its own waits for the
        engine's thread to be idle — at most ``HALT_TIMEOUT_S`` — then closes the transport
        and calls ``then`` (closing the store, so it never closes under a running sync).

        The window closes at once; the process exits when that thread is done (it is not a
        daemon). Whatever the sync had not acknowledged stays in the outbox as sent and goes
        again next time (the server applies each op once). Returns the thread (tests join it).
        """
        background, transport = self.background, self.transport

        def finish() -> None:
            if not background.halt(HALT_TIMEOUT_S):
                log.warning("sync still busy after %s s; closing anyway", HALT_TIMEOUT_S)
            transport.close()
            if then is not None:
                then()

        thread = threading.Thread(target=finish, name="gridterm-sync-halt")
        thread.start()
        self._halting = thread
        return thread

    @property
    def finished(self) -> bool:
        """Whether the background task has ended and the halt is complete (after ``halt``)."""
        halted = self._halting is None or not self._halting.is_alive()
        return halted and (self._task is None or self._task.done())
