"""HTTP to the sync server: timeouts on every call, typed errors, and what went over the wire.

Blocking (``requests``): the engine runs on a worker thread, never on the GUI thread.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import requests

from sync.client import tls
from sync.client.errors import (
    AuthRequired,
    Refused,
    ServerBusy,
    SyncError,
    Unreachable,
    UpgradeRequired,
)
from sync.client.tls import TlsTrust
from sync.protocol import HEADER_PROTOCOL, HEADER_RETRY_AFTER, PROTOCOL_VERSION

#: Seconds to open a connection: a dead link is noticed quickly.
CONNECT_TIMEOUT = 5.0
#: Seconds without a byte from the server before giving up on an answer.
READ_TIMEOUT = 60.0
_USER_AGENT = "GridTerm-terminal"
_DOWNLOAD_PIECE = 8 * 1024  # a cut loses at most this much of a download


@dataclass
class WireCount:
    """Requests made and bytes carried (request and status lines, headers and bodies)."""

    requests: int = 0
    bytes_up: int = 0
    bytes_down: int = 0

    @property
    def bytes(self) -> int:
        """Both directions."""
        return self.bytes_up + self.bytes_down


def retry_after_seconds(value: str | None) -> float | None:
    """A Retry-After header (seconds or an HTTP date) as seconds from now."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class Transport:
    """One server: a connection pool, the protocol header on every request, typed failures."""

    def __init__(
        self,
        base_url: str,
        *,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        trust: TlsTrust | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.count = WireCount()
        self._http = requests.Session()
        self._http.headers.update(
            {HEADER_PROTOCOL: str(PROTOCOL_VERSION), "User-Agent": _USER_AGENT}
        )
        verify = tls.apply(self._http, trust)
        # Trusting the environment, requests reads the proxy variables and ~/.netrc again on
        # every request (about 7 % of a push's time on the terminal), and a netrc entry for the
        # server would replace the bearer token with its Basic login. Read the proxies and the
        # CA bundle variables once, here, and nothing of the environment afterwards.
        settings = self._http.merge_environment_settings(self.base_url, {}, None, verify, None)
        self._http.trust_env = False
        self._http.proxies = settings["proxies"]
        self._verify: str | bool = settings["verify"]
        self._lock = threading.Lock()

    def close(self) -> None:
        """Drop pooled connections."""
        self._http.close()

    def call(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        json_body: Any = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        read_timeout: float | None = None,
        expect: Iterable[int] = (),
    ) -> requests.Response:
        """Send one request and read the whole answer; 2xx (and ``expect``) are returned,
        everything else raises a ``SyncError`` subclass saying whether to retry."""
        all_headers = dict(headers or {})
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode()
            all_headers.setdefault("Content-Type", "application/json")
        timeout = (self.connect_timeout, read_timeout or self.read_timeout)
        try:
            response = self._http.request(
                method,
                self.base_url + path,
                data=body,
                headers=all_headers,
                params=params,
                timeout=timeout,
                allow_redirects=False,
                verify=self._verify,
            )
            response.content  # noqa: B018 - read it all here, so a cut answer fails here
        except requests.RequestException as exc:
            self._count_attempt(method, path, body)
            raise unreachable(method, path, exc) from None
        self._count(response)
        if not _framed(response):
            raise Unreachable("net.truncated", f"{method} {path}: the answer was cut short")
        status = response.status_code
        if 200 <= status < 300 or status in set(expect):
            return response
        raise error_for(response)

    def download(
        self,
        path: str,
        sink: Callable[[bytes], None],
        *,
        token: str | None = None,
        headers: Mapping[str, str] | None = None,
        read_timeout: float | None = None,
    ) -> int:
        """GET ``path``, handing the body to ``sink`` piece by piece as it arrives (so a cut
        keeps what came); returns the status (2xx), raises like ``call`` otherwise."""
        all_headers = dict(headers or {})
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        timeout = (self.connect_timeout, read_timeout or self.read_timeout)
        received = 0
        try:
            with self._http.get(
                self.base_url + path,
                headers=all_headers,
                timeout=timeout,
                stream=True,
                verify=self._verify,
            ) as response:
                if not 200 <= response.status_code < 300:
                    response.content  # noqa: B018 - the error body, for error_for
                    self._count(response)
                    raise error_for(response)
                for piece in response.iter_content(_DOWNLOAD_PIECE):
                    received += len(piece)
                    sink(piece)
                status = response.status_code
        except requests.RequestException as exc:
            raise unreachable("GET", path, exc) from None
        finally:
            with self._lock:
                self.count.requests += 1
                self.count.bytes_down += received
                self.count.bytes_up += len(path) + 300
        return status

    def _count_attempt(self, method: str, path: str, body: bytes | None) -> None:
        with self._lock:
            self.count.requests += 1
            self.count.bytes_up += len(method) + len(path) + 200 + len(body or b"")

    def _count(self, response: requests.Response) -> None:
        req = response.request
        up = len(req.method or "") + len(req.url or "") + 12
        up += sum(len(k) + len(str(v)) + 4 for k, v in req.headers.items())
        req_body = req.body
        up += len(req_body) if isinstance(req_body, bytes | str) else 0
        down = 17 + sum(len(k) + len(v) + 4 for k, v in response.headers.items())
        down += len(response.content)
        with self._lock:
            self.count.requests += 1
            self.count.bytes_up += up
            self.count.bytes_down += down


def unreachable(method: str, path: str, exc: requests.RequestException) -> Unreachable:
    """The failure of a request that got no answer: ``net.certificate`` when the server's
    certificate was not trusted (a wrong CA, an expired certificate, another one than the
    pinned one: possibly an interception), ``net.unreachable`` otherwise."""
    code = "net.certificate" if isinstance(exc, requests.exceptions.SSLError) else "net.unreachable"
    return Unreachable(code, f"{method} {path}: {exc}")


def _framed(response: requests.Response) -> bool:
    """Whether the answer says how long it is, as every answer of the server does.

    Cut inside its status line or headers, an answer can still reach requests as a "200"
    with no length and no body (urllib3 only logs the broken headers); cut later, urllib3
    itself raises on a body shorter than its Content-Length.
    """
    if response.status_code in (204, 304) or response.request.method == "HEAD":
        return True
    headers = response.headers
    return "Content-Length" in headers or "chunked" in headers.get("Transfer-Encoding", "")


def error_for(response: requests.Response) -> SyncError:
    """The typed error for a non-success answer (the server's ``ErrorResponse`` body)."""
    status = response.status_code
    code, message, field = f"http.{status}", response.reason or "", None
    try:
        err = response.json()["error"]
        code, message, field = err["code"], err.get("message", ""), err.get("field")
    except (ValueError, KeyError, TypeError):
        pass
    if status == 401:
        return AuthRequired(code, message, status=status)
    if status == 426:
        return UpgradeRequired(code, message, status=status)
    if status in (408, 429) or status >= 500:
        wait = retry_after_seconds(response.headers.get(HEADER_RETRY_AFTER))
        return ServerBusy(code, message, retry_after=wait, status=status)
    return Refused(code, message, status=status, field=field)
