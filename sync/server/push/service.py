"""Applying one push batch: one transaction, op ids recorded with the effects, per-op results.

A batch delivered twice answers ``duplicate`` for every op it already committed, with the
first answer's conflict details (guarantee 2); a refused op never blocks the others
(guarantee 4). An op in a grid outside the user's area is rejected alone
(``scope.grid_outside``) — unless this device still has the reassignment grace for it
(``sync.server.auth.grace``) — and a batch with nothing but such ops is refused whole with
403, with nothing written.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import operator
import random
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, update
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from gridterm.domain.permissions import require_for_entity
from gridterm.domain.users import ScopeLevel
from gridterm.errors import GridTermError
from sync.protocol import MIN_SCHEMA_VERSION, OpKind, OpStatus, PushRequest
from sync.server.auth import grace
from sync.server.auth.scope import Principal
from sync.server.clock import now_ms
from sync.server.db import schema
from sync.server.db.bulk import keys_param, lookup
from sync.server.db.engine import writing_on
from sync.server.errors import ApiError, busy, forbidden
from sync.server.push import order
from sync.server.push.fast_visits import FastVisits
from sync.server.push.handlers import HANDLERS
from sync.server.push.handlers.base import Handler
from sync.server.push.receipt import Receipt
from sync.server.push.request import PushedOp, WirePush
from sync.server.push.work import APPLIED, MAX_ID, Outcome, OutOfScope, RetryLater, Work

log = logging.getLogger(__name__)

#: Concurrent batches that collide (same new id, deadlock, serialisation) are replayed.
_ATTEMPTS = 6
#: Bad values the core's parsers may trip on (int("x"), a dict where text was expected…).
_BAD_INPUT = (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError)


def apply_push(
    conn: Connection, principal: Principal, request: PushRequest | WirePush
) -> dict[str, Any]:
    """Apply ``request`` (the model, or the Structs the endpoint decodes it into) for
    ``principal`` on ``conn`` (checked out by the caller, which authenticated on it: one
    checkout per request; outside a transaction); returns a ``PushResponse`` as a plain dict
    (a thousand results are cheaper as dicts than as models), compact when the request asks.
    Raises ApiError for a refusal of the whole batch."""
    if request.device_id != principal.device_id:
        raise forbidden("push.device_mismatch", "device_id is not the device of this session")
    if request.schema_version < MIN_SCHEMA_VERSION:
        raise ApiError(426, "client.upgrade_required", "please upgrade GridTerm to sync")
    careful = False
    waiting_until: float | None = None  # set once the batch it follows was found missing
    attempt = 0
    while attempt < _ATTEMPTS:
        try:
            with writing_on(conn):
                answer = _apply(conn, principal, request, careful)
            order.committed()
            return answer
        except order.PredecessorMissing:
            # outside any transaction: the predecessor's own may be the one to commit it
            if waiting_until is None:
                waiting_until = time.monotonic() + order.WAIT_S
            order.wait(waiting_until)
            continue
        except OutOfScope as exc:
            raise forbidden(exc.code, str(exc)) from None
        except DataError as exc:
            # a value a column cannot hold that no rule caught: refuse the batch, never a 500
            log.warning("push %s refused by the database: %s", request.batch_id, exc)
            raise ApiError(
                422, "push.unstorable_value", "a value in this batch cannot be stored"
            ) from None
        except IntegrityError as exc:
            # another batch committed the same new rows first: replay, looking ids up this time
            log.info("push %s collided (attempt %d): %s", request.batch_id, attempt + 1, exc)
            careful = True
        except DBAPIError as exc:
            if not _is_transient(exc):
                # e.g. SQLite still locked after its busy timeout: the error handler answers 503
                raise
            log.info(
                "push %s must be replayed (attempt %d): %s", request.batch_id, attempt + 1, exc
            )
        attempt += 1
        time.sleep(random.uniform(0.01, 0.05) * attempt)
    raise busy("the batch collided with others too often; send it again")


def _is_transient(exc: DBAPIError) -> bool:
    code = getattr(exc.orig, "sqlstate", None) or ""
    return code in ("40001", "40P01", "55P03")  # serialisation failure, deadlock, lock timeout


def _apply(
    conn: Connection, principal: Principal, request: PushRequest | WirePush, careful: bool
) -> dict[str, Any]:
    """The steps of one batch, in its transaction: the device's turn, the ops it already
    sent, the rows its ops read, each op judged and queued, everything written at once."""
    ops, device = request.ops, principal.device_id
    txid = order.lock_device(conn, device)
    seen = order.check(conn, device, request.batch_id, request.after)
    done = _already_applied(conn, [op.op_id for op in ops])
    principal = _with_grace(conn, principal)
    work = Work(conn, principal, careful=careful, receipt=Receipt.now(request.sent_at), txid=txid)
    work.prefetch(*_rows_wanted(ops, done))
    answer = _Answer(request, principal, done)
    _judge(ops, work, answer)
    if answer.outside and answer.outside == len(ops):
        # nothing but ops outside the area, and no grace: the whole push is refused (403)
        raise OutOfScope("scope.grid_outside", "every op of this batch is outside your area")
    work.flush(answer.applied)
    if answer.repeated:
        _answered_again(conn, request.batch_id, answer.repeated)
    if not seen:
        order.record(conn, device, request.batch_id, request.after)
    return answer.response()


def _judge(ops: Sequence[PushedOp], work: Work, answer: _Answer) -> None:
    """Each op judged in order: a new visit like one already applied by the short path
    (``fast_visits``), every other op the whole way."""
    fast = None if work.careful else FastVisits(work, answer.applied_as_sent)
    for op in ops:
        if fast is None:
            answer.add(op, work)
        elif not fast.add(op):
            fresh = op.op_id not in answer.done
            answer.add(op, work)
            fast.judged(op, fresh and answer.done.get(op.op_id) is _DONE_APPLIED)


def _rows_wanted(
    ops: Sequence[PushedOp], done: dict[str, Any]
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The rows the batch's new ops read, and those of them it may change (locked on
    PostgreSQL): the records its updates name, and the ticket or hazard a step moves."""
    wanted: set[tuple[str, str]] = set()  # a batch's ops name the same few rows many times
    changing: set[tuple[str, str]] = set()
    handlers, create = HANDLERS, OpKind.CREATE
    for op in ops:
        entity = op.entity
        handler = handlers.get(entity)
        if handler is None or op.op_id in done:
            continue
        wanted.update(handler.wants(op))
        if op.op is not create:
            changing.add((entity, op.entity_id))
        elif entity in _MOVES:
            moved, field = _MOVES[entity]
            if isinstance(op.fields.get(field), str):
                changing.add((moved, op.fields[field]))
    return wanted, changing


