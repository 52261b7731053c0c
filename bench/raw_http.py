"""A lean load generator: each terminal's push as HTTP/1.1 bytes built before the clock starts,
sent over its own keep-alive connection with asyncio streams, every answer read and checked.

httpx cost the bench 2.5 ms of CPU per request (its request and response objects, the
connection pool's bookkeeping, the header models): 0.5 s of the generator's CPU for 200 pushes,
taken from the same two cores as the servers and PostgreSQL, and spent mostly before the first
request reached a server (docs/performance.md, "Through the load balancer, third round"). A
request here is one ``write`` of prepared bytes; an answer is its status line, its headers and
its body (by ``Content-Length`` or chunked), parsed as much as the check needs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


class BadAnswer(Exception):
    """An answer that is not what a good push gets (the bench fails on it)."""


def request_bytes(
    url: str, path: str, headers: dict[str, str], body: bytes, method: str = "POST"
) -> bytes:
    """The whole HTTP/1.1 request, ready to write (keep-alive is HTTP/1.1's default)."""
    host = urlsplit(url).netloc
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


@dataclass
class Answer:
    """A response: its status, headers (names in lower case) and body."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> object:
        """The body as JSON."""
        return json.loads(self.body)


@dataclass
class Connection:
    """One terminal's connection to ``url``, opened on the first request, opened again when
    the other side closes it."""

    url: str
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None

    async def send(self, request: bytes) -> Answer:
        """Write ``request`` and read its answer."""
        if self.writer is None or self.reader is None:
            parts = urlsplit(self.url)
            self.reader, self.writer = await asyncio.open_connection(parts.hostname, parts.port)
        self.writer.write(request)
        answer = await _read_answer(self.reader)
        if answer.headers.get("connection", "").lower() == "close":
            await self.close()
        return answer

    async def close(self) -> None:
        """Close the connection (if open)."""
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def _read_answer(reader: asyncio.StreamReader) -> Answer:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head[:-4].decode("latin-1").split("\r\n")
    status = int(status_line.split(" ", 2)[1])
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        body = await _read_chunked(reader)
    else:
        raise BadAnswer(f"an answer without a length: {head!r}")
    return Answer(status, headers, body)


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")  # no trailers are sent to us
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)


@dataclass
class Pushes:
    """Every terminal's push at once, each on its own connection; a 503 is sent again after its
    ``Retry-After`` (counted in ``busy``), anything but a 200 with every op applied fails."""

    url: str
    latencies: list[float] = field(default_factory=list)
    #: the code of each 503 answered (the request was sent again)
    busy: list[str] = field(default_factory=list)

    async def run(self, requests: list[bytes]) -> float:
        """Send them all at once; the seconds until the last answer was checked."""
        connections = [Connection(self.url) for _ in requests]
        try:
            started = time.perf_counter()
            await asyncio.gather(*(map(self._one, connections, requests)))
            return time.perf_counter() - started
        finally:
            await asyncio.gather(*(c.close() for c in connections))

    async def _one(self, connection: Connection, request: bytes) -> None:
        started = time.perf_counter()
        for attempt in range(20):
            answer = await connection.send(request)
            if answer.status != 503:
                break
            self.busy.append(_error_code(answer))
            retry = float(answer.headers.get("retry-after", "1"))
            await asyncio.sleep(retry * (1 + attempt / 4))
        if answer.status != 200:
            raise BadAnswer(f"HTTP {answer.status}: {answer.body[:500]!r}")
        pushed = answer.json()
        # compact: the ops left out of results were applied as sent
        if not isinstance(pushed, dict) or pushed.get("results") != []:
            raise BadAnswer(f"not every op was applied: {answer.body[:500]!r}")
        if not pushed.get("others_applied"):
            raise BadAnswer(f"not a compact answer: {answer.body[:500]!r}")
        self.latencies.append((time.perf_counter() - started) * 1000)


def _error_code(answer: Answer) -> str:
    try:
        body = answer.json()
        return str(body["error"]["code"])  # type: ignore[index]
    except (ValueError, KeyError, TypeError):
        return f"HTTP {answer.status}"
