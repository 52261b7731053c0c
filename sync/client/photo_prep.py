"""Getting photos ready before any record naming them leaves: downscaled per the setting and
queued for upload.

Records name photos by SHA-256, so a downscaled photo is a new photo: every record and unsent
op that named the original is rewritten to name the smaller one, in one transaction, before
the first op naming it is sent (the push calls ``prepare`` on each batch). The original stays
on the terminal; nothing that already went to the server is ever rewritten.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterable, Sequence
from functools import partial

from gridterm.store import Store
from gridterm.store.entities import key_columns, split_key
from gridterm.store.tx import Tx, utc_now
from sync.client.outbox import OutboxOp
from sync.client.photo_scaling import downscale
from sync.client.settings import SyncSettings
from sync.client.tables import PHOTO_COLUMNS, PHOTO_LIST_COLUMNS

_SHA = re.compile(r"[0-9a-f]{64}")


def named_photos(ops: Iterable[OutboxOp]) -> set[str]:
    """The photo digests the ops' records name."""
    found: set[str] = set()
    for op in ops:
        column = _PHOTO_COLUMN.get(op.entity)
        if column is None or _names_none(op.fields, column):
            continue
        value = op.values().get(column)
        if isinstance(value, str):
            found.update(_SHA.findall(value))
        elif isinstance(value, list):
            found.update(v for v in value if isinstance(v, str) and _SHA.fullmatch(v))
    return found


def renamable(ops: Iterable[OutboxOp]) -> list[OutboxOp]:
    """The ops a photo could still be renamed in (``_rewrite``), in order: every op but those
    of a record whose photo column names no photo — the only ones ``named_photos`` finds
    photos in. The push marks them sent before they leave, since a photo is never renamed in
    an op that went out."""
    photo_column = _PHOTO_COLUMN.get
    names_none = _names_none
    return [
        op
        for op in ops
        if (column := photo_column(op.entity)) is None or not names_none(op.fields, column)
    ]


def _names_none(fields: bytes, column: str) -> bool:
    """Cheap test on the stored JSON text: most records name no photo, skip parsing them."""
    key, empty, null = _KEYS.get(column) or _keys(column)
    # find, not ``in``: bytes.__contains__ first tries its argument as an integer, and the
    # TypeError it makes and drops cost more than the search (4 per op pushed); from the
    # end: a record's photos come after its notes, so the search is shorter
    return fields.rfind(empty) >= 0 or fields.rfind(null) >= 0 or fields.rfind(key) < 0


def _keys(column: str) -> tuple[bytes, bytes, bytes]:
    """How the stored JSON text names ``column``: at all, as an empty list, as null."""
    key = f'"{column}"'
    return key.encode(), f'{key}: "[]"'.encode(), f"{key}: null".encode()


#: entity → its photo column (a list of digests, or one)
_PHOTO_COLUMN = {**PHOTO_COLUMNS, **PHOTO_LIST_COLUMNS}
_KEYS = {c: _keys(c) for c in {*PHOTO_LIST_COLUMNS.values(), *PHOTO_COLUMNS.values()}}


