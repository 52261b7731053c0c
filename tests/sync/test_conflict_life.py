"""The done test of issue 19: three terminals of one grid against the real server, through the
fault proxy, edit the same households' notes and phones between syncs, and now and then a
person resolves what they see.

- no conflict is settled without a resolution naming it (ordinary edits of conflicted
  fields, which happen all the time here, settle nothing);
- every refused value is in an open or deliberately resolved conflict, on the server and on
  the terminal that wrote it (one row per refused value, not one per field);
- after the final syncs every terminal's open conflicts are the server's, value for value.
"""

from __future__ import annotations

import json
import random

from sqlalchemy import select

from gridterm.ids import conflict_id
from gridterm.services.register import Register
from gridterm.services.sync_conflicts import Resolution, SyncConflicts
from sync.server.db import schema
from tests.sync.conftest import Terminal, make_terminal

ROUNDS = 6
FIELDS = ("notes", "phone")


def _value(field: str, who: str, n: int) -> str:
    """Every value written is unique, so each one can be traced."""
    return f"139{n:08d}" if field == "phone" else f"{who}的备注{n}"


def _sync_through_faults(t: Terminal, proxy, rng: random.Random) -> None:
    """One sync, sometimes with the link cut mid-request or mid-answer, then syncs until a
    clean one: whatever was cut goes again with the same op ids."""
    fault = rng.random()
    if fault < 0.3:
        proxy.cut_request_after(rng.randint(100, 600))
    elif fault < 0.6:
        proxy.cut_response_after(rng.randint(20, 300))
    t.sync()
    proxy.cut_request_after(None)  # a cut the run did not reach is not left for the next
    proxy.cut_response_after(None)
    for _ in range(5):
        report = t.sync()
        if report.ok:
            return
    raise AssertionError(f"no clean sync: {report}")


def _server_conflicts(server, grid_id: str) -> dict[str, dict]:
    c = schema.conflict
    with server.engine.connect() as conn:
        rows = conn.execute(select(c).where(c.c.grid_id == grid_id)).mappings()
        return {r["id"]: dict(r) for r in rows}


def _refused(server, op_ids: list[str]) -> list[tuple[str, str]]:
    """(op id, field) of every value the server refused of these ops, from its record of
    applied ops."""
    t = schema.applied_op
    with server.engine.connect() as conn:
        rows = conn.execute(
            select(t.c.op_id, t.c.detail).where(t.c.status == "conflict", t.c.op_id.in_(op_ids))
        ).all()
    return [(r.op_id, f) for r in rows for f in json.loads(r.detail)["conflict_fields"]]


def test_three_terminals_agree_on_every_conflict(tmp_path, server, district, proxy):
    rng = random.Random(19)
    terminals = {
        who: make_terminal(tmp_path, district, who, proxy.url, name=who)
        for who in ("w1", "w2", "s1")
    }
    households = district.households["g1"][:3]
    try:
        for t in terminals.values():
            assert t.sync().ok
        n = 0
        for round_no in range(ROUNDS):
            for who, t in terminals.items():
                for household in rng.sample(households, 2):
                    field = rng.choice(FIELDS)
                    n += 1
                    Register(t.session()).edit_household(
                        household, **{field: _value(field, who, n)}
                    )
                if round_no >= 2 and rng.random() < 0.6:
                    seen = SyncConflicts(t.session()).open()
                    if seen:
                        c = rng.choice(seen)
                        choice = rng.choice([Resolution.MINE, Resolution.SERVER, Resolution.VALUE])
                        value = f"{who}核实{n}" if c.field == "notes" else f"137{n:08d}"
                        SyncConflicts(t.session()).resolve(c.id, choice, value)
            for who in rng.sample(sorted(terminals), 3):
                _sync_through_faults(terminals[who], proxy, rng)
        for _ in range(2):  # the last resolutions reach everyone
            for t in terminals.values():
                assert t.sync().ok

        assert proxy.cuts >= 5, "the script should cut the link"
        on_server = _server_conflicts(server, district.grids["g1"])
        assert len(on_server) >= 10, "the script should make conflicts"
        resolutions = {
            r["op_id"]: json.loads(r["fields"])
            for t in terminals.values()
            for r in t.store.query(
                "SELECT op_id, fields FROM outbox WHERE entity = 'conflict_resolution'"
            )
        }
        assert resolutions, "the script should resolve some"
        # no conflict settled without a resolution that named it
        for c in on_server.values():
            if c["status"] == "resolved":
                assert c["resolve_op_id"] in resolutions, c
                assert c["id"] in resolutions[c["resolve_op_id"]]["conflict_ids"]
        assert any(c["status"] == "open" for c in on_server.values())
        # every refused value is in a conflict, on the server and on its own terminal
        outboxes = {
            r["op_id"]: (who, json.loads(r["fields"]))
            for who, t in terminals.items()
            for r in t.store.query("SELECT op_id, fields FROM outbox")
        }
        refused = _refused(server, sorted(outboxes))
        assert refused
        for op_id, field in refused:
            c = on_server[conflict_id(op_id, field)]
            who, fields = outboxes[op_id]
            sent = fields["value"] if "conflict_ids" in fields else fields[field]
            assert json.loads(c["terminal_value"]) == sent
            own = terminals[who].store.query(
                "SELECT local_value FROM sync_conflict WHERE id = ?", (c["id"],)
            )
            assert [json.loads(r["local_value"]) for r in own] == [sent]
        # after the final syncs every terminal's open conflicts are the server's
        server_open = {
            k: (c["status"], json.loads(c["terminal_value"]))
            for k, c in on_server.items()
            if c["status"] == "open"
        }
        for t in terminals.values():
            here = {c.id: (c.status, c.local_value) for c in SyncConflicts(t.session()).open()}
            assert here == server_open
    finally:
        for t in terminals.values():
            t.close()
