"""Photos other terminals took, fetched after the records (download after pull).

What a worker needs offline, not the archive (decided here, see docs/sync.md "Photos down"):

- every photo of a hazard that is not closed: its before-photos (the failed checklist
  answer's) and its re-inspection photos; the same for hazards closed within
  ``photo_download_days`` (30), so the before/after of recent work shows side by side;
- the photos of tickets that are not closed, and of their transitions (each step's evidence);
- the operator's signature of inspections of the last ``photo_download_days``.

Not fetched: visit photos and older closed work — a grid's whole visit history would be
gigabytes on a tablet; those stay on the server and show as "not downloaded".

Newest record first, at most ``photo_download_budget`` bytes per sync (a photo the budget
cuts goes on at the next sync from its offset), stopped by the engine's ``cancel`` between
pieces. Each blob arrives with HTTP Range into ``<db>.blobs.partial/<sha256>`` so a cut
resumes at the byte reached, and enters the blob store only once its SHA-256 is verified
(``BlobStore.adopt``; a wrong hash is discarded and counted, never stored). A refusal (404:
not in this user's area, or its terminal has not uploaded it yet) is remembered per user in
``sync_state`` and asked again after a backoff (15 min doubling to a day) or as soon as a
record naming it changes. A stored photo touches the records naming it (``Tx.touched``: no
write), so the screens showing them reload through the store's change events.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from gridterm.errors import ValidationError
from gridterm.store import Store
from gridterm.store.reader import Reader
from gridterm.store.sealed import AppendFile
from gridterm.store.tx import Tx
from sync.client import state
from sync.client.errors import AuthRequired, Cancelled, Refused
from sync.client.report import SyncReport
from sync.client.stage import Stage

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
#: The progress phase of this stage.
PHASE = "photos_down"
#: After a refusal, wait this long before asking again, doubling up to ``RETRY_CAP_S``.
RETRY_FIRST_S = 15 * 60
RETRY_CAP_S = 24 * 3600
#: A part file of a photo no longer wanted is deleted after this long untouched.
STALE_PART_S = 7 * 24 * 3600
_SHA = re.compile(r"[0-9a-f]{64}")


def missing_key(user_id: str) -> str:
    """Where the photos the server refused this user are remembered (``sync_state``)."""
    return f"photos_missing:{user_id}"


@dataclass(frozen=True, slots=True)
class Owner:
    """A record naming a photo: touched when the photo arrives so its screens reload.

    ``version`` changes whenever the record does (a refused photo is asked again then)."""

    entity: str
    id: str
    version: str


@dataclass
class Wanted:
    """A photo the terminal lacks and the worker needs, with its newest record's time."""

    sha256: str
    when: datetime
    owners: list[Owner] = field(default_factory=list)

    def fingerprint(self) -> str:
        """Changes when any record naming the photo changes."""
        return "|".join(sorted({f"{o.entity}:{o.version}" for o in self.owners}))


@dataclass
class DownloadStats:
    """What the download stage did."""

    #: Photos stored, and the bytes received for them (resumed pieces included).
    photos: int = 0
    bytes: int = 0
    #: Photos asked for this sync (wanted, not here, not waiting after a refusal).
    asked: int = 0
    #: Refused by the server this sync (404: not for this user, or not uploaded yet).
    missing: int = 0
    #: Still waiting after an earlier refusal (not asked this sync).
    waiting: int = 0
    #: Arrived with a wrong hash: discarded.
    corrupt: int = 0
    #: Left for the next sync by the byte budget.
    deferred: int = 0
    #: Offsets downloads went on from (a part file left by a cut or by the budget).
    resumed_at: list[int] = field(default_factory=list)
    seconds: float = 0.0

    def add_to(self, report: SyncReport) -> None:
        """Copy the figures into the run's report."""
        report.photos_downloaded = self.photos
        report.photo_bytes_downloaded = self.bytes
        report.photos_down_missing = self.missing
        report.photos_down_corrupt = self.corrupt
        report.photos_down_deferred = self.deferred
        report.photos_down_resumed_at = list(self.resumed_at)
        report.photo_down_seconds = self.seconds


