"""Database key handling: one random key per database, stored only wrapped by users' PINs.

The SQLCipher key is 32 random bytes. For each local user the key is wrapped with AES-256-GCM
under a key-encryption key derived from that user's PIN by argon2id; the wrapped copies live in
a small JSON file beside the database (``<db>.keys``), since they must be readable before the
database can be opened. Several local users can unwrap the same key. A PIN that unwraps the key
is also the offline login check.

All key handling lives here so a later security issue (PIN change policy, remote wipe, TPM)
extends one module.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from gridterm.domain.users import validate_pin
from gridterm.errors import StoreError, WrongPinError
from gridterm.store import atomic

KEYFILE_SUFFIX = ".keys"
_FORMAT = 1


@dataclass(frozen=True, slots=True)
class KdfParams:
    """argon2id cost parameters, stored with each wrapped key so they can be raised later."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 2


#: What a real terminal uses (about 0.1 s on a tablet CPU).
DEFAULT_KDF = KdfParams()

#: Cheap parameters for tests and benchmarks only; never for a real terminal.
FAST_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)


def keyfile_path(db_path: Path) -> Path:
    """Where the wrapped keys of ``db_path`` live."""
    return db_path.with_name(db_path.name + KEYFILE_SUFFIX)


def new_database_key() -> bytes:
    """A fresh random 256-bit database key."""
    return secrets.token_bytes(32)


def _kek(pin: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        pin.encode(),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class _Entry(TypedDict):
    """One user's wrapped key as the key file stores it (JSON)."""

    kdf: str
    time_cost: int
    memory_kib: int
    parallelism: int
    salt: str
    nonce: str
    wrapped: str


class KeyRing:
    """The wrapped copies of one database's key, one per local user (worker id)."""

    def __init__(self, path: Path, entries: dict[str, _Entry] | None = None):
        self.path = path
        self._entries: dict[str, _Entry] = entries or {}

    @classmethod
    def load(cls, db_path: Path) -> KeyRing:
        """Read the key ring beside ``db_path``; an absent file is an empty ring."""
        path = keyfile_path(db_path)
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError("store.keyfile_unreadable", f"cannot read {path}: {exc}") from exc
        if data.get("format") != _FORMAT:
            raise StoreError("store.keyfile_unknown_format", f"{path} has an unknown format")
        return cls(path, data["users"])

    @property
    def worker_ids(self) -> list[str]:
        """The local users who can unlock this database."""
        return sorted(self._entries)

    def __contains__(self, worker_id: str) -> bool:
        return worker_id in self._entries

    def add(self, worker_id: str, pin: str, key: bytes, params: KdfParams = DEFAULT_KDF) -> None:
        """Wrap ``key`` for ``worker_id`` under ``pin`` (replacing an older wrap) and save."""
        validate_pin(pin)
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        wrapped = AESGCM(_kek(pin, salt, params)).encrypt(nonce, key, worker_id.encode())
        self._entries[worker_id] = {
            "kdf": "argon2id",
            "time_cost": params.time_cost,
            "memory_kib": params.memory_kib,
            "parallelism": params.parallelism,
            "salt": _b64(salt),
            "nonce": _b64(nonce),
            "wrapped": _b64(wrapped),
        }
        self._save()

    def remove(self, worker_id: str) -> None:
        """Forget a local user's wrapped key (they can no longer unlock this database)."""
        if self._entries.pop(worker_id, None) is not None:
            self._save()

    def unwrap(self, worker_id: str, pin: str) -> bytes:
        """The database key, if ``pin`` is ``worker_id``'s PIN; WrongPinError otherwise.

        An unknown worker id gets the same error as a wrong PIN so the login screen does not
        reveal which worker ids exist on the terminal.
        """
        entry = self._entries.get(worker_id)
        if entry is None:
            raise WrongPinError("store.wrong_pin", "worker id or PIN is wrong")
        params = KdfParams(
            int(entry["time_cost"]), int(entry["memory_kib"]), int(entry["parallelism"])
        )
        kek = _kek(pin, base64.b64decode(entry["salt"]), params)
        try:
            return AESGCM(kek).decrypt(
                base64.b64decode(entry["nonce"]),
                base64.b64decode(entry["wrapped"]),
                worker_id.encode(),
            )
        except InvalidTag:
            raise WrongPinError("store.wrong_pin", "worker id or PIN is wrong") from None

    def _save(self) -> None:
        # Write then rename so a flat battery never leaves half a key file behind.
        data = json.dumps({"format": _FORMAT, "users": self._entries}, indent=1)
        atomic.write_text(self.path, data)
