"""Push: the outbox to the server in compressed batches sized to the link (guarantees 1–4).

A batch in flight is held in memory: its ops stay ``pending`` in the outbox until the
server's per-op answer settles them in one local transaction (one write per op, not two).
A crash leaves them pending and they go again with the same op ids, which the server answers
``duplicate`` for what it committed; ops a photo may still be renamed in are marked ``sent``
before they leave, and a push that stops with batches in flight marks those ``sent`` (their
answer may be lost). A batch the server refuses whole (an op outside the user's area, an op
it cannot parse) is split until the culprit is alone and quarantined; the rest flows.
"""

from __future__ import annotations

import gzip
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

import pydantic
import zstandard

from gridterm.errors import StoreError
from gridterm.ids import new_id
from gridterm.store.migrations import SCHEMA_VERSION
from gridterm.store.tx import Tx
from sync.client import acks, outbox, photo_prep, scope
from sync.client.acks import AckCounts, PushStats
from sync.client.errors import AuthRequired, Refused, Unreachable
from sync.client.outbox import OutboxOp
from sync.client.sizing import PieceSizer
from sync.client.stage import Stage
from sync.protocol import MAX_PUSH_BODY_BYTES, PushResponse

#: Whole-batch refusals caused by one op's content: split to find it.
_SPLIT_CODES = frozenset({"scope.grid_outside", "push.invalid", "body.bad_json"})
#: Keep clear of the server's limit: bodies this large are split before sending.
_BODY_BUDGET = MAX_PUSH_BODY_BYTES * 3 // 4
#: Batches in flight at once: the next travels and waits on the server while the previous
#: one is applied there; more would only queue on the server (it applies them one by one).
#: The server's prune counts on it (``sync/server/admin/prune.py`` ``SETTLED_AFTER``, which
#: is PIPELINE + 1): change both together.
PIPELINE = 2
_now = time.monotonic

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class _Batch:
    ops: list[OutboxOp]
    batch_id: str
    data: bytes
    #: the batch the server must apply before this one (``PushRequest.after``)
    after: str | None = None
    encoding: str = "zstd"


@dataclass(frozen=True, slots=True)
class _InFlight:
    batch: _Batch
    reply: Future[PushResponse]
    sent_at: float


