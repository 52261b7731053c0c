"""One login: the unlocked store, the worker's session and the services the screens call."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gridterm.services import unlock
from gridterm.services.alerts import Alerts
from gridterm.services.attachments import Attachments
from gridterm.services.browse import Browse
from gridterm.services.conflict_queue import ConflictQueue
from gridterm.services.hazards import Hazards
from gridterm.services.inspections import Inspections
from gridterm.services.office_settings import ReceivedSettings
from gridterm.services.outbox_status import Outbox
from gridterm.services.premises import PremisesRegister
from gridterm.services.quarantine import Quarantine
from gridterm.services.register import Register
from gridterm.services.reports import Reports
from gridterm.services.reveals import Reveals
from gridterm.services.rounds import Rounds
from gridterm.services.session import Session
from gridterm.services.sync_conflicts import SyncConflicts
from gridterm.services.tickets import Tickets
from gridterm.services.today import Today
from gridterm.services.visits import Visits
from gridterm.store import Store
from gridterm.store.drafts import Drafts
from gridterm.store.keys import keyfile_path
from ui.events import StoreEvents

if TYPE_CHECKING:  # the sync runner is made after the workspace, on an enrolled terminal
    from ui.sync_runner import SyncRunner

log = logging.getLogger(__name__)


def open_session(db_path: Path, worker_id: str, pin: str) -> Session:
    """Unlock the database with the worker's PIN and log them in (blocking: off the GUI thread).

    A database without a key file is a developer's plaintext database: it opens without a PIN.
    """
    if keyfile_path(db_path).exists() or not db_path.exists():
        store = unlock.open_store(db_path, worker_id, pin)
    else:
        store = Store.open_plaintext(db_path)
    try:
        return Session.login(store, worker_id)
    except BaseException:
        store.close()
        raise


def check_pin(db_path: Path, worker_id: str, pin: str) -> None:
    """Raise WrongPinError unless ``pin`` is ``worker_id``'s PIN (to unlock an idle lock);
    counted by the terminal's PIN guard like a login (gridterm/services/unlock.py)."""
    if keyfile_path(db_path).exists():
        unlock.check(db_path, worker_id, pin)


@dataclass
class Workspace:
    """Everything one logged-in worker's screens share; made on the GUI thread after login.

    Every service a screen calls is built here once; screens never build one, and reach the
    core only through them (docs/architecture.md, *Screens and services*)."""

    session: Session
    events: StoreEvents
    register: Register
    browse: Browse
    today: Today
    visits: Visits
    tickets: Tickets
    rounds: Rounds
    drafts: Drafts
    reports: Reports
    reveals: Reveals
    alerts: Alerts
    inspections: Inspections
    hazards: Hazards
    premises: PremisesRegister
    attachments: Attachments
    office_settings: ReceivedSettings
    outbox: Outbox
    quarantine: Quarantine
    sync_conflicts: SyncConflicts
    conflict_queue: ConflictQueue
    #: The background sync on an enrolled terminal, else None.
    sync: SyncRunner | None = None

    @classmethod
    def for_session(cls, session: Session) -> Workspace:
        """Wire the services and the change signals of a fresh session."""
        return cls(
            session=session,
            events=StoreEvents(session.store),
            register=Register(session),
            browse=Browse(session),
            today=Today(session),
            visits=Visits(session),
            tickets=Tickets(session),
            rounds=Rounds(session),
            drafts=Drafts(session.store, session.user.id),
            reports=Reports(session),
            reveals=Reveals(session),
            alerts=Alerts(session),
            inspections=Inspections(session),
            hazards=Hazards(session),
            premises=PremisesRegister(session),
            attachments=Attachments(session),
            office_settings=ReceivedSettings(session),
            outbox=Outbox(session),
            quarantine=Quarantine(session),
            sync_conflicts=SyncConflicts(session),
            conflict_queue=ConflictQueue(session),
        )

    @property
    def store(self) -> Store:
        """The open store."""
        return self.session.store

    def close(self, then: Callable[[], None] | None = None) -> None:
        """Log out: stop signals and sync, finish pending writes and close the database;
        then call ``then`` (on the thread that closed it: the sync's halt thread, or this)."""
        self.events.detach()

        def finish() -> None:
            self.note_and_close()
            if then is not None:
                then()

        if self.sync is not None:
            # never waits here (closeEvent runs this on the GUI thread): the store closes
            # on the halt's own thread once the sync thread is idle
            self.sync.halt(then=finish)
        else:
            finish()

    def note_and_close(self) -> None:
        """Note the unsynced work beside the key file (what the PIN guard reads while the
        database is shut), then close the store."""
        try:
            unlock.remember(self.session.store)
        except Exception:  # a closed or broken store: the guard keeps "unknown" (= held)
            log.warning("could not note the unsynced work for the PIN guard", exc_info=True)
        self.session.store.close()