#: A step created moves its record: the entity and the field naming it.
_MOVES = {"ticket_transition": ("ticket", "ticket_id"), "hazard_step": ("hazard", "hazard_id")}


class _Answer:
    """The answer to a batch as its ops are judged one by one: each op's result, the rows of
    ``applied_op`` to write, how many ops fell outside the user's area."""

    def __init__(
        self, request: PushRequest | WirePush, principal: Principal, done: dict[str, Any]
    ) -> None:
        self.request = request
        self.principal = principal
        self.done = done
        self.results: list[dict[str, Any]] = []
        self.applied: list[tuple[Any, ...]] = []  # rows of applied_op, in APPLIED_COLUMNS order
        self.outside = 0
        #: ops answered ``duplicate`` (applied in an earlier batch whose answer was lost)
        self.repeated: list[str] = []
        self.permitted: set[str] = set()  # entities the user's role may push (checked once)
        self.now = now_ms()
        self.compact = request.compact
        #: what every row of ``applied`` says of the batch: its id, device and user
        self._keeper = (request.batch_id, principal.device_id, principal.user.id)

    def add(self, op: PushedOp, work: Work) -> None:
        """Judge one op: answered again, refused, or applied (its writes queued in ``work``)."""
        if op.op_id in self.done:
            self.repeated.append(op.op_id)
            status, detail = self.done[op.op_id]
            self.results.append(
                _result(op.op_id, op.seq, OpStatus.DUPLICATE, original_status=status.value) | detail
            )
            return
        handler = HANDLERS.get(op.entity)
        if handler is None:
            self.results.append(_rejected(op.op_id, op.seq, "entity.not_pushable", op.entity))
            return
        if len(op.entity_id) > MAX_ID and op.entity != "checklist_answer":
            self.results.append(
                _rejected(op.op_id, op.seq, "field.bad_id", "entity_id is too long")
            )
            return
        outcome = self._run(handler, op, work)
        if outcome is APPLIED:  # the common case, kept short: it runs for nearly every op
            if op.op is OpKind.CREATE:
                work.stored_as_sent(op.entity, op.entity_id, op.fields)
            self.applied_as_sent(op)
        elif outcome is not None:
            self._answered(op, outcome)

    def applied_as_sent(self, op: PushedOp) -> None:
        """The answer's part of an op applied plainly: remembered, kept, listed unless compact."""
        self.done[op.op_id] = _DONE_APPLIED
        self._keep(op, _APPLIED, None)
        if not self.compact:
            self.results.append({"op_id": op.op_id, "seq": op.seq, "status": _APPLIED})

    def _run(self, handler: Handler, op: PushedOp, work: Work) -> Outcome | None:
        """The handler's outcome, or None with the refusal answered."""
        try:
            if op.entity not in self.permitted:
                require_for_entity(self.principal.user, op.entity)
                self.permitted.add(op.entity)
            return handler.apply(op, work)
        except OutOfScope as exc:
            self.outside += 1
            self.results.append(_rejected(op.op_id, op.seq, exc.code, str(exc), exc))
        except RetryLater as exc:
            self.results.append(
                _rejected(op.op_id, op.seq, exc.code, str(exc), exc, retriable=True)
            )
        except GridTermError as exc:
            self.results.append(_rejected(op.op_id, op.seq, exc.code, str(exc), exc))
        except _BAD_INPUT as exc:
            self.results.append(_rejected(op.op_id, op.seq, "op.invalid", f"{type(exc).__name__}"))
        return None

    def _answered(self, op: PushedOp, outcome: Outcome) -> None:
        """An op applied otherwise than plainly (a conflict): its details kept for a duplicate."""
        detail = _detail(outcome)
        self.done[op.op_id] = (outcome.status, detail)
        self._keep(
            op, outcome.status.value, json.dumps(detail, ensure_ascii=False) if detail else None
        )
        self.results.append(
            _result(
                op.op_id,
                op.seq,
                outcome.status,
                conflict_fields=list(outcome.conflict_fields),
                server=outcome.server,
            )
        )

    def _keep(self, op: PushedOp, status: str, detail: str | None) -> None:
        batch, device, user = self._keeper
        row = (op.op_id, batch, device, user, op.entity, op.entity_id, status, self.now, detail)
        self.applied.append(row)

    def response(self) -> dict[str, Any]:
        """The ``PushResponse`` as a dict; a compact one lists only what was not applied."""
        request, results = self.request, self.results
        if request.compact:
            return {
                "batch_id": request.batch_id,
                "acked_seq": _acked_compact(request.ops, results),
                "results": results,
                "others_applied": True,
            }
        return {
            "batch_id": request.batch_id,
            "acked_seq": acked_seq(results),
            "results": results,
            "others_applied": False,
        }


