"""Pull: the changes in a user's partitions after an opaque cursor, a page at a time.

The cursor holds the position reached in the change log (txid, seq), the partitions already
served, and — while a newly assigned grid is being caught up — a second position for those
new partitions. Partitions that left the user's area come back as removals. A device's own
facts, stored exactly as it pushed them (``change_log.origin``), are not sent back to it once
it holds a cursor; the cursor still moves past them. Only positions
below ``changes.horizon`` are handed out, so no change committed later can land behind a
cursor (docs/sync-contract.md, the pull).
"""

from __future__ import annotations

import base64
import json
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select, tuple_

from gridterm.store import entities
from sync.protocol import Change, PullResponse, Removal, RemovalReason
from sync.server import partitions
from sync.server.auth import grace
from sync.server.auth.scope import Principal
from sync.server.db import changes, schema
from sync.server.db.engine import writing
from sync.server.errors import ApiError

_CURSOR_VERSION = 1
Position = tuple[int, int]
_ZERO: Position = (0, 0)


@dataclass(slots=True)
class Cursor:
    """Where a terminal stands. ``served`` partitions are complete up to ``at``; ``catching_up``
    ones (newly in the area) are complete up to ``catch_at``, which never passes ``at``."""

    instance: str
    at: Position = _ZERO
    served: set[str] = field(default_factory=set)
    catch_at: Position = _ZERO
    catching_up: set[str] = field(default_factory=set)

    def encode(self) -> str:
        """The opaque text handed to the terminal."""
        doc = {
            "v": _CURSOR_VERSION,
            "i": self.instance,
            "a": list(self.at),
            "p": sorted(self.served),
            "c": list(self.catch_at),
            "q": sorted(self.catching_up),
        }
        raw = zlib.compress(json.dumps(doc, separators=(",", ":")).encode(), 9)
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str, instance: str) -> Cursor:
        """Parse a cursor; 400 when it is not one of ours (or from another database)."""
        try:
            raw = zlib.decompress(
                base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), bufsize=4096
            )
            doc = json.loads(raw)
            if doc["v"] != _CURSOR_VERSION:
                raise ValueError("version")
            cursor = cls(
                instance=str(doc["i"]),
                at=_position(doc["a"]),
                served={str(p) for p in doc["p"]},
                catch_at=_position(doc["c"]),
                catching_up={str(p) for p in doc["q"]},
            )
        except (ValueError, KeyError, TypeError, zlib.error) as exc:
            raise ApiError(
                400, "cursor.invalid", "this is not a pull cursor", field="cursor"
            ) from exc
        if cursor.instance != instance:
            raise ApiError(
                409,
                "cursor.other_database",
                "the cursor is from another server database: start again with a snapshot",
                field="cursor",
            )
        return cursor


def _position(value: Any) -> Position:
    t, s = value
    if not (isinstance(t, int) and isinstance(s, int)) or t < 0 or s < 0:
        raise ValueError("position")
    return (t, s)


def pull(
    conn: Connection, principal: Principal, cursor_text: str | None, limit: int, instance: str
) -> PullResponse:
    """One page of changes for ``principal`` after ``cursor_text`` (None: from the start)."""
    area = principal.partitions()
    _end_grace(conn, principal)
    if cursor_text:
        cursor = Cursor.decode(cursor_text, instance)
    else:
        cursor = Cursor(instance=instance, served=set(area))
    left = (cursor.served | cursor.catching_up) - area
    removals = [
        Removal(entity=entity, id=entity_id, reason=RemovalReason.OUT_OF_SCOPE)
        for entity, entity_id in partitions.ids_of(conn, left)
    ]
    cursor.served &= area
    cursor.catching_up &= area
    new = area - cursor.served - cursor.catching_up
    if new:
        # start (again) from the beginning for every partition still catching up
        cursor.catching_up |= new
        cursor.catch_at = _ZERO

    bound = changes.horizon(conn)
    if cursor.catching_up:
        entries = _entries(conn, cursor.catching_up, cursor.catch_at, limit, upto=cursor.at)
        if len(entries) > limit:
            entries = entries[:limit]
            cursor.catch_at = (entries[-1]["txid"], entries[-1]["seq"])
        else:
            cursor.served |= cursor.catching_up
            cursor.catching_up = set()
            cursor.catch_at = _ZERO
        more = True
    else:
        entries = _entries(conn, cursor.served, cursor.at, limit, below=bound)
        more = len(entries) > limit
        entries = entries[:limit]
        if entries:
            cursor.at = (entries[-1]["txid"], entries[-1]["seq"])
        if cursor_text:
            # the caller's own facts, stored exactly as it pushed them: it has them already.
            # The cursor has moved past them; a first pull (no cursor) still gets everything.
            entries = [e for e in entries if e["origin"] != principal.device_id]
    page_changes, page_removals = _materialise(conn, entries)
    return PullResponse(
        changes=page_changes,
        removals=removals + page_removals,
        cursor=cursor.encode(),
        more=more,
    )


