"""Tokens, one-time codes and PIN hashes."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

#: OWASP's argon2id minimum (19 MiB, 2 passes): a PIN is short, so the hash must be slow.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_DUMMY = _hasher.hash("not-a-pin")

DEVICE_PREFIX = "gtd_"
SESSION_PREFIX = "gts_"
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed


def new_token(prefix: str) -> str:
    """A random bearer token; only its digest is stored."""
    return prefix + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """SHA-256 of a token or code, as stored in the database."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_enrollment_code() -> str:
    """A one-time code a supervisor reads out or shows as a QR code: ``ABCD-EFGH-JKLM``."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(code: str) -> str:
    """Codes are accepted in any case, with or without dashes and spaces."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else raw


def hash_pin(pin: str) -> str:
    """An argon2id hash of a PIN."""
    return _hasher.hash(pin)


def verify_pin(pin_hash: str | None, pin: str) -> bool:
    """Whether ``pin`` matches; costs the same time when there is no user (no user probing)."""
    try:
        return _hasher.verify(pin_hash or _DUMMY, pin) and pin_hash is not None
    except (VerificationError, InvalidHashError):
        return False
