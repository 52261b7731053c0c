"""Pruning the exactly-once memory (``applied_op``, ``push_batch``) never lets an op apply twice:
only a batch whose answer its terminal has taken — three later batches chained after it —
and older than the retention is forgotten; a batch whose answer was lost is kept however old,
so its retry a year later is still answered ``duplicate`` (docs/sync-contract.md, guarantee 2,
"Forgetting applied ops"; sync/server/admin/prune.py)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select, update

from gridterm.ids import new_id
from sync.server.admin.prune import prune
from sync.server.cli import main
from sync.server.db import schema
from sync.server.db.engine import writing
from tests.server.helpers import Client, District, build_district, op, visit_fields

_DAY_MS = 86_400_000


@pytest.fixture
def district(server) -> District:
    return build_district(server.url, server.engine)


def _visits(d: District, n: int) -> list[dict[str, Any]]:
    household = d.households["g1"][0]
    out = []
    for i in range(n):
        v = visit_fields(household, d.user_id("grid_worker"), notes=f"走访 {i}")
        out.append(op("visit", v["id"], v, seq=i + 1))
    return out


def _push(c: Client, ops: list[dict[str, Any]], batch_id: str, after: str | None = None) -> set:
    r = c.push(ops, batch_id=batch_id, after=after)
    assert r.status_code == 200, r.text
    return {res["status"] for res in r.json()["results"]}


def _chain(c: Client, d: District, tag: str, length: int) -> dict[str, list[dict[str, Any]]]:
    """``length`` batches of two visits, each naming the one before (as a terminal sends
    them, two in flight)."""
    batches: dict[str, list[dict[str, Any]]] = {}
    after = None
    for i in range(length):
        batch_id, ops = f"{tag}-{i + 1}", _visits(d, 2)
        assert _push(c, ops, batch_id, after) == {"applied"}
        batches[batch_id], after = ops, batch_id
    return batches


def _age(server, c: Client, days: int) -> None:
    """Everything this terminal had applied so far looks ``days`` older."""
    with writing(server.engine) as conn:
        for t in (schema.applied_op, schema.push_batch):
            mine = t.c.device_id == c.device_id
            conn.execute(update(t).where(mine).values(at=t.c.at - days * _DAY_MS))


def _remembered(server, ops: list[dict[str, Any]]) -> int:
    a = schema.applied_op
    with server.engine.connect() as conn:
        ids = [o["op_id"] for o in ops]
        return conn.execute(select(func.count()).where(a.c.op_id.in_(ids))).scalar_one()


def _batches(server, ids: list[str]) -> set[str]:
    b = schema.push_batch
    with server.engine.connect() as conn:
        return set(conn.scalars(select(b.c.batch_id).where(b.c.batch_id.in_(ids))))


def _prune(server, keep_days: int = 30) -> tuple[int, int]:
    with writing(server.engine) as conn:
        report = prune(conn, keep_days)
    return report.applied_ops, report.push_batches


def test_a_batch_whose_answer_was_taken_is_forgotten_one_whose_answer_was_lost_never(
    server, district
):
    c = district.client("grid_worker")
    tag = new_id()
    lost = _visits(district, 2)  # its answer never reached the terminal, which went quiet
    assert _push(c, lost, f"{tag}-lost") == {"applied"}
    chain = _chain(c, district, tag, 5)
    _age(server, c, 400)  # all of it older than any retention

    ops, batches = _prune(server)

    first, second, *rest = chain
    assert _remembered(server, chain[first] + chain[second]) == 0
    assert _batches(server, [first, second]) == set()
    assert ops >= 4 and batches >= 2
    # three later batches prove nothing of the last three, nor anything of a lone batch
    assert _remembered(server, [o for b in rest for o in chain[b]]) == 6
    assert _remembered(server, lost) == 2
    assert _batches(server, [f"{tag}-lost", *rest]) == {f"{tag}-lost", *rest}
    # the terminal wakes up a year later and sends what it never had answered: not again
    assert _push(c, lost, new_id()) == {"duplicate"}
    assert _push(c, lost, f"{tag}-lost") == {"duplicate"}
    assert _push(c, chain[rest[-1]], rest[-1], rest[-2]) == {"duplicate"}
    v = schema.visit
    with server.engine.connect() as conn:
        ids = [o["entity_id"] for o in lost]
        assert conn.execute(select(func.count()).where(v.c.id.in_(ids))).scalar_one() == 2


def test_nothing_younger_than_the_retention_is_forgotten(server, district):
    c = district.client("grid_worker")
    chain = _chain(c, district, new_id(), 5)
    _age(server, c, 10)
    _prune(server, keep_days=30)
    assert _remembered(server, [o for ops in chain.values() for o in ops]) == 10
    assert _batches(server, list(chain)) == set(chain)


def test_an_op_answered_again_belongs_to_the_batch_that_answered_it(server, district):
    c = district.client("grid_worker")
    tag = new_id()
    lost = _visits(district, 2)
    assert _push(c, lost, f"{tag}-lost") == {"applied"}
    # the next sync sends them again at the head of a new chain, then three more batches
    assert _push(c, lost, f"{tag}-again") == {"duplicate"}
    a = schema.applied_op
    with server.engine.connect() as conn:
        ids = [o["op_id"] for o in lost]
        held = set(conn.scalars(select(a.c.batch_id).where(a.c.op_id.in_(ids))))
    assert held == {f"{tag}-again"}
    after = f"{tag}-again"
    for i in range(2):  # two links: the answer to "again" may not be taken yet
        assert _push(c, _visits(district, 1), f"{tag}-{i}", after) == {"applied"}
        after = f"{tag}-{i}"
    _age(server, c, 400)
    _prune(server)
    assert _remembered(server, lost) == 2
    assert _push(c, _visits(district, 1), f"{tag}-2", after) == {"applied"}
    _age(server, c, 400)
    _prune(server)
    assert _remembered(server, lost) == 0


def test_admin_prune_keeps_applied_ops_a_day_at_least(server, capsys):
    db = ["--db", server.engine.url.render_as_string(hide_password=False)]
    with pytest.raises(SystemExit):
        main(["admin", *db, "prune", "--keep-ops-days", "0"])
    capsys.readouterr()
    assert main(["admin", *db, "prune", "--keep-ops-days", "30"]) == 0
    assert "applied op ids of" in capsys.readouterr().out
