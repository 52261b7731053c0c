"""What every stage of one sync run works with (push, snapshot, pull, photo upload)."""

from __future__ import annotations

from dataclasses import dataclass

from gridterm.store import Store
from sync.client.auth import Login
from sync.client.retry import Retrier
from sync.client.settings import SyncSettings
from sync.client.transport import Transport


@dataclass(frozen=True, slots=True)
class Stage:
    """The terminal's store, the link to the server, the logged-in user, the settings and
    the run's retry policy, handed to each stage of a run together."""

    store: Store
    transport: Transport
    login: Login
    settings: SyncSettings
    retrier: Retrier
