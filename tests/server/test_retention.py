"""Retiring old months of the change log keeps every pull whole: a terminal with a cursor from
before the retired months, and a new one pulling from the start, both end with the same rows
and see the same deletions as before the retirement (sync/server/db/retention.py)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select, text

from sync.server.admin import users
from sync.server.cli import main
from sync.server.clock import now_ms
from sync.server.db import retention, schema
from sync.server.db.engine import writing
from tests.server.helpers import Client, District, build_district, op, visit_fields

_DAY_MS = 86_400_000
_YEAR_AGO = 14 * 30 * _DAY_MS  # older than the year kept


def _state(client: Client, cursor: str | None = None) -> tuple[dict[Any, Any], set[Any], str]:
    """What a pull from ``cursor`` brings: rows by (entity, id), removed keys, the cursor."""
    got, cursor = client.pull_all(cursor)
    removed = {(r["entity"], r["id"]) for r in got["removals"]}
    return got["changes"], removed, cursor


def _visit(d: District, worker: Client, grid: str, i: int) -> dict[str, Any]:
    household = d.households[grid][i % len(d.households[grid])]
    v = visit_fields(household, d.user_id("grid_worker"), notes=f"走访 {i}")
    r = worker.push([op("visit", v["id"], v)])
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied", r.text
    return v


def _age_entries(conn: Any, after_seq: int, ago_ms: int) -> int:
    """Make every entry written after ``after_seq`` look ``ago_ms`` old (into its month's
    partition on PostgreSQL: a row moves partition when its key changes)."""
    then = now_ms() - ago_ms
    retention.ensure_partitions(conn, then, ahead=0)
    cl = schema.change_log
    return conn.execute(cl.update().where(cl.c.seq > after_seq).values(logged_at=then)).rowcount


def test_retiring_old_months_keeps_every_pull_whole(server) -> None:
    with server.engine.connect() as conn:
        start = conn.execute(select(func.coalesce(func.max(schema.change_log.c.seq), 0))).scalar()
    d = build_district(server.url, server.engine)
    boss = d.client("community_supervisor")
    _, _, early_cursor = _state(boss)
    worker = d.client("grid_worker")
    old_visits = [_visit(d, worker, "g1", i) for i in range(3)]
    with writing(server.engine) as conn:
        users.assign(conn, d.workers["worker2"], d.grids["g1"])
        users.unassign(conn, d.workers["worker2"], d.grids["g1"])
    with writing(server.engine) as conn:
        aged = _age_entries(conn, start, _YEAR_AGO)
    new_visit = _visit(d, worker, "g1", 3)
    before, _, _ = _state(d.client("community_supervisor"))

    with writing(server.engine) as conn:
        done = retention.retire(conn, keep_days=365)

    assert done.removed >= aged and done.carried > 0
    if server.backend == "postgresql":
        assert done.dropped, "the aged month's partition is dropped whole"
        with server.engine.connect() as conn:
            names = {p.name for p in retention.month_partitions(conn)}
        assert not names & set(done.dropped)
    with server.engine.connect() as conn:
        left = conn.execute(
            text("SELECT count(*) FROM change_log WHERE logged_at < :cut"), {"cut": done.cut}
        ).scalar()
    assert left == 0

    after, _, _ = _state(d.client("community_supervisor"))
    assert after == before, "a pull from the start brings exactly what it did before"
    rows, removed, _ = _state(boss, early_cursor)
    for v in [*old_visits, new_visit]:
        assert rows[("visit", v["id"])]["notes"] == v["notes"]
    gone = f"{d.user_id('worker2')}/{d.grids['g1']}"
    assert ("user_grid", gone) in removed, "the deletion in a retired month still reaches it"
    assert ("user_grid", gone) not in after


def test_retirement_keeps_at_least_a_month() -> None:
    with pytest.raises(ValueError):
        retention.retire(None, keep_days=7)  # type: ignore[arg-type]


def test_the_cut_falls_on_a_month_start_at_least_the_days_kept_ago() -> None:
    now = retention.month_start(2026, 12) + 2 * _DAY_MS  # 3 December 2026
    cut = retention.retention_cut(now, 365)
    assert cut == retention.month_start(2025, 12)
    assert now - cut >= 365 * _DAY_MS


def test_admin_retire_reports_what_it_did_and_refuses_too_short_a_retention(server, capsys):
    db = ["--db", server.engine.url.render_as_string(hide_password=False)]
    assert main(["admin", *db, "retire", "--keep-days", "7"]) == 2
    assert "at least 31" in capsys.readouterr().err
    assert main(["admin", *db, "retire"]) == 0
    assert capsys.readouterr().out.startswith("retired the change log before ")
    if server.backend == "postgresql":
        with server.engine.connect() as conn:
            months = retention.month_partitions(conn)
        ahead = retention.month_partition(*retention.month_of(now_ms()))
        assert ahead.name in {m.name for m in months}, "this month's partition exists"
