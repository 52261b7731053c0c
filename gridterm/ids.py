"""UUIDv7 identifiers made on the terminal (time-ordered, no server round trip)."""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def new_id() -> str:
    """Return a new UUIDv7 as a string; monotonic within this process.

    Python 3.11 has no ``uuid.uuid7``; this follows RFC 9562 with a 12-bit counter in
    ``rand_a`` so ids made in the same millisecond still sort in creation order.
    """
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            _counter += 1
            if _counter > 0xFFF:  # counter exhausted: borrow the next millisecond
                _last_ms += 1
                _counter = 0
            ms = _last_ms
        else:
            _last_ms = ms
            _counter = 0
        counter = _counter
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | counter << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))


def id_timestamp_ms(value: str) -> int:
    """Milliseconds since the epoch encoded in a UUIDv7."""
    return uuid.UUID(value).int >> 80


_CONFLICT_NAMESPACE = uuid.UUID("6f1c2a54-7d1e-4b0e-9a3c-19c0a5f0e419")


def conflict_id(op_id: str, field: str) -> str:
    """The id of the conflict an op's refused field opens, the same on terminal and server.

    One op refuses a field at most once, so (op, field) names the conflict: a terminal that
    saw it at pull, the server that records it at push and every terminal that pulls it all
    call it by this id, and a resolution can name it before the server has it.
    """
    return str(uuid.uuid5(_CONFLICT_NAMESPACE, f"{op_id}/{field}"))
