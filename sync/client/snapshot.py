"""A first sync of a large area from the server's snapshot: one zstd-compressed NDJSON file,
downloaded resumably (HTTP Range), checked against its SHA-256, then applied in one local
transaction together with the cursor that pulling continues from.

The download survives a cut or a restart: the part file stays beside the database and the
snapshot's identity in ``sync_state``, so the next attempt asks only for the missing bytes —
unless the worker's area shrank meanwhile: the server then refuses the old snapshot and a new
one is made.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator
from typing import Any

import msgspec
import requests
import zstandard

from gridterm.search.terms import char_readings
from gridterm.store import entities
from gridterm.store.sealed import AppendFile
from gridterm.store.tx import Tx
from sync.client import merge, state
from sync.client.errors import AuthRequired, Refused, Unreachable
from sync.client.merge import MergeCounts, PulledRow
from sync.client.stage import Stage
from sync.protocol import SnapshotInfo

#: Rows applied per statement group inside the one transaction.
_APPLY_CHUNK = 2000
_READ = 1024 * 1024

Progress = Callable[[str, int, int], None]
#: The server no longer serves the snapshot asked for earlier (the area changed since, or it
#: is gone): ask for a new one, once per run.
_MAKE_ANOTHER = ("snapshot.outdated", "snapshot.unknown")


class SnapshotLoader:
    """Fetches and applies the area's snapshot when the terminal has never pulled."""

    def __init__(
        self,
        stage: Stage,
        *,
        user_id: str,
        progress: Progress | None = None,
    ) -> None:
        store = stage.store
        self.store = store
        self.cursor_key = state.cursor_key(user_id)
        self.snapshot_key = state.snapshot_key(user_id)
        self.transport = stage.transport
        self.login = stage.login
        self.retrier = stage.retrier
        self.progress = progress
        # the whole area's records while they arrive: sealed like photos (never plaintext)
        self.part = AppendFile(
            store.path.with_name(f"{store.path.name}.snapshot-{user_id}"), store.files_key
        )
        self.counts = MergeCounts()
        self.resumed_at: int | None = None
        self.length = 0

    def needed(self) -> bool:
        """True before the first pull (no cursor stored yet)."""
        return state.get(self.store, self.cursor_key) is None

    def load(self) -> bool:
        """Download and apply the snapshot; False when the server offers none (then pull from
        the start)."""
        # pinyin's dictionaries load while the server builds the snapshot, not after it
        threading.Thread(target=_warm_search, name="gridterm-pinyin", daemon=True).start()
        info = self._info()
        if info is None:
            return False
        self.length = info.length
        try:
            self._download(info)
        except Refused as exc:
            if exc.code not in _MAKE_ANOTHER:
                raise
            self.part.unlink()  # what came of it is not the area any more
            state.put(self.store, **{self.snapshot_key: None})
            info = self._info()
            if info is None:
                return False
            self.length = info.length
            self._download(info)
        self.store.write(lambda tx: self._apply(tx, info))
        self.part.unlink()
        return True

    def _info(self) -> SnapshotInfo | None:
        saved = state.get(self.store, self.snapshot_key)
        if saved is not None:
            return SnapshotInfo.model_validate_json(saved)
        try:
            answer = self.retrier.run(lambda: self._call("POST", "/v1/sync/snapshot"))
        except Refused:
            return None  # a server without snapshots: the pull starts from the beginning
        info = SnapshotInfo.model_validate_json(answer.content)
        self.part.unlink()
        state.put(self.store, **{self.snapshot_key: info.model_dump_json()})
        return info

    def _download(self, info: SnapshotInfo) -> None:
        def fetch() -> None:
            have = self.part.size()
            if have >= info.length:
                return
            if have:
                self.resumed_at = have
            with self.part.append() as f:

                def sink(piece: bytes) -> None:
                    f.write(piece)
                    if self.progress is not None:
                        self.progress("snapshot", f.tell(), info.length)

                status = self._download_from(info.url, have, sink)
            if have and status != 206:
                # the whole file came again, appended after what we had: keep only it
                self.part.keep_from(have)

        while self.part.size() < info.length:
            self.retrier.run(fetch)
        if self.part.sha256() != info.sha256:
            self.part.unlink()
            state.put(self.store, **{self.snapshot_key: None})
            raise Unreachable("snapshot.corrupt", "the snapshot arrived damaged; fetching again")

    def _apply(self, tx: Tx, info: SnapshotInfo) -> None:
        batch: list[PulledRow] = []
        # the whole area at once: the records' own indexes sorted once after they are all in,
        # then the search keys rebuilt once, not row by row
        with tx.bulk(remake_indexes_of=entities.PULLED):
            for change in _rows(self.part):
                batch.append(change)
                if len(batch) >= _APPLY_CHUNK:
                    merge.apply_changes(tx, batch, self.counts)
                    batch = []
            merge.apply_changes(tx, batch, self.counts)
            merge.retry_parked(tx, self.counts)
        state.write(tx, self.cursor_key, info.cursor)
        state.write(tx, self.snapshot_key, None)

    def _download_from(self, url: str, offset: int, sink: Callable[[bytes], None]) -> int:
        headers = {"Range": f"bytes={offset}-"} if offset else {}
        try:
            return self.transport.download(
                url, sink, token=self.login.token(), headers=headers, read_timeout=120
            )
        except AuthRequired:
            return self.transport.download(
                url, sink, token=self.login.renew(), headers=headers, read_timeout=120
            )

    def _call(self, method: str, path: str, **kw: Any) -> requests.Response:
        try:
            return self.transport.call(method, path, token=self.login.token(), **kw)
        except AuthRequired:
            return self.transport.call(method, path, token=self.login.renew(), **kw)


class _Line(msgspec.Struct, frozen=True):
    """One line of the snapshot file."""

    entity: str
    id: str
    row: dict[str, Any]


#: One C call per line into typed fields (json.loads and the dict copies took 15 % of
#: applying a street office's snapshot).
_decode_line = msgspec.json.Decoder(_Line).decode


def _rows(part: AppendFile) -> Iterator[PulledRow]:
    with part.reader() as raw:
        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        for line in io.BufferedReader(reader, _READ):
            if line.strip():
                doc = _decode_line(line)
                yield PulledRow(doc.entity, doc.id, doc.row)


def _warm_search() -> None:
    """Import pypinyin (the search keys of the first name need it): a second of CPU."""
    char_readings("张")