class Pusher:
    """Drains the outbox; one instance per sync run (it keeps the run's batch sizing)."""

    def __init__(
        self,
        stage: Stage,
        *,
        area: Callable[[bool], frozenset[str] | None] = lambda fresh: None,
        kept_grids: frozenset[str] = frozenset(),
        before_batch: Callable[[Sequence[OutboxOp]], bool] | None = None,
        progress: Progress | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        store, settings = stage.store, stage.settings
        self.clock = clock
        self.store = store
        self.transport = stage.transport
        self.login = stage.login
        self.settings = settings
        self.retrier = stage.retrier
        self.area = area
        self.kept_grids = kept_grids
        self.before_batch = before_batch
        self.progress = progress
        self.sizer = PieceSizer(
            settings.first_batch_ops, 1, settings.max_batch_ops, settings.target_request_s
        )
        self.stats = PushStats()
        #: Ops not to send again in this sync: deferred by the server, or held back for
        #: another worker of this terminal.
        self._skip: set[str] = set()
        self._encoding = "zstd"
        self._zstd = zstandard.ZstdCompressor(level=1)
        #: False once the server refused ``after`` (older than pipelining): one at a time.
        self._pipelined = True
        #: Batches refused whole: whatever named one of them is sent again without it.
        self._unapplied: set[str] = set()
        self._acking: Future[AckCounts] | None = None
        self._landed_at = 0.0
        self._done = self._total = 0

    def push_all(self) -> PushStats:
        """Send every unsent op once (in ``seq`` order); ops the server defers wait for the
        next sync.

        Two batches are in flight at once (``PIPELINE``): while the server applies one, the
        next travels, each naming the one it follows (``after``) so the server applies them
        in order. Meanwhile the batch after is read and compressed, and each
        answer is applied on the store's writer thread, in order, one transaction each.
        """
        total = self.store.read(outbox.count_unsent)
        self._done, self._total = 0, total
        flight: deque[_InFlight] = deque()
        batch = self._next_batch(0, None)
        with ThreadPoolExecutor(max_workers=PIPELINE, thread_name_prefix="gridterm-push") as http:
            try:
                while batch is not None or flight:
                    room = (PIPELINE if self._pipelined else 1) - len(flight)
                    if batch is None or room <= 0:
                        self._land(flight)
                    elif len(batch.data) > _BODY_BUDGET and len(batch.ops) > 1:
                        if flight:  # its halves go alone: what is in flight lands first
                            self._land(flight)
                            continue
                        self.sizer.failed()
                        self._split(batch.ops)
                        self._advance(len(batch.ops))
                        batch = self._next_batch(batch.ops[-1].seq, None)
                    else:
                        batch = self._ready(batch)
                        sent = _InFlight(batch, http.submit(self._post, batch.data), _now())
                        flight.append(sent)
                        after = batch.batch_id if self._pipelined else None
                        batch = self._next_batch(batch.ops[-1].seq, after)
            except BaseException:
                self._unanswered(flight)
                raise
            finally:
                self._count(self._acking)
                self._acking = None
        return self.stats

    def _unanswered(self, flight: Sequence[_InFlight]) -> None:
        """Stopped with batches in flight: their answer may be lost, so their ops show as
        ``sent`` (best effort: if the store is closing they stay pending, and go again)."""
        if batches := [(sent.batch.ops, sent.batch.batch_id) for sent in flight]:
            with suppress(StoreError):
                self.store.write(partial(outbox.mark_batches_sent, batches=batches))

    def _mark_leaving(self, marked: Sequence[OutboxOp], batch_id: str) -> None:
        """Mark ``sent`` before they leave the ops of a batch a photo may still be renamed in
        (``photo_prep.renamable``: never in an op that went out); the rest stay pending."""
        if marked:
            self.store.write(partial(outbox.mark_sent, ops=marked, batch_id=batch_id))

    def _land(self, flight: deque[_InFlight]) -> None:
        """Take the answer to the oldest batch in flight (every earlier one is settled); it
        leaves ``flight`` once settled."""
        sent = flight[0]
        batch = sent.batch
        try:
            answer = sent.reply.result()
        except Refused as exc:
            if exc.code == "push.out_of_order" or (exc.status == 415 and batch.encoding == "zstd"):
                # what it follows is settled by now (answered, split or quarantined); or the
                # server reads no zstd: the same batch again, alone (what follows names it)
                self._encoding = "gzip" if exc.status == 415 else self._encoding
                self._send_again(batch)
            elif exc.status == 422 and exc.field == "after":
                self._pipelined = False  # a server from before pipelining: one at a time
                self._send_again(batch)
            else:
                self._unapplied.add(batch.batch_id)
                self._refused_batch(batch.ops, exc)
        else:
            # the server's time for this batch: from when it could start on it
            took = _now() - max(sent.sent_at, self._landed_at)
            self.sizer.succeeded(len(batch.ops), took)
            previous, self._acking = self._acking, None
            self._count(previous)
            self._acking = self.store.submit(self._acker(batch, answer))
        self._landed_at = _now()
        flight.popleft()
        self._advance(len(batch.ops))

    def _advance(self, ops: int) -> None:
        self._done += ops
        if self.progress is not None:
            self.progress("push", min(self._done, self._total), max(self._total, self._done))

    def _ready(self, batch: _Batch) -> _Batch:
        """The batch as it may leave now: encoded again when what it names in ``after`` was
        refused whole (or the server takes no ``after``), or the encoding changed."""
        after = batch.after if self._pipelined and batch.after not in self._unapplied else None
        if after == batch.after and batch.encoding == self._encoding:
            return batch
        data = self._encode(batch.batch_id, batch.ops, after)
        return _Batch(batch.ops, batch.batch_id, data, after, self._encoding)

    def _send_again(self, batch: _Batch) -> None:
        """Send a batch again alone (same id, no ``after``) and settle it before returning."""
        self._post_and_settle(_Batch(batch.ops, batch.batch_id, b"", None, self._encoding))

    def has_work(self) -> bool:
        """Whether unsent ops wait that this sync has not already dealt with."""
        return self.store.read(outbox.count_unsent) > len(self._skip)

    def _next_batch(self, after_seq: int, follows: str | None) -> _Batch | None:
        """Read, set aside and encode the next batch after ``seq`` ``after_seq``
        (``follows``: the batch id it is sent after)."""
        after = after_seq
        while True:
            read = partial(outbox.unsent_on_writer, after_seq=after, limit=self.sizer.size)
            ops = self.store.write(read)
            if not ops:
                return None
            last = ops[-1].seq
            if self._skip:
                ops = [op for op in ops if op.op_id not in self._skip]
            # one photo test per op: these are all photo preparation looks at and marks sent
            renamable = photo_prep.renamable(ops)
            if renamable and self.before_batch is not None and self.before_batch(renamable):
                # photos were renamed in these ops: read the same range again
                again = self.store.write(read)
                ops = [op for op in again if op.seq <= last and op.op_id not in self._skip]
                renamable = photo_prep.renamable(ops)
            after = last
            kept = self._set_aside(ops) if ops else []
            if kept:
                batch_id = new_id()
                self._mark_leaving(
                    renamable if kept is ops else photo_prep.renamable(kept), batch_id
                )
                data = self._encode(batch_id, kept, follows)
                return _Batch(kept, batch_id, data, follows, self._encoding)

    def _acker(self, batch: _Batch, answer: PushResponse) -> Callable[[Tx], AckCounts]:
        self.stats.sent += len(batch.ops)
        self.stats.batches += 1
        self.stats.body_bytes += len(batch.data)
        return lambda tx: acks.apply(tx, batch.ops, answer, self.settings.retriable_syncs)

    def _count(self, acking: Future[AckCounts] | None) -> None:
        """Wait for an answer being applied and add up what it settled."""
        if acking is not None:
            self._settled(acking.result())

    def _settled(self, counts: AckCounts) -> None:
        self.stats.acks.add(counts)
        self._skip.update(counts.deferred_ids)

    def _set_aside(self, ops: list[OutboxOp], *, fresh: bool = False) -> list[OutboxOp]:
        """Keep back ops outside the user's area (``fresh``: ask the server for the area
        again first): those in another local worker's grids wait for that worker's sync;
        the others (a grid reassigned away) are quarantined."""
        area = self.area(fresh)
        if area is None:
            return ops
        outside = self.store.read(lambda r: scope.outside(r, ops, area))
        if not outside:
            return ops
        lost = [op for op, grid in outside if grid not in self.kept_grids]
        if lost:
            self._quarantine(lost, "scope.grid_outside", "the grid is no longer in your area")
        held = {op.op_id for op, _ in outside}
        self._skip |= held - {op.op_id for op in lost}
        self.stats.held_back += len(outside) - len(lost)
        return [op for op in ops if op.op_id not in held]

    def _quarantine(self, ops: Sequence[OutboxOp], reason: str, message: str) -> None:
        def run(tx: Tx) -> None:
            for op in ops:
                acks.quarantine(tx, op.op_id, reason, message)

        self.store.write(run)
        self.stats.acks.rejected += len(ops)

    def _send(self, ops: list[OutboxOp]) -> None:
        """Send one batch and settle it before returning (used when splitting)."""
        batch_id = new_id()
        self._mark_leaving(photo_prep.renamable(ops), batch_id)
        self._post_and_settle(_Batch(ops, batch_id, b""))

    def _post_and_settle(self, batch: _Batch) -> None:
        """Encode (no ``after``: everything before it is settled), send and settle it."""
        ops = batch.ops
        batch = _Batch(ops, batch.batch_id, self._encode(batch.batch_id, ops, None))
        if len(batch.data) > _BODY_BUDGET and len(ops) > 1:
            self._split(ops)
            return
        try:
            answer = self._post(batch.data)
        except Refused as exc:
            self._refused_batch(ops, exc)
            return
        self._count(self._acking)  # answers are applied in the order the batches went
        self._acking = None
        self._settled(self.store.write(self._acker(batch, answer)))

    def _refused_batch(self, ops: list[OutboxOp], exc: Refused) -> None:
        """The server refused a whole batch: change encoding, split, or quarantine."""
        if exc.status == 415 and self._encoding == "zstd":
            self._encoding = "gzip"
            self._send(ops)
        elif exc.status == 413 and len(ops) > 1:
            self.sizer.failed()
            self._split(ops)
        elif exc.code in _SPLIT_CODES or exc.status in (400, 422):
            self._refused(ops, exc)
        else:
            raise exc

    def _refused(self, ops: list[OutboxOp], exc: Refused) -> None:
        if exc.code == "scope.grid_outside":
            ops = self._set_aside(ops, fresh=True)  # the area changed since the sync began
            if not ops:
                return
        if len(ops) == 1:
            self._quarantine(ops, exc.code, exc.message)
            return
        self._split(ops)

    def _split(self, ops: list[OutboxOp]) -> None:
        half = len(ops) // 2
        self._send(ops[:half])
        self._send(ops[half:])

    def _encode(self, batch_id: str, ops: Sequence[OutboxOp], after: str | None) -> bytes:
        # compact answer: the server lists only the ops not applied as sent
        raw = outbox.body(
            self.login.device.device_id,
            batch_id,
            SCHEMA_VERSION,
            ops,
            compact=True,
            sent_at=self.clock().isoformat(timespec="milliseconds"),
            after=after,
        )
        if self._encoding == "zstd":
            return self._zstd.compress(raw)
        return gzip.compress(raw, compresslevel=6)

    def _post(self, data: bytes) -> PushResponse:
        def attempt() -> PushResponse:
            try:
                try:
                    answer = self._post_once(data, self.login.token())
                except AuthRequired:
                    answer = self._post_once(data, self.login.renew())
                return PushResponse.model_validate_json(answer)
            except pydantic.ValidationError:
                self.stats.resent_bytes += len(data)
                raise Unreachable("net.bad_answer", "the push answer was garbled") from None
            except Exception:
                self.stats.resent_bytes += len(data)
                raise

        return self.retrier.run(attempt)

    def _post_once(self, data: bytes, token: str) -> bytes:
        answer = self.transport.call(
            "POST",
            "/v1/sync/push",
            token=token,
            body=data,
            headers={"Content-Type": "application/json", "Content-Encoding": self._encoding},
        )
        return answer.content
