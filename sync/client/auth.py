"""Enrollment (server URL and a one-time code, once) and login: offline by PIN, online by token.

The PIN that unwraps the database key (``gridterm.store.keys.KeyRing``) is the offline login;
online, the same worker id and PIN buy a session token from the server, cached in the
(encrypted) database and renewed when it is about to expire or is refused. The PIN itself is
never written anywhere: it is held in memory for the signed-in session only.
"""

from __future__ import annotations

import platform
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from gridterm.services import unlock
from gridterm.store import Store
from gridterm.store.keys import DEFAULT_KDF, KdfParams, KeyRing
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx
from sync.client import state
from sync.client.errors import AuthRequired, NotEnrolled
from sync.client.tls import TlsTrust
from sync.client.transport import Transport
from sync.protocol import EnrollResponse, LoginResponse, UserInfo

#: Renew a session token this long before the server would refuse it (ms).
RENEW_BEFORE_MS = 24 * 3600 * 1000


@dataclass(frozen=True, slots=True)
class Device:
    """This terminal's identity at one server."""

    server_url: str
    device_id: str
    device_token: str


def enroll(
    server_url: str, code: str, device_name: str = "", *, trust: TlsTrust | None = None
) -> Device:
    """Spend a supervisor's one-time code; keep the result in memory until ``first_login``
    saves it (a wrong PIN there can be retried with the same ``Device``)."""
    transport = Transport(server_url, trust=trust)
    try:
        answer = transport.call(
            "POST",
            "/v1/auth/enroll",
            json_body={"code": code.strip(), "device_name": device_name or platform.node()},
        )
    finally:
        transport.close()
    body = EnrollResponse.model_validate_json(answer.content)
    return Device(server_url.rstrip("/"), body.device_id, body.device_token)


def first_login(
    db_path: Path | str,
    device: Device,
    worker_id: str,
    pin: str,
    *,
    kdf: KdfParams = DEFAULT_KDF,
    plaintext: bool = False,
    trust: TlsTrust | None = None,
) -> Store:
    """A worker's first login on a freshly enrolled terminal: checked online, then the local
    database is created (or unlocked) with the same PIN and the device and session saved."""
    transport = Transport(device.server_url, trust=trust)
    try:
        answer = _online_login(transport, device, worker_id, pin)
    finally:
        transport.close()
    path = Path(db_path)
    if plaintext:
        store = Store.open_plaintext(path)
    elif path.exists():
        store = Store.unlock(path, worker_id, pin)
    else:
        store = Store.create(path, worker_id, pin, kdf)
    save_device(store, device)
    store.write(lambda tx: _save_session(tx, worker_id, answer))
    return store


def sign_in(db_path: Path | str, worker_id: str, pin: str, *, plaintext: bool = False) -> Store:
    """The everyday login: the PIN unlocks the local database, no network needed."""
    if plaintext:
        return Store.open_plaintext(Path(db_path))
    return unlock.open_store(Path(db_path), worker_id, pin)


def save_device(store: Store, device: Device) -> None:
    """Remember the server and this terminal's identity."""
    state.put(
        store,
        **{
            state.SERVER_URL: device.server_url,
            state.DEVICE_ID: device.device_id,
            state.DEVICE_TOKEN: device.device_token,
        },
    )


def load_device(store: Store, server_url: str | None = None) -> Device:
    """The saved identity (``server_url`` overrides the saved URL, e.g. a new address)."""

    def read(r: Reader) -> Device:
        url = server_url or state.read(r, state.SERVER_URL)
        device_id = state.read(r, state.DEVICE_ID)
        token = state.read(r, state.DEVICE_TOKEN)
        if not (url and device_id and token):
            raise NotEnrolled("sync.not_enrolled", "enroll this terminal with a code first")
        return Device(url.rstrip("/"), device_id, token)

    return store.read(read)


def _online_login(transport: Transport, device: Device, worker_id: str, pin: str) -> LoginResponse:
    answer = transport.call(
        "POST",
        "/v1/auth/login",
        token=device.device_token,
        json_body={"worker_id": worker_id, "pin": pin},
    )
    return LoginResponse.model_validate_json(answer.content)


def _save_session(tx: Tx, worker_id: str, answer: LoginResponse) -> None:
    tx.execute(
        "INSERT INTO sync_session (worker_id, user_id, token, expires_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(worker_id) DO UPDATE SET user_id = excluded.user_id,"
        " token = excluded.token, expires_at = excluded.expires_at",
        (worker_id, answer.user.id, answer.token, answer.expires_at),
    )


class Login:
    """A worker signed in on this terminal, as the server sees them.

    ``token()`` gives a usable session token: the cached one while it has more than a day
    left, else a fresh online login with the PIN held for this session. Thread-safe.
    """

    def __init__(
        self, store: Store, transport: Transport, device: Device, worker_id: str, pin: str | None
    ) -> None:
        self.store = store
        self.transport = transport
        self.device = device
        self.worker_id = worker_id
        self._pin = pin
        self._lock = threading.Lock()
        self.user: UserInfo | None = None

    def token(self) -> str:
        """A session token, renewed online when needed."""
        with self._lock:
            row = self.store.read(
                lambda r: r.one(
                    "SELECT token, expires_at FROM sync_session WHERE worker_id = ?",
                    (self.worker_id,),
                )
            )
            if row is not None and row["expires_at"] - RENEW_BEFORE_MS > time.time() * 1000:
                return str(row["token"])
            return self._renew()

    def renew(self) -> str:
        """Log in online again (after the server refused the cached token)."""
        with self._lock:
            return self._renew()

    def _renew(self) -> str:
        if not self._pin:
            raise AuthRequired("auth.pin_needed", "log in again to sync")
        if self.worker_id not in KeyRing.load(self.store.path) and self.store.encrypted:
            raise AuthRequired("auth.not_local_user", "this worker has no key on this terminal")
        answer = _online_login(self.transport, self.device, self.worker_id, self._pin)
        self.store.write(lambda tx: _save_session(tx, self.worker_id, answer))
        self.user = answer.user
        return answer.token

    def me(self) -> UserInfo:
        """The user and their current area, as the server derives it now (renewing once)."""
        try:
            answer = self.transport.call("GET", "/v1/me", token=self.token(), read_timeout=20)
        except AuthRequired:
            answer = self.transport.call("GET", "/v1/me", token=self.renew(), read_timeout=20)
        self.user = UserInfo.model_validate_json(answer.content)
        return self.user