def acked_seq(results: list[dict[str, Any]]) -> int | None:
    """The highest seq up to which every op has a final result (retriable ones are not)."""
    acked: int | None = None
    for r in sorted(results, key=_by_seq):
        if r.get("retriable"):
            break
        acked = r["seq"]
    return acked


def _acked_compact(ops: Sequence[Any], listed: list[dict[str, Any]]) -> int | None:
    """``acked_seq`` of a compact answer: the ops left out of ``listed`` were applied, so
    the ack stops only before the lowest seq of a retriable result."""
    stop = min((r["seq"] for r in listed if r.get("retriable")), default=None)
    return max((op.seq for op in ops if stop is None or op.seq < stop), default=None)


_by_seq = operator.itemgetter("seq")

#: Applied ops answer with the three fields every result has (and not at all in a compact
#: answer); the others keep their defaults (``OpResult``), which keeps a 1,000-op answer small.
_APPLIED = OpStatus.APPLIED.value
#: What ``done`` holds for an op applied in this batch (never mutated: shared).
_DONE_APPLIED: tuple[OpStatus, dict[str, Any]] = (OpStatus.APPLIED, {})


def _result(op_id: str, seq: int, status: OpStatus, **details: Any) -> dict[str, Any]:
    """One ``OpResult`` as a dict, every field spelled out (the rarer, detailed answers)."""
    return {
        "op_id": op_id,
        "seq": seq,
        "status": status.value,
        "reason": None,
        "message": None,
        "field": None,
        "retriable": False,
        "original_status": None,
        "conflict_fields": [],
        "server": None,
    } | details


