"""Which servers the terminal trusts over HTTPS: the system's CAs, or a street office's own CA
bundle, and optionally one pinned certificate (its SHA-256 fingerprint).

A failed check is ``net.certificate``, never ``net.unreachable``: a certificate the terminal
does not trust may mean someone is intercepting the connection, and the worker is told so.
Pinning uses urllib3's ``assert_fingerprint`` (checked on every new connection, after the CA
check), so no TLS code is written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from requests.adapters import HTTPAdapter

from sync.client.errors import Unreachable

_HEX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class TlsTrust:
    """``ca_bundle``: a PEM file of CA certificates to trust instead of the system's ('' for
    the system's); ``pin_sha256``: the server certificate's SHA-256 fingerprint ('' for none)."""

    ca_bundle: str = ""
    pin_sha256: str = ""

    def check(self) -> TlsTrust:
        """This trust, normalised; ``Unreachable('net.certificate_settings')`` when the bundle
        is not a readable PEM file of certificates or the pin is not 64 hex digits."""
        pin = normalise_pin(self.pin_sha256)
        if self.pin_sha256 and not _HEX.fullmatch(pin):
            raise Unreachable("net.certificate_settings", "the pin is not a SHA-256 fingerprint")
        if self.ca_bundle:
            try:
                x509.load_pem_x509_certificates(Path(self.ca_bundle).read_bytes())
            except (OSError, ValueError):
                raise Unreachable(
                    "net.certificate_settings", f"{self.ca_bundle} is not a PEM certificate file"
                ) from None
        return TlsTrust(self.ca_bundle, pin)


def normalise_pin(text: str) -> str:
    """A fingerprint as typed (``AB:CD:…`` or spaced) as 64 lower-case hex digits."""
    return re.sub(r"[^0-9a-fA-F]", "", text).lower()


def fingerprint(pem: bytes) -> str:
    """The SHA-256 fingerprint a pin compares with, of a PEM certificate."""
    return x509.load_pem_x509_certificate(pem).fingerprint(hashes.SHA256()).hex()


class _PinnedAdapter(HTTPAdapter):
    """Every HTTPS connection must present the pinned certificate."""

    def __init__(self, pin: str) -> None:
        self._pin = pin
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["assert_fingerprint"] = self._pin
        super().init_poolmanager(*args, **kwargs)


def apply(session: requests.Session, trust: TlsTrust | None) -> str | bool:
    """Mount the pin on ``session``; returns the ``verify`` every request must pass (requests
    lets REQUESTS_CA_BUNDLE override a session's own bundle, not a request's)."""
    if trust is None:
        return True
    if trust.pin_sha256:
        session.mount("https://", _PinnedAdapter(trust.pin_sha256))
    return trust.ca_bundle or True