def parse_time(text: str | None) -> datetime | None:
    """A stored ISO 8601 time as an aware datetime (UTC when it names no offset)."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _digests(value: Any) -> list[str]:
    if not value:
        return []
    items = json.loads(value) if value.startswith("[") else [value]
    return [v for v in items if isinstance(v, str) and _SHA.fullmatch(v)]


def wanted(
    r: Reader, now: datetime, days: int, grids: frozenset[str] | None = None
) -> list[Wanted]:
    """The photos local records name that a worker needs offline, newest first (present or
    not: the caller drops those the blob store has); only records of ``grids`` when given
    (the user's area: the server refuses the rest)."""
    since = now - timedelta(days=days)
    # times are compared as text in SQL only roughly (offsets differ); exactly below
    rough = (since - timedelta(days=1)).astimezone(UTC).isoformat()
    found: dict[str, Wanted] = {}

    def want(digests: Iterable[str], when: datetime | None, owner: Owner, grid: str) -> None:
        if grids is not None and grid not in grids:
            return
        moment = when or since
        for sha in digests:
            item = found.setdefault(sha, Wanted(sha, moment))
            item.when = max(item.when, moment)
            if owner not in item.owners:
                item.owners.append(owner)

    for h in r.iter(
        "SELECT h.id, h.grid_id, h.photos, h.status, h.found_at, h.closed_at, h.version,"
        " a.photos AS before FROM hazard h LEFT JOIN checklist_answer a"
        " ON a.inspection_id = h.inspection_id AND a.item_code = h.item_code"
        " WHERE h.status != 'closed' OR h.closed_at >= ?",
        (rough,),
    ):
        closed = parse_time(h["closed_at"])
        if h["status"] == "closed" and (closed is None or closed < since):
            continue
        owner = Owner("hazard", h["id"], f"{h['id']}@{h['version']}")
        when = closed or parse_time(h["found_at"])
        want([*_digests(h["before"]), *_digests(h["photos"])], when, owner, h["grid_id"])
    for t in r.iter(
        "SELECT id, grid_id, photos, updated_at, version FROM ticket WHERE status != 'closed'"
    ):
        owner = Owner("ticket", t["id"], f"{t['id']}@{t['version']}")
        want(_digests(t["photos"]), parse_time(t["updated_at"]), owner, t["grid_id"])
    for t in r.iter(
        "SELECT s.photo, s.at, k.id, k.grid_id, k.version FROM ticket_transition s"
        " JOIN ticket k ON k.id = s.ticket_id WHERE k.status != 'closed' AND s.photo IS NOT NULL"
    ):
        owner = Owner("ticket", t["id"], f"{t['id']}@{t['version']}")
        want(_digests(t["photo"]), parse_time(t["at"]), owner, t["grid_id"])
    for i in r.iter(
        "SELECT id, grid_id, signature, coalesce(completed_at, started_at) AS at"
        " FROM hazard_inspection"
        " WHERE signature IS NOT NULL AND coalesce(completed_at, started_at) >= ?",
        (rough,),
    ):
        at = parse_time(i["at"])
        if at is None or at < since:
            continue
        owner = Owner("hazard_inspection", i["id"], i["id"])
        want(_digests(i["signature"]), at, owner, i["grid_id"])
    return sorted(found.values(), key=lambda w: w.when, reverse=True)


class PhotoDownloader:
    """Fetches the wanted photos this terminal lacks, within the sync's byte budget."""

    def __init__(
        self,
        stage: Stage,
        *,
        user_id: str,
        between: Callable[[], None] | None = None,
        progress: Progress | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = stage.store
        self.transport = stage.transport
        self.login = stage.login
        self.retrier = stage.retrier
        self.settings = stage.settings
        self.key = missing_key(user_id)
        self.area_key = state.area_key(user_id)
        self.between = between
        self.progress = progress
        self.now = now or (lambda: datetime.now(UTC))
        self.stats = DownloadStats()

    def download_all(self) -> DownloadStats:
        """Fetch what is wanted and missing, newest first; refusals are remembered, a network
        failure ends the stage (the part file keeps what came)."""
        started = time.monotonic()
        now = self.now()
        blobs = self.store.blobs
        days = self.settings.photo_download_days
        area = state.get(self.store, self.area_key)  # the engine stored it at the run's start
        grids = frozenset(json.loads(area)) if area else None
        todo = [
            w
            for w in self.store.read(lambda r: wanted(r, now, days, grids))
            if not blobs.has(w.sha256)
        ]
        raw = state.get(self.store, self.key)
        refused: dict[str, dict[str, Any]] = json.loads(raw) if raw else {}
        # only what is still wanted and absent is remembered: the list stays small
        shas = {w.sha256 for w in todo}
        _drop_stale_parts(blobs.partials(), shas)
        memo = {s: m for s, m in refused.items() if s in shas}
        due = []
        for w in todo:
            m = memo.get(w.sha256)
            if m is not None and m["seen"] == w.fingerprint():
                retry_at = parse_time(m["next"])
                if retry_at is not None and retry_at > now:
                    self.stats.waiting += 1
                    continue
            due.append(w)
        self.stats.asked = len(due)
        try:
            for n, item in enumerate(due):
                left = self.settings.photo_download_budget - self.stats.bytes
                if left <= 0:
                    self.stats.deferred += len(due) - n
                    break
                self._one(item, left, memo, now)
                if self.progress is not None:
                    self.progress(PHASE, n + 1, len(due))
                if self.between is not None:
                    self.between()  # records made meanwhile go before the next photo
        finally:
            if memo != refused:
                state.put(self.store, **{self.key: json.dumps(memo) if memo else None})
            self.stats.seconds = time.monotonic() - started
        return self.stats

    def _one(self, item: Wanted, left: int, memo: dict[str, dict[str, Any]], now: datetime) -> None:
        sha = item.sha256
        blobs = self.store.blobs
        part = blobs.partial(sha)
        try:
            complete = self._receive(sha, part, left)
        except Refused as exc:
            part.unlink()
            self.stats.missing += 1
            _remember(memo, item, now, exc.code)
            log.info("photo %s not downloaded: %s", sha[:12], exc.code)
            return
        if not complete:
            self.stats.deferred += 1  # the budget ended inside it: next sync goes on
            return
        try:
            store_received(self.store, item, part)
        except ValidationError:
            self.stats.corrupt += 1
            _remember(memo, item, now, "blob.hash_mismatch")
            log.warning("photo %s arrived damaged: discarded", sha[:12])
            return
        memo.pop(sha, None)
        self.stats.photos += 1

    def _receive(self, sha: str, part: AppendFile, left: int) -> bool:
        """Append the blob's missing bytes to ``part`` (sealed as they arrive), at most
        ``left``; True when the part holds the whole blob (to be verified), False when the
        budget stopped it."""
        start = part.size()
        end = start + left  # exclusive: the last byte the budget allows

        def attempt() -> bool:
            have = part.size()
            if have >= end:
                return part.sha256() == sha
            if have:  # left by a cut (this sync or an earlier one) or by the budget
                self.stats.resumed_at.append(have)
            with part.append() as f:

                def sink(piece: bytes) -> None:
                    if self.retrier.stop.is_set():
                        raise Cancelled("sync.cancelled", "the sync was stopped")
                    f.write(piece)
                    self.stats.bytes += len(piece)

                try:
                    status = self._get(sha, {"Range": f"bytes={have}-{end - 1}"}, sink)
                except Refused as exc:
                    if exc.status == 416 and have > 0:
                        return True  # every byte was here already
                    raise
            got = part.size() - have
            if status != 206:
                if have:  # the whole blob came again after what we had: keep only it
                    part.keep_from(have)
                return True
            if got < end - have:
                return True  # the blob ended before the budget did
            return part.sha256() == sha  # exactly at the budget: done if it hashes right

        return self.retrier.run(attempt)

    def _get(self, sha: str, headers: dict[str, str], sink: Callable[[bytes], None]) -> int:
        path = f"/v1/blobs/{sha}"
        try:
            return self.transport.download(path, sink, token=self.login.token(), headers=headers)
        except AuthRequired:
            return self.transport.download(path, sink, token=self.login.renew(), headers=headers)


def store_received(store: Store, item: Wanted, part: AppendFile) -> None:
    """Put a received photo into the blob store once its bytes hash to its digest
    (``ValidationError`` and nothing stored otherwise), then touch the records naming it so
    the screens showing them reload."""
    store.blobs.adopt(item.sha256, part)
    store.write(lambda tx: _touch(tx, item.owners))


def _remember(memo: dict[str, dict[str, Any]], item: Wanted, now: datetime, why: str) -> None:
    """Do not ask again before a backoff, unless a record naming the photo changes."""
    seen = item.fingerprint()
    before = memo.get(item.sha256)
    tries = before["tries"] + 1 if before is not None and before["seen"] == seen else 1
    wait = min(RETRY_CAP_S, RETRY_FIRST_S * 2 ** (tries - 1))
    memo[item.sha256] = {
        "tries": tries,
        "next": (now + timedelta(seconds=wait)).isoformat(),
        "seen": seen,
        "why": why,
    }


def _touch(tx: Tx, owners: Iterable[Owner]) -> None:
    """Screens showing the records that name the photo redraw (nothing is written)."""
    for owner in owners:
        tx.touched(owner.entity, owner.id)


def _drop_stale_parts(parts: Iterable[Path], wanted_now: set[str]) -> None:
    """Part files of photos no longer wanted, untouched for a week, are deleted (another
    worker of this terminal may still be fetching one of theirs: a week spares it)."""
    old = time.time() - STALE_PART_S
    for part in parts:
        try:
            if part.name not in wanted_now and part.stat().st_mtime < old:
                part.unlink(missing_ok=True)
        except OSError:
            continue  # gone meanwhile
