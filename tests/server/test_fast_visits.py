"""New visits on the push's short path (``sync/server/push/fast_visits.py``) answer and store
exactly what the whole way does: the same batch — good visits among bad ones in the middle —
pushed once with the short path switched off and once on gives the same answer op by op,
the same stored rows, and the same change-log origins (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from gridterm.ids import new_id
from sync.server.db import schema
from sync.server.push import fast_visits, service
from tests.server.helpers import build_district, now, op, visit_fields


def _batch(d: Any) -> list[dict[str, Any]]:
    """Visits alike (the short path's case) with odd and bad ones between them."""
    home, other, user = d.households["g1"][0], d.households["g1"][1], d.user_id("grid_worker")
    twin = new_id()
    variants: list[dict[str, Any]] = [
        {},
        {},
        {"household_id": other, "notes": "  前后有空格  "},
        {"visited_at": "yesterday"},  # refused: field.bad_time
        {"household_id": new_id()},  # not on the server: retriable
        {"id": twin},
        {"notes": "长" * 4001},  # refused: field.too_long
        {"household_id": d.households["g2"][0]},  # outside the worker's area
        {"visited_at": "2026-11-20T09:30:00.123456+08:00"},
        {"visited_at": "2026-11-20T09:30:00-00:00"},  # stored re-formatted
        {"visited_at": "2026-11-20T09:30:00.000000+08:00"},  # stored re-formatted
        {"visit_type": "party"},  # refused: field.invalid_choice
        {"met": ["李四"]},  # a list, not JSON text
        {"household_id": " " + home},  # stripped (a key the prefetch does not have)
        {"notes": None},
        {"ticket_id": ""},
        {"revision_of": ""},
        {"created_at": 5},
        {"unknown": 1},  # refused: field.unknown
        {"concerns": '[{"kind": "need", "text": "漏水"}]', "outcome": "settled"},
        {"concerns": '[{"kind": "need", "text": "漏水"}]', "outcome": "settled"},
        {"outcome": "settled"},  # refused: a concern is needed
        {},
    ]
    ops = []
    for seq, extra in enumerate(variants, start=1):
        fields = {
            **visit_fields(home, user, visited_at="2026-11-20T09:30:00+08:00"),
            "ticket_id": None,  # every wire column sent: stored as sent, the origin named
            "revision_of": None,
            **extra,
        }
        if "id" in extra:
            vid = extra["id"]
        else:
            vid = new_id()
            fields["id"] = vid
        ops.append(op("visit", vid, fields, seq=seq))
    del ops[1]["fields"]["id"]  # no id sent: stored, but not as sent
    ops.append(op("visit", twin, dict(ops[5]["fields"]), seq=len(ops) + 1))  # id taken
    ops.append(dict(ops[0], seq=len(ops) + 1))  # an op id already in this batch
    return ops


def _renewed(ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same ops with new op and visit ids (the same ids twice stay the same twice)."""
    ids: dict[str, str] = {}

    def fresh(old: str) -> str:
        return ids.setdefault(old, new_id())

    out = []
    for o in ops:
        fields = dict(o["fields"])
        if "id" in fields:
            fields["id"] = fresh(fields["id"])
        out.append(
            {**o, "op_id": fresh(o["op_id"]), "entity_id": fresh(o["entity_id"]), "fields": fields}
        )
    return out


def _pushed(server: Any, c: Any, ops: list[dict[str, Any]]) -> tuple[list[Any], list[Any]]:
    """The answer op by op, and each op's stored row (without its id) and change-log origin."""
    r = c.push(ops)
    assert r.status_code == 200, r.text
    answer = sorted(
        (x["seq"], x["status"], x.get("reason"), x.get("field"), x.get("retriable", False))
        for x in r.json()["results"]
    )
    v, log = schema.visit, schema.change_log
    stored = []
    with server.engine.connect() as conn:
        for o in ops:
            row = conn.execute(select(v).where(v.c.id == o["entity_id"])).mappings().first()
            origin = conn.scalars(
                select(log.c.origin).where(
                    log.c.entity == "visit", log.c.entity_id == o["entity_id"]
                )
            ).all()
            kept = None if row is None else {k: x for k, x in row.items() if k != "id"}
            if kept is not None and not isinstance(o["fields"].get("created_at"), str):
                kept.pop("created_at")  # the server's clock
            stored.append((o["seq"], kept, [x is not None for x in origin]))
    return answer, stored


def test_the_short_path_answers_and_stores_what_the_whole_way_does(server, monkeypatch):
    d = build_district(server.url, server.engine)
    c = d.client("grid_worker")
    ops = _batch(d)
    taken: list[str] = []

    class Off(fast_visits.FastVisits):
        def add(self, op: Any) -> bool:
            return False

    class Counted(fast_visits.FastVisits):
        def add(self, op: Any) -> bool:
            done = super().add(op)
            if done:
                taken.append(op.entity_id)
            return done

    monkeypatch.setattr(service, "FastVisits", Off)
    whole_way = _pushed(server, c, ops)
    monkeypatch.setattr(service, "FastVisits", Counted)
    short = _pushed(server, c, _renewed(ops))
    assert short == whole_way
    assert len(taken) >= 8  # most of the good visits took the short path
    answer = dict((a[0], a[1:]) for a in short[0])
    assert answer[4][1] == "field.bad_time" and answer[5][3] is True
    assert answer[8][1] == "scope.grid_outside"
    assert answer[len(ops)][0] == "duplicate"
    assert short[1][0][2] == [True] and short[1][2][2] == [False]  # as sent; no id sent


@pytest.mark.parametrize("careful", [False, True])
def test_every_visit_of_an_all_alike_batch_lands_once(server, careful, monkeypatch):
    d = build_district(server.url, server.engine)
    c = d.client("grid_worker")
    user = d.user_id("grid_worker")
    homes = d.households["g1"]
    ops = [
        op("visit", (f := visit_fields(homes[i % 3], user, visited_at=now()))["id"], f, seq=i + 1)
        for i in range(50)
    ]
    if careful:  # a replayed batch (after a collision) looks its ids up: no short path
        real = service.Work

        def careful_work(*args: Any, **kwargs: Any) -> Any:
            return real(*args, **{**kwargs, "careful": True})

        monkeypatch.setattr(service, "Work", careful_work)
    r = c.push(ops)
    assert r.status_code == 200 and all(x["status"] == "applied" for x in r.json()["results"])
    v = schema.visit
    with server.engine.connect() as conn:
        ids = set(conn.scalars(select(v.c.id).where(v.c.id.in_([o["entity_id"] for o in ops]))))
    assert ids == {o["entity_id"] for o in ops}
