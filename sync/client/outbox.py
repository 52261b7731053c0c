"""Reading the outbox for a push, in ``seq`` order, and marking rows sent.

Rows not settled yet — pending, or ``sent`` (a batch whose answer was lost: a cut) — go again
with the same ``op_id``, as do rows a crash caught in flight (held in memory, still pending);
the server answers ``duplicate`` for those it committed (guarantee 2).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any, NamedTuple

from gridterm.store.reader import Reader
from gridterm.store.tx import Tx, utc_now

#: States of rows the server has not settled yet.
UNSENT = ("pending", "sent")
_CHUNK = 400
#: Text JSON writes unchanged between quotes (no escapes needed).
_PLAIN = re.compile(r"[A-Za-z0-9_./:-]*")


class OutboxOp(NamedTuple):
    """One outbox row as it goes on the wire; ``fields`` is the stored JSON text as UTF-8
    bytes (read as a blob: spliced into the body as it is, never decoded and encoded again). A named
    tuple, not a frozen dataclass: one is made for every op pushed, and a tuple is made in
    one call rather than by eight ``object.__setattr__`` (0.5 µs a row instead of 2.5)."""

    seq: int
    op_id: str
    entity: str
    entity_id: str
    op: str
    fields: bytes
    base_version: int | None
    state: str
    #: The op as JSON, made by SQLite as the row was read (``unsent``); None: ``wire`` makes it.
    encoded: bytes | None = None

    def values(self) -> dict[str, Any]:
        """The fields written, parsed."""
        return json.loads(self.fields)

    def wire(self) -> bytes:
        """The op as JSON; ``fields`` is spliced in as stored, not parsed and re-encoded."""
        if self.encoded is not None:
            return self.encoded
        base = self.base_version
        if (
            (base is None or type(base) is int)
            and type(self.seq) is int
            and _PLAIN.fullmatch(self.op_id + self.entity + self.entity_id + self.op) is not None
        ):
            # ids and names that JSON writes as they are (the common case, UUIDs): no encoder
            head = (
                f'{{"op_id":"{self.op_id}","seq":{self.seq},"entity":"{self.entity}",'
                f'"entity_id":"{self.entity_id}","op":"{self.op}",'
                f'"base_version":{"null" if base is None else base},"fields":'
            )
            return head.encode() + self.fields + b"}"
        head = json.dumps(
            {
                "op_id": self.op_id,
                "seq": self.seq,
                "entity": self.entity,
                "entity_id": self.entity_id,
                "op": self.op,
                "base_version": self.base_version,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return f'{head[:-1]},"fields":'.encode() + self.fields + b"}"


#: ``OutboxOp.wire`` in SQL: each op's JSON made by SQLite as it reads the row (one C
#: expression instead of a Python format, a regular expression and three concatenations per
#: op); ``json_quote`` escapes what JSON must, ``fields`` is the stored JSON text spliced in.
_WIRE = (
    'CAST(printf(\'{"op_id":%s,"seq":%d,"entity":%s,"entity_id":%s,"op":%s,'
    '"base_version":%s,"fields":%s}\', json_quote(op_id), seq, json_quote(entity),'
    " json_quote(entity_id), json_quote(op), json_quote(base_version), fields) AS BLOB)"
)


_AS_OP = partial(tuple.__new__, OutboxOp)


def unsent(r: Reader, after_seq: int, limit: int) -> list[OutboxOp]:
    """Up to ``limit`` rows waiting for the server, after ``seq`` ``after_seq``, in order."""
    # the seqs first, from the (state, seq) index alone, each state's in order and merged:
    # ``state IN (...) ORDER BY seq LIMIT`` read and sorted every unsent row after
    # ``after_seq``, fields and all, to keep ``limit`` of them (each batch read the rest of
    # the outbox again, page by encrypted page)
    cur = r.conn.execute(
        "SELECT seq, op_id, entity, entity_id, op, CAST(fields AS BLOB), base_version, state,"
        f" {_WIRE} FROM outbox WHERE seq IN"
        " (SELECT seq FROM outbox WHERE state = 'pending' AND seq > ?1"
        " UNION ALL SELECT seq FROM outbox WHERE state = 'sent' AND seq > ?1"
        " ORDER BY 1 LIMIT ?2) ORDER BY seq",
        (after_seq, limit),
    )
    # columns in field order: each row made the named tuple in C (``tuple.__new__``), not by
    # the named tuple's own ``__new__``, a Python function called once per op
    return list(map(_AS_OP, cur))


def unsent_on_writer(tx: Tx, after_seq: int, limit: int) -> list[OutboxOp]:
    """``unsent`` on the store's writer connection (in a transaction that writes nothing):
    the push reads its next batch there because the answers it applied left the outbox's
    pages in that connection's cache, decrypted, while a reader's whole cache is dropped
    after every commit (WAL), so it would decrypt every page of the batch again."""
    return unsent(Reader(tx.conn), after_seq, limit)


def count_unsent(r: Reader) -> int:
    """Rows not yet settled by the server."""
    return int(r.scalar("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sent')") or 0)


def mark_sent(tx: Tx, ops: Sequence[OutboxOp], batch_id: str) -> None:
    """pending → sent (rows sent before just get the new batch id)."""
    # one statement for the batch (its seqs as one JSON parameter), not one per row
    tx.conn.execute(
        "UPDATE outbox SET state = 'sent', batch_id = ?, state_at = ?"
        " WHERE seq IN (SELECT value FROM json_each(?)) AND state IN ('pending', 'sent')",
        (batch_id, utc_now(), seqs_json(ops)),
    )


def mark_batches_sent(tx: Tx, batches: Iterable[tuple[Sequence[OutboxOp], str]]) -> None:
    """``mark_sent`` for each (ops, batch id): batches whose answer never came."""
    for ops, batch_id in batches:
        mark_sent(tx, ops, batch_id)


def seqs_json(ops: Iterable[OutboxOp]) -> str:
    """The ops' ``seq`` values as a JSON list, for ``seq IN (SELECT value FROM json_each(?))``."""
    return "[" + ",".join(str(op.seq) for op in ops) + "]"


