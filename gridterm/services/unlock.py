"""Unlocking the terminal with a PIN, under the guard of ``gridterm/store/pin_guard.py``.

Every PIN typed at the login or the lock screen goes through ``check``: a try that comes too
soon is refused before argon2id runs (``store.pin_wait``), a wrong PIN is counted and says how
many are left before the keys are erased, and the wrong PIN that reaches the street office's
limit erases them, unless the terminal may hold unsynced work: then it says so
(``store.wipe_held``) and only ``confirm_wipe`` with a supervisor's own PIN on this terminal
erases it. A device the server revoked is erased by ``erase_revoked`` once the worker has been
told. The screens only show what these say and collect the PINs.
"""

from __future__ import annotations

import threading
from pathlib import Path

from gridterm.domain.users import Role
from gridterm.errors import PermissionDeniedError, StoreError, WrongPinError
from gridterm.services.office_settings import current
from gridterm.store import Store
from gridterm.store import pin_guard as guards
from gridterm.store.connection import connect
from gridterm.store.keys import KeyRing
from gridterm.store.reader import Reader

#: The roles that may confirm erasing a terminal that holds unsynced work.
SUPERVISORS = frozenset({Role.COMMUNITY_SUPERVISOR, Role.STREET_STAFF})

#: One change of the guard file at a time in this process (a lock's note and a PIN typed at
#: once would otherwise each write back what the other had not seen).
_GUARD = threading.RLock()

_UNSENT = "SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'sent', 'rejected')"


class PinWaitError(StoreError):
    """Too many wrong PINs: the next try must wait ``wait_s`` seconds."""

    code = "store.pin_wait"


class WipeHeldError(StoreError):
    """The limit of wrong PINs is reached, but the terminal may hold ``pending`` unsynced
    records (None: unknown), so its keys were kept; a supervisor may confirm erasing them."""

    code = "store.wipe_held"


class KeysErasedError(StoreError):
    """The terminal's keys were erased (too many wrong PINs, or a revoked device)."""

    code = "store.keys_erased"


def check(db_path: Path, worker_id: str, pin: str) -> bytes:
    """The database key if ``pin`` is ``worker_id``'s; otherwise count the failure and raise
    (WrongPinError with ``remaining`` and ``wait_s``, PinWaitError, WipeHeldError,
    KeysErasedError). Blocking (argon2id): off the GUI thread."""
    with _GUARD:
        return _check(Path(db_path), worker_id, pin)


def _check(db_path: Path, worker_id: str, pin: str) -> bytes:
    guard = guards.PinGuard.load(db_path)
    if guard.revoked:
        raise KeysErasedError("store.device_revoked", "the server revoked this terminal")
    ring = KeyRing.load(db_path)
    bucket = guard.bucket(worker_id, worker_id in ring)
    before = guard.verdict(bucket)
    if before.wait_s > 0:
        raise PinWaitError("store.pin_wait", "wait before the next try", **_params(before, guard))
    try:
        key = ring.unwrap(worker_id, pin)
    except WrongPinError:
        after = guard.failed(bucket)
        guard.save()
        if after.remaining == 0:
            _wipe_or_hold(db_path, guard, after)
        raise WrongPinError(
            "store.wrong_pin", "worker id or PIN is wrong", **_params(after, guard)
        ) from None
    guard.succeeded(bucket)
    guard.set_pending(None)  # the worker may write from now on: unknown until locked again
    guard.save()
    return key


def _params(verdict: guards.Verdict, guard: guards.PinGuard) -> dict[str, object]:
    return {
        "remaining": verdict.remaining,
        "wait_s": round(verdict.wait_s),
        "limit": guard.wipe_after,
    }


def _wipe_or_hold(db_path: Path, guard: guards.PinGuard, verdict: guards.Verdict) -> None:
    pending = guard.pending
    if pending == 0:
        guards.erase(db_path)
        raise KeysErasedError("store.keys_erased", "too many wrong PINs: the keys were erased")
    raise WipeHeldError(
        "store.wipe_held",
        "too many wrong PINs; unsynced work holds the wipe",
        pending=pending,
        **_params(verdict, guard),
    )


def open_store(db_path: Path, worker_id: str, pin: str) -> Store:
    """Open the encrypted database with a worker's PIN, through the guard; then keep the
    office's PIN setting beside the key file for the next lock."""
    if not Path(db_path).exists():
        raise StoreError("store.missing", f"{db_path} does not exist")
    key = check(db_path, worker_id, pin)
    store = Store(Path(db_path), key)
    try:
        remember(store)
    except BaseException:
        store.close()
        raise
    return store


def remember(store: Store) -> None:
    """Note, beside the key file, the office's wrong-PIN limit and how many records wait for
    the server (call at a lock and a logout, while the database is still open)."""
    if not store.encrypted:
        return

    def read(r: Reader) -> tuple[int, int]:
        row = r.one(_UNSENT)
        return current(r).pin_wipe_after, int(row["n"]) if row else 0

    wipe_after, unsent = store.read(read)
    with _GUARD:
        guard = guards.PinGuard.load(store.path)
        guard.set_wipe_after(wipe_after)
        guard.set_pending(unsent)
        guard.save()


def confirm_wipe(db_path: Path, supervisor_id: str, pin: str) -> None:
    """Erase the terminal's keys on a supervisor's confirmation: their own PIN on this
    terminal (counted by the guard like any other) and a supervising role. The database
    must not be open elsewhere in this process."""
    db_path = Path(db_path)
    key = check(db_path, supervisor_id, pin)
    conn = connect(db_path, key)
    try:
        row = conn.execute("SELECT role FROM user WHERE worker_id = ?", (supervisor_id,)).fetchone()
    finally:
        conn.close()
    if row is None or row[0] not in SUPERVISORS:
        raise PermissionDeniedError(
            "unlock.not_supervisor", "only a supervisor may confirm erasing this terminal"
        )
    guards.erase(db_path)


def note_revoked(db_path: Path) -> None:
    """The server said this device is revoked: remember it before anything else, so the keys
    are erased at the next start even if the app is closed before the worker is told."""
    with _GUARD:
        guard = guards.PinGuard.load(Path(db_path))
        guard.mark_revoked()
        guard.save()


def is_revoked(db_path: Path) -> bool:
    """Whether the terminal was told it is revoked and has not erased its keys yet."""
    return guards.PinGuard.load(Path(db_path)).revoked


def erase_revoked(db_path: Path) -> None:
    """Erase a revoked terminal's keys and data (the database closed, the worker told)."""
    guards.erase(Path(db_path))
