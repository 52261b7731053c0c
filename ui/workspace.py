"""One login: the unlocked store, the worker's session and the services the screens call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gridterm.services.register import Register
from gridterm.services.reports import Reports
from gridterm.services.reveals import Reveals
from gridterm.services.rounds import Rounds
from gridterm.services.session import Session
from gridterm.services.tickets import Tickets
from gridterm.services.visits import Visits
from gridterm.store import Store
from gridterm.store.drafts import Drafts
from gridterm.store.keys import keyfile_path
from ui.events import StoreEvents


def open_session(db_path: Path, worker_id: str, pin: str) -> Session:
    """Unlock the database with the worker's PIN and log them in (blocking: off the GUI thread).

    A database without a key file is a developer's plaintext database: it opens without a PIN.
    """
    if keyfile_path(db_path).exists() or not db_path.exists():
        store = Store.unlock(db_path, worker_id, pin)
    else:
        store = Store.open_plaintext(db_path)
    try:
        return Session.login(store, worker_id)
    except BaseException:
        store.close()
        raise


def check_pin(db_path: Path, worker_id: str, pin: str) -> None:
    """Raise WrongPinError unless ``pin`` is ``worker_id``'s PIN (to unlock an idle lock)."""
    from gridterm.store.keys import KeyRing

    if keyfile_path(db_path).exists():
        KeyRing.load(db_path).unwrap(worker_id, pin)


@dataclass
class Workspace:
    """Everything one logged-in worker's screens share; made on the GUI thread after login."""

    session: Session
    events: StoreEvents
    register: Register
    visits: Visits
    tickets: Tickets
    rounds: Rounds
    drafts: Drafts
    reports: Reports
    reveals: Reveals
    #: The background sync (ui.sync_runner.SyncRunner) on an enrolled terminal, else None.
    sync: Any = None

    @classmethod
    def for_session(cls, session: Session) -> Workspace:
        """Wire the services and the change signals of a fresh session."""
        return cls(
            session=session,
            events=StoreEvents(session.store),
            register=Register(session),
            visits=Visits(session),
            tickets=Tickets(session),
            rounds=Rounds(session),
            drafts=Drafts(session.store, session.user.id),
            reports=Reports(session),
            reveals=Reveals(session),
        )

    @property
    def store(self) -> Store:
        """The open store."""
        return self.session.store

    def close(self) -> None:
        """Log out: stop signals and sync, finish pending writes and close the database."""
        self.events.detach()
        if self.sync is not None:
            # never waits here (closeEvent runs this on the GUI thread): the store closes
            # on the halt's own thread once the sync thread is idle
            self.sync.halt(then=self.session.store.close)
        else:
            self.session.store.close()
