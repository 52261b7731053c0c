"""A small market district on the server for one test: two markets (special grids 专属网格)
m1 and m2 of one community, market inspectors i1 and i2 (both m1) and i3 (m2), and
terminal-side helpers to run an inspection through the app's own services and check that
it reached the server once."""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, func, select

from gridterm.domain.attachments import AttachmentKind
from gridterm.services.attachments import add_attachment
from gridterm.services.hazards import Hazards
from gridterm.services.inspections import Inspections
from gridterm.services.premises import PremisesRegister
from sync.server.admin import templates, territory
from sync.server.db import schema
from sync.server.db.engine import writing
from tests.sync.district import Area
from tests.sync.helpers import server_rows
from tests.sync.server_process import ServerProcess

if TYPE_CHECKING:
    from tests.sync.conftest import Terminal

#: The built-in default template, which ``migrate`` installs on every test server.
DEFAULT_CODE = "small_shop"


@dataclass
class Market(Area):
    """Markets m1, m2; inspectors i1, i2 (m1) and i3 (m2)."""

    def publish(self, document: dict[str, Any]) -> bool:
        """Import a checklist template on the server (``admin import-template``)."""
        with writing(self.engine) as conn:
            return templates.publish(conn, document)[1]


def build(engine: Engine) -> Market:
    """A fresh market district with unique names."""
    tag = secrets.token_hex(3)
    m = Market(engine, tag)
    with writing(engine) as conn:
        office = territory.street_office(conn, f"街道{tag}")
        community = territory.community(conn, office, f"社区{tag}")
        for name in ("m1", "m2"):
            m.grids[name] = territory.grid(conn, community, f"市场{name}-{tag}", "special")
        for who, grid in (("i1", "m1"), ("i2", "m1"), ("i3", "m2")):
            where = {"community_id": community, "street_office_id": None, "name": f"巡查{who}"}
            m.add_worker(conn, who, "market_inspector", [grid], **where)
    return m


def photo(session: Any, kind: AttachmentKind = AttachmentKind.PHOTO) -> str:
    """A fresh photo (or signature) taken on the terminal; not an image, so it goes as taken
    (no downscaling renames it) and its SHA-256 is known in advance."""
    data = os.urandom(20_000)
    sha = add_attachment(session, data, "image/jpeg", kind).sha256
    assert sha == hashlib.sha256(data).hexdigest()
    return sha


def add_premises(session: Any, grid_id: str, name: str = "五金店") -> str:
    """Register a shop in a market, as the app's premises screen does."""
    return (
        PremisesRegister(session)
        .add(grid_id=grid_id, name=name, operator="陈老板", contact_phone="13912345678")
        .id
    )


def answer_all(
    session: Any, inspection_id: str, failures: dict[str, tuple[str, ...]] | None = None
) -> None:
    """Answer every item of the inspection's own template version: the items in
    ``failures`` fail with those photos, the rest pass."""
    inspections = Inspections(session)
    failures = failures or {}
    for item in inspections.template_of(inspection_id).items:
        if item.code in failures:
            inspections.answer(
                inspection_id, item.code, "fail", note="现场发现", photos=failures[item.code]
            )
        else:
            inspections.answer(inspection_id, item.code, "pass")


def inspect_shop(
    t: Terminal, market: Market, failures: tuple[str, ...] = ("wiring", "extinguisher")
) -> tuple[str, dict[str, str], dict[str, str], str]:
    """On terminal ``t``: a shop in m1 inspected with the built-in checklist, the items in
    ``failures`` failed with a photo each, completed with the operator's signature.
    Returns (inspection id, hazard id by item, photo by item, signature)."""
    s = t.session()
    inspections = Inspections(s)
    premises = add_premises(s, market.grids["m1"])
    inspection = inspections.start(premises, DEFAULT_CODE)
    shots = {code: photo(s) for code in failures}
    answer_all(s, inspection.id, {code: (sha,) for code, sha in shots.items()})
    signature = photo(s, AttachmentKind.SIGNATURE)
    found = inspections.complete(inspection.id, signature=signature)
    return inspection.id, {h.item_code: h.id for h in found}, shots, signature


def escalate_wiring(t: Terminal, market: Market, **escalation: Any) -> tuple[str, dict, str]:
    """On ``t``: a shop inspected (``inspect_shop``), its wiring hazard failed re-inspection
    (拒不整改) and escalated to a ticket as ``escalation`` says. Returns (the wiring hazard,
    the photos by item, the ticket)."""
    _, hazards, shots, _ = inspect_shop(t, market)
    wiring = hazards["wiring"]
    on_t = Hazards(t.session())
    on_t.reinspect(wiring, passed=False, note="拒不整改")
    ticket_id = on_t.escalate(wiring, **escalation).ticket_id
    return wiring, shots, ticket_id


def assert_inspections_once(server: ServerProcess, t: Terminal) -> None:
    """Every op of the terminal applied once on the server, every inspection, answer and
    hazard the terminal wrote there once and none extra, every outbox row confirmed."""
    ops = t.store.query("SELECT op_id FROM outbox")
    a = schema.applied_op
    with server.engine.connect() as conn:
        applied = conn.execute(
            select(func.count()).select_from(a).where(a.c.op_id.in_([o["op_id"] for o in ops]))
        ).scalar_one()
    assert applied == len(ops)
    assert t.outbox_states() == {"confirmed": len(ops)}
    for inspection in t.store.query("SELECT id FROM hazard_inspection"):
        iid = inspection["id"]
        assert len(server_rows(server, "hazard_inspection", id=iid)) == 1
        local = t.store.query(
            "SELECT item_code, result FROM checklist_answer WHERE inspection_id = ?", (iid,)
        )
        remote = server_rows(server, "checklist_answer", inspection_id=iid)
        assert sorted((r["item_code"], r["result"]) for r in remote) == sorted(
            (r["item_code"], r["result"]) for r in local
        )
        local_hazards = t.store.query("SELECT id FROM hazard WHERE inspection_id = ?", (iid,))
        remote_hazards = server_rows(server, "hazard", inspection_id=iid)
        assert sorted(h["id"] for h in remote_hazards) == sorted(h["id"] for h in local_hazards)