class PhotoPreparer:
    """Prepares each photo once per sync run. Thread-safe: ``start`` prepares every waiting
    photo on a thread of its own (Pillow works outside the GIL) while the push runs, and
    ``prepare`` waits only for the photos its batch names."""

    def __init__(self, store: Store, settings: SyncSettings) -> None:
        self.store = store
        self.settings = settings
        #: Time spent downscaling (CPU work, apart from the network's).
        self.seconds = 0.0
        self._lock = threading.Lock()
        self._done: dict[str, str | None] = {}
        self._working: dict[str, threading.Event] = {}
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self) -> None:
        """Prepare every waiting photo in the background, oldest first."""
        self._thread = threading.Thread(
            target=self._prepare_waiting, name="gridterm-photo-prep", daemon=True
        )
        self._thread.start()

    def finish(self) -> None:
        """Wait for the background preparation (the photo stage needs it complete)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._prepare_waiting()

    def stop(self) -> None:
        """Stop the background preparation after the photo in hand."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def prepare(self, ops: Sequence[OutboxOp]) -> bool:
        """Prepare the photos ``ops`` name; True when ops were rewritten (read them again)."""
        names = named_photos(ops)
        if not names:
            return False
        known = self._known(names)
        rewrote = False
        for sha in sorted(names):
            if sha not in known:
                rewrote = self._prepare_once(sha) is not None or rewrote
            elif (replacement := known[sha]) is not None:
                # taken before and already replaced: a newer record still names the original
                self.store.write(partial(_rewrite, old=sha, new=replacement))
                rewrote = True
        return rewrote

    def _prepare_waiting(self) -> None:
        todo = [
            r["sha256"]
            for r in self.store.query(
                "SELECT sha256 FROM attachment WHERE uploaded = 0 AND sha256 NOT IN"
                " (SELECT sha256 FROM photo_upload) ORDER BY created_at"
            )
        ]
        for sha in todo:
            if self._stop.is_set():
                return
            self._prepare_once(sha)

    def _prepare_once(self, sha: str) -> str | None:
        """``_prepare_one`` once per photo, whichever thread asks first; others wait."""
        with self._lock:
            if sha in self._done:
                return self._done[sha]
            event = self._working.get(sha)
            mine = event is None
            if mine:
                event = self._working[sha] = threading.Event()
        assert event is not None
        if not mine:
            event.wait()
            return self._done.get(sha)
        result = None
        try:
            result = self._prepare_one(sha)
        finally:
            with self._lock:
                self._done[sha] = result
                self._working.pop(sha)
            event.set()
        return result

    def _known(self, names: set[str]) -> dict[str, str | None]:
        marks = ",".join("?" * len(names))
        rows = self.store.query(
            f"SELECT sha256, state, replaced_by FROM photo_upload WHERE sha256 IN ({marks})",
            tuple(sorted(names)),
        )
        return {r["sha256"]: r["replaced_by"] if r["state"] == "replaced" else None for r in rows}

    def _prepare_one(self, sha: str) -> str | None:
        """Queue one photo; returns the digest of its downscaled copy when it got one."""
        row = self.store.read(lambda r: r.one("SELECT * FROM attachment WHERE sha256 = ?", (sha,)))
        if row is None:
            return None  # a photo another terminal took: not ours to upload
        blobs = self.store.blobs
        if not blobs.has(sha):
            self.store.write(lambda tx: _queue(tx, sha, row["size"], "failed", "photo.missing"))
            return None
        smaller = None
        if row["kind"] == "photo":
            started = time.monotonic()
            smaller = downscale(
                blobs.get(sha), self.settings.photo_max_side, self.settings.photo_quality
            )
            with self._lock:
                self.seconds += time.monotonic() - started
        if smaller is None:
            self.store.write(lambda tx: _queue(tx, sha, row["size"], "pending"))
            return None
        new_sha = blobs.put(smaller)

        def replace(tx: Tx) -> None:
            tx.execute(
                "INSERT OR IGNORE INTO attachment (sha256, size, mime, kind, created_at)"
                " VALUES (?, ?, 'image/jpeg', ?, ?)",
                (new_sha, len(smaller), row["kind"], utc_now()),
            )
            _queue(tx, new_sha, len(smaller), "pending")
            _queue(tx, sha, row["size"], "replaced", replaced_by=new_sha)
            _rewrite(tx, sha, new_sha)

        self.store.write(replace)
        return new_sha


def _queue(
    tx: Tx,
    sha: str,
    size: int,
    state: str,
    reason: str | None = None,
    *,
    replaced_by: str | None = None,
) -> None:
    tx.execute(
        "INSERT INTO photo_upload (sha256, size, state, replaced_by, reason, prepared_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO UPDATE SET state = excluded.state,"
        " replaced_by = excluded.replaced_by, reason = excluded.reason",
        (sha, size, state, replaced_by, reason, utc_now()),
    )


def _rewrite(tx: Tx, old: str, new: str) -> None:
    """Name ``new`` instead of ``old`` in every never-sent op and in the records they wrote."""
    like = f"%{old}%"
    ops = tx.execute(
        "SELECT op_id, entity, entity_id, fields FROM outbox"
        " WHERE state = 'pending' AND batch_id IS NULL AND fields LIKE ?",
        (like,),
    ).fetchall()
    for op_id, entity, entity_id, fields in ops:
        tx.execute(
            "UPDATE outbox SET fields = ? WHERE op_id = ?", (fields.replace(old, new), op_id)
        )
        column = PHOTO_LIST_COLUMNS.get(entity) or PHOTO_COLUMNS.get(entity)
        if column is not None and column in json.loads(fields):
            names = key_columns(entity)
            where = " AND ".join(f"{n} = ?" for n in names)
            tx.execute(
                f"UPDATE {entity} SET {column} = replace({column}, ?, ?) WHERE {where}",
                (old, new, *split_key(entity, entity_id)),
            )
    # forms still open will save records naming the photo: they should name the upload
    tx.execute(
        "UPDATE draft SET payload = replace(payload, ?, ?) WHERE payload LIKE ?", (old, new, like)
    )
