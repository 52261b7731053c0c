"""Shared by the server's inspection tests: a market with one premises, and the fields and
ops a market inspector's terminal pushes for an inspection, its answers and its hazards."""

from __future__ import annotations

from typing import Any

from gridterm.ids import new_id
from gridterm.services.inspections import answer_key
from tests.server.helpers import Client, District, build_district, op

AT = "2026-11-20T10:00:00+08:00"


def open_market(server: Any) -> tuple[District, Client, str]:
    """A fresh district with the market inspector logged in and one premises in market m1."""
    d = build_district(server.url, server.engine, households_per_grid=1)
    c = d.client("market_inspector")
    premises = new_id()
    r = c.push(
        [
            op(
                "premises",
                premises,
                {
                    "grid_id": d.grids["m1"],
                    "name": "五金店",
                    "operator": "陈老板",
                    "contact_phone": "13912345678",
                },
            ),
        ]
    )
    assert r.json()["results"][0]["status"] == "applied", r.text
    return d, c, premises


def inspection_fields(d, premises, version=1):
    """A new inspection of ``premises`` on template shop_fire at ``version``."""
    return {
        "premises_id": premises,
        "grid_id": d.grids["m1"],
        "inspector_id": d.user_id("market_inspector"),
        "template_code": "shop_fire",
        "template_version": version,
        "started_at": AT,
        "status": "in_progress",
    }


def answer_op(inspection, item, result, note=""):
    """The op answering ``item`` of ``inspection``, keyed as the terminal keys it."""
    return op(
        "checklist_answer",
        answer_key(inspection, item),
        {
            "inspection_id": inspection,
            "item_code": item,
            "result": result,
            "note": note,
            "photos": "[]",
        },
    )


def statuses(r):
    """Each op's (status, reason) from a push response."""
    assert r.status_code == 200, r.text
    return [(x["status"], x.get("reason")) for x in r.json()["results"]]


def hazard_fields(d, premises, iid):
    """An open major hazard on item wiring, found by inspection ``iid``."""
    return {
        "inspection_id": iid,
        "premises_id": premises,
        "grid_id": d.grids["m1"],
        "item_code": "wiring",
        "severity": "major",
        "deadline": "2026-11-27",
        "responsible": "陈老板",
        "description": "插线板串接",
        "status": "open",
        "found_at": AT,
        "photos": "[]",
    }
