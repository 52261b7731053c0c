"""A fault-injecting TCP proxy on 127.0.0.1 between a terminal and the server.

It forwards bytes both ways and, on request: cuts the connection after N more bytes in
either direction (mid-request, mid-response), delays answers, throttles the link to a rate,
cuts every connection every T seconds, refuses connections (offline), or answers the next
requests itself with ``503`` + ``Retry-After``. It counts the bytes it carried.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from dataclasses import dataclass, field

_READ = 16 * 1024


class _Bucket:
    """A token bucket: ``take(n)`` returns once ``n`` bytes fit the rate."""

    def __init__(self) -> None:
        self.rate: float | None = None
        self._lock = threading.Lock()
        self._next = time.monotonic()

    def take(self, n: int) -> None:
        """Wait until ``n`` more bytes fit the rate."""
        with self._lock:
            if not self.rate:
                return
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + n / self.rate
            wait = self._next - now
        if wait > 0:
            time.sleep(wait)


@dataclass
class _Conn:
    client: socket.socket
    upstream: socket.socket | None = None
    closed: threading.Event = field(default_factory=threading.Event)
    answer_due: bool = False
    in_request: bool = False

    def cut(self) -> None:
        """Drop both sides at once, as a lost link does."""
        if self.closed.is_set():
            return
        self.closed.set()
        for s in (self.client, self.upstream):
            if s is None:
                continue
            with contextlib.suppress(OSError):
                # abortive close: a cut link does not say goodbye
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            with contextlib.suppress(OSError):
                # close() alone would wait for the other pump's blocked recv(); shutdown()
                # ends both directions at once
                s.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                s.close()


class FaultProxy:
    """Listens on 127.0.0.1 (``port``) and forwards to ``target_port``."""

    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._lock = threading.Lock()
        self._conns: list[_Conn] = []
        self._stopping = threading.Event()
        self.up = _Bucket()
        self.down = _Bucket()
        self.bytes_up = 0
        self.bytes_down = 0
        self.connections = 0
        self.cuts = 0
        self.answered_503 = 0
        self.answer_delay = 0.0
        self.refuse = False
        self._cut_up_after: int | None = None
        self._cut_down_after: int | None = None
        self._inject: list[tuple[bytes, int]] = []
        self._delays: list[float] = []
        self._periodic: threading.Thread | None = None
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        """The base URL a terminal uses to go through this proxy."""
        return f"http://127.0.0.1:{self.port}"

    # -- faults ---------------------------------------------------------------------------------

    def throttle(self, bits_per_second: float | None) -> None:
        """Limit each direction to a rate (None: no limit)."""
        rate = bits_per_second / 8 if bits_per_second else None
        self.up.rate = rate
        self.down.rate = rate

    def cut_request_after(self, n: int) -> None:
        """Cut the connection carrying the next N+1-th byte towards the server."""
        with self._lock:
            self._cut_up_after = n

    def cut_response_after(self, n: int) -> None:
        """Cut the connection carrying the next N+1-th byte towards the terminal."""
        with self._lock:
            self._cut_down_after = n

    def answer_503(self, times: int = 1, retry_after: int = 1, path: str = "") -> None:
        """Answer the next ``times`` requests whose request line starts with ``path`` (e.g.
        "POST /v1/sync/push") with 503 + Retry-After; the server never sees them."""
        with self._lock:
            self._inject += [(path.encode(), retry_after)] * times

    def go_offline(self, offline: bool = True) -> None:
        """Refuse every connection (and cut the open ones), or stop refusing."""
        self.refuse = offline
        if offline:
            self.cut_all()

    def delay_answers(self, seconds: float, times: int = 1) -> None:
        """Hold the next ``times`` answers for ``seconds`` each before forwarding them."""
        with self._lock:
            self._delays += [seconds] * times

    def _next_delay(self) -> float:
        with self._lock:
            return self._delays.pop(0) if self._delays else self.answer_delay

    def cut_all(self) -> None:
        """Cut every open connection now."""
        with self._lock:
            conns = list(self._conns)
        for c in conns:
            if not c.closed.is_set():
                c.cut()
                with self._lock:
                    self.cuts += 1

    def cut_every(self, seconds: float | None) -> None:
        """Cut every open connection every ``seconds`` (None: stop)."""
        self._period = seconds
        if seconds and self._periodic is None:
            self._periodic = threading.Thread(target=self._cutter, daemon=True)
            self._periodic.start()

    def close(self) -> None:
        """Stop listening and cut everything."""
        self._stopping.set()
        self._period = None
        self._server.close()
        self.cut_all()

    # -- forwarding -----------------------------------------------------------------------------

    def _cutter(self) -> None:
        while not self._stopping.is_set():
            period = self._period
            if not period:
                self._periodic = None
                return
            time.sleep(period)
            if self._period:
                self.cut_all()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn = _Conn(client)
            with self._lock:
                self.connections += 1
                self._conns = [c for c in self._conns if not c.closed.is_set()] + [conn]
            if self.refuse:
                conn.cut()
                continue
            try:
                conn.upstream = socket.create_connection(self.target, timeout=5)
                conn.upstream.settimeout(None)
                conn.upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                conn.cut()  # the server is down: so is this connection
                continue
            threading.Thread(target=self._pump, args=(conn, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(conn, False), daemon=True).start()

    def _pump(self, conn: _Conn, upward: bool) -> None:
        src = conn.client if upward else conn.upstream
        dst = conn.upstream if upward else conn.client
        bucket = self.up if upward else self.down
        assert src is not None and dst is not None
        try:
            while not conn.closed.is_set():
                # small pieces keep a throttled stream smooth; ~100 a second at most
                size = min(_READ, max(2048, int(bucket.rate / 100))) if bucket.rate else _READ
                data = src.recv(size)
                if not data:
                    break
                if upward:
                    if not conn.in_request:
                        conn.in_request = True
                        retry_after = self._injected(data)
                        if retry_after is not None:
                            self._answer_itself(conn, data, retry_after)
                            return
                    conn.answer_due = True
                elif conn.answer_due:
                    conn.answer_due = False
                    delay = self._next_delay()
                    if delay:
                        time.sleep(delay)
                if not upward:
                    conn.in_request = False
                data = self._maybe_cut(conn, data, upward)
                bucket.take(len(data))
                if data:
                    # counted before it is sent: once the terminal has read an answer, the
                    # counters already include it (tests size their cuts from them)
                    with self._lock:
                        if upward:
                            self.bytes_up += len(data)
                        else:
                            self.bytes_down += len(data)
                    dst.sendall(data)
                if conn.closed.is_set():
                    break
        except OSError:
            pass
        if not conn.closed.is_set():
            conn.cut()

    def _maybe_cut(self, conn: _Conn, data: bytes, upward: bool) -> bytes:
        with self._lock:
            left = self._cut_up_after if upward else self._cut_down_after
            if left is None:
                return data
            if len(data) <= left:
                if upward:
                    self._cut_up_after = left - len(data)
                else:
                    self._cut_down_after = left - len(data)
                return data
            if upward:
                self._cut_up_after = None
            else:
                self._cut_down_after = None
            self.cuts += 1
        head = data[:left]
        target = conn.upstream if upward else conn.client
        if head and target is not None:
            with contextlib.suppress(OSError):
                target.sendall(head)
        conn.cut()
        return b""

    def _injected(self, request_start: bytes) -> int | None:
        with self._lock:
            for i, (prefix, retry_after) in enumerate(self._inject):
                if request_start.startswith(prefix):
                    del self._inject[i]
                    return retry_after
        return None

    def _answer_itself(self, conn: _Conn, buf: bytes, retry_after: int) -> None:
        """Read the rest of one HTTP request and answer 503, as an overloaded load balancer
        would; the server never sees it."""
        try:
            while b"\r\n\r\n" not in buf:
                chunk = conn.client.recv(_READ)
                if not chunk:
                    return
                buf += chunk
            head, _, body = buf.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            while len(body) < length:
                chunk = conn.client.recv(_READ)
                if not chunk:
                    return
                body += chunk
            payload = b'{"error":{"code":"server.busy","message":"try later","retriable":true}}'
            conn.client.sendall(
                f"HTTP/1.1 503 Service Unavailable\r\nRetry-After: {retry_after}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
                "Connection: close\r\n\r\n".encode()
                + payload
            )
        except OSError:
            pass
        finally:
            with self._lock:
                self.answered_503 += 1
            conn.closed.set()
            for s in (conn.client, conn.upstream):  # a polite close: the answer must arrive
                with contextlib.suppress(OSError):
                    if s is not None:
                        s.shutdown(socket.SHUT_RDWR)
                        s.close()