def body(
    device_id: str,
    batch_id: str,
    schema_version: int,
    ops: Sequence[OutboxOp],
    *,
    compact: bool = False,
    sent_at: str | None = None,
    after: str | None = None,
) -> bytes:
    """The push request as JSON bytes (``compact``: ask for the compact answer; ``sent_at``:
    the terminal's clock now, for the server's stamps; ``after``: the batch the server must
    apply first)."""
    doc: dict[str, Any] = {
        "device_id": device_id,
        "batch_id": batch_id,
        "schema_version": schema_version,
    }
    if compact:
        doc["compact"] = True
    if sent_at is not None:
        doc["sent_at"] = sent_at
    if after is not None:
        doc["after"] = after
    head = json.dumps(doc, separators=(",", ":"))
    # the head and the tail joined to the first and last op: the body, hundreds of kB, is
    # copied once (by the join) rather than again by two concatenations
    wires = [op.wire() for op in ops]
    start, end = f'{head[:-1]},"ops":['.encode(), b"]}"
    if len(wires) < 2:
        return start + b"".join(wires) + end
    wires[0] = start + wires[0]
    wires[-1] += end
    return b",".join(wires)


def unsent_fields(
    tx: Tx, entity: str, ids: Iterable[str], *, states: Sequence[str] = ("pending", "sent")
) -> dict[str, dict[str, tuple[str, int | None]]]:
    """For each record with unsettled local writes: field → (op_id, base_version) of the newest
    write of that field. A create counts as writing every field it holds."""
    wanted = sorted(set(ids))
    found: dict[str, dict[str, tuple[str, int | None]]] = {}
    marks_states = ",".join("?" * len(states))
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for entity_id, op_id, fields, base in tx.execute(
            f"SELECT entity_id, op_id, fields, base_version FROM outbox WHERE entity = ?"
            f" AND entity_id IN ({marks}) AND state IN ({marks_states}) ORDER BY seq",
            (entity, *chunk, *states),
        ):
            mine = found.setdefault(entity_id, {})
            for name in json.loads(fields):
                mine[name] = (op_id, base)
        # a conflict's resolution writes its chosen value into the record it names
        for entity_id, op_id, name, base in tx.execute(
            f"SELECT json_extract(fields, '$.entity_id'), op_id, json_extract(fields, '$.field'),"
            f" base_version FROM outbox WHERE entity = 'conflict_resolution'"
            f" AND json_extract(fields, '$.entity') = ?"
            f" AND json_extract(fields, '$.entity_id') IN ({marks})"
            f" AND state IN ({marks_states}) ORDER BY seq",
            (entity, *chunk, *states),
        ):
            found.setdefault(entity_id, {})[name] = (op_id, base)
    return found
