"""Shared by the server's ticket-step tests: a ticket a grid worker reported, accepted and
handled in one push, with any later steps in that batch, and the server's row of it."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from gridterm.ids import new_id
from sync.server.db import schema
from tests.server.helpers import op, ticket_fields

PHOTO = hashlib.sha256(b"after the clean-up").hexdigest()


def ticket_step(tid, action, by, seq, **extra):
    """A ticket_transition op: ``by`` takes ``action`` on ticket ``tid``."""
    fields = {"ticket_id": tid, "action": action, "by_user": by, "at": "2026-11-20T10:00:00+08:00"}
    return op("ticket_transition", new_id(), {**fields, **extra}, seq=seq)


def ticket_row(server, tid):
    """The ticket's status and version on the server."""
    t = schema.ticket
    with server.engine.connect() as conn:
        return conn.execute(select(t.c.status, t.c.version).where(t.c.id == tid)).one()


def step_later(action, seq, **extra):
    """A step of the ticket ``handled_by_worker`` opens, by its reporter."""
    return lambda tid, uid: ticket_step(tid, action, uid, seq, **extra)


def handled_by_worker(district, *later):
    """A grid worker reports and handles a ticket, then pushes ``later`` steps in that batch;
    the client comes back with the batch's ``results``."""
    worker = district.client("grid_worker")
    uid = district.user_id("grid_worker")
    tid = new_id()
    r = worker.push(
        [
            op("ticket", tid, ticket_fields(district.grids["g1"], uid), seq=1),
            ticket_step(tid, "report", uid, 2),
            ticket_step(tid, "accept", uid, 3),
            ticket_step(tid, "mark_handled", uid, 4),
            *(make(tid, uid) for make in later),
        ]
    )
    worker.results = r.json()["results"]
    return worker, uid, tid