def _end_grace(conn: Connection, principal: Principal) -> None:
    """This pull hands the device the removal of every grid taken from its user: the
    reassignment grace of those grids ends for it (``grace``). Looked up on this read;
    written (rarely: once per device after a reassignment) in a short transaction of its
    own, committed before the page is answered."""
    user, device = principal.user.id, principal.device_id
    if grace.grace_grids(conn, user, device):
        with writing(conn.engine) as w:
            grace.end_grace(w, user, device)


def _entries(
    conn: Connection,
    parts: set[str],
    after: Position,
    limit: int,
    *,
    upto: Position | None = None,
    below: int | None = None,
) -> list[dict[str, Any]]:
    if not parts:
        return []
    cl = schema.change_log
    position = tuple_(cl.c.txid, cl.c.seq)
    query = (
        select(cl.c.txid, cl.c.seq, cl.c.entity, cl.c.entity_id, cl.c.op, cl.c.origin)
        .where(cl.c.partition.in_(sorted(parts)), position > tuple_(*after))
        .order_by(cl.c.txid, cl.c.seq)
        .limit(limit + 1)
    )
    if upto is not None:
        query = query.where(position <= tuple_(*upto))
    if below is not None:
        query = query.where(cl.c.txid < below)
    return [dict(r) for r in conn.execute(query).mappings()]


def _materialise(
    conn: Connection, entries: list[dict[str, Any]]
) -> tuple[list[Change], list[Removal]]:
    """Turn log entries into the rows' current state (each row once, at its last entry)."""
    last: dict[tuple[str, str], int] = {}
    for i, e in enumerate(entries):
        last[(e["entity"], e["entity_id"])] = i
    wanted: dict[str, list[str]] = defaultdict(list)
    for (entity, key), i in last.items():
        if entries[i]["op"] == changes.UPSERT:
            wanted[entity].append(key)
    rows = {entity: fetch_rows(conn, entity, keys) for entity, keys in wanted.items()}
    out: list[Change] = []
    removals: list[Removal] = []
    for (entity, key), i in sorted(last.items(), key=lambda kv: kv[1]):
        if entries[i]["op"] == changes.DELETE:
            removals.append(Removal(entity=entity, id=key, reason=RemovalReason.DELETED))
        elif (row := rows[entity].get(key)) is not None:
            out.append(Change(entity=entity, id=key, row=row))
    return out, removals


def fetch_rows(conn: Connection, entity: str, keys: list[str]) -> dict[str, dict[str, Any]]:
    """Current wire rows of ``entity`` by key (rows deleted since are absent)."""
    table = schema.SYNCED[entity]
    cols = [table.c[name] for name in schema.wire_columns(table)]
    found: dict[str, dict[str, Any]] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        names = entities.key_columns(entity)
        if len(names) > 1:
            pairs = [entities.split_key(entity, k) for k in chunk]
            pairs = [p for p in pairs if len(p) == len(names)]
            query = select(*cols).where(tuple_(*(table.c[n] for n in names)).in_(pairs))
        else:
            query = select(*cols).where(table.c.id.in_(chunk))
        for r in conn.execute(query):
            row = r._asdict()  # a dict keyed by column name (a RowMapping may be keyed by Column)
            found[entities.key_of(entity, row)] = row
    return found