def _with_grace(conn: Connection, principal: Principal) -> Principal:
    """The principal, its area widened by the grids this device may still push into after
    they were taken from the user (reassignment grace); itself when there are none."""
    extra = grace.grace_grids(conn, principal.user.id, principal.device_id)
    extra = {g: n for g, n in extra.items() if g not in principal.grid_nums}
    if not extra:
        return principal
    user = principal.user
    if user.scope_level is ScopeLevel.GRIDS:
        user = dataclasses.replace(user, grid_ids=user.grid_ids | frozenset(extra))
    return dataclasses.replace(principal, user=user, grid_nums=principal.grid_nums | extra)


def _detail(outcome: Outcome) -> dict[str, Any]:
    """What a conflict's answer carries beyond its status (kept for a duplicate's answer)."""
    if outcome.status is not OpStatus.CONFLICT:
        return {}
    return {"conflict_fields": list(outcome.conflict_fields), "server": outcome.server}


def _answered_again(conn: Connection, batch_id: str, op_ids: list[str]) -> None:
    """Ops answered ``duplicate`` now belong to this batch in the exactly-once memory: the
    terminal that sent them again has not taken an answer about them until it takes this
    one, and prune forgets an op only once its last answer was taken (``admin/prune.py``)."""
    a = schema.applied_op
    ids = sorted(set(op_ids))
    for i in range(0, len(ids), 500):  # rare (a batch sent again): plain IN lists will do
        chunk = ids[i : i + 500]
        conn.execute(update(a).where(a.c.op_id.in_(chunk)).values(batch_id=batch_id))


def _already_applied(
    conn: Connection, op_ids: list[str]
) -> dict[str, tuple[OpStatus, dict[str, Any]]]:
    """op id → (the status it was applied with, the details of that answer)."""
    a = schema.applied_op
    query = lookup(conn.dialect.name, (a.c.op_id, a.c.status, a.c.detail), a.c.op_id)
    rows = conn.execute(query, keys_param(conn, sorted(set(op_ids))))
    return {r.op_id: (OpStatus(r.status), json.loads(r.detail) if r.detail else {}) for r in rows}


def _rejected(
    op_id: str,
    seq: int,
    code: str,
    message: str,
    exc: GridTermError | None = None,
    *,
    retriable: bool = False,
) -> dict[str, Any]:
    field = exc.params.get("field") if exc is not None else None
    return _result(
        op_id,
        seq,
        OpStatus.REJECTED,
        reason=code,
        message=message,
        field=field if isinstance(field, str) else None,
        retriable=retriable,
    )
