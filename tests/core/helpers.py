"""What several core tests share (and a few UI tests): checklist items and templates, a run
through an inspection, a ticket's steps, a refused value as a sync pulls it, the schema
fixtures, the report day."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime
from pathlib import Path

from gridterm.domain.tickets import Ticket, TicketAction
from gridterm.domain.users import Role
from gridterm.ids import conflict_id
from gridterm.services.hazards import Hazards
from gridterm.services.inspections import Inspections
from gridterm.services.visits import Visits
from gridterm.store import keys
from tests.conftest import NOW

ITEMS_V1 = [
    {"code": "wiring", "text": "私拉乱接电线", "severity": "major", "deadline_days": 7},
    {"code": "ebike", "text": "电动自行车违规停放充电", "severity": "critical", "deadline_days": 3},
    {"code": "exits", "text": "安全出口、疏散通道堵塞", "severity": "major", "deadline_days": 1},
]


ITEMS_V2 = [*ITEMS_V1, {"code": "gas", "text": "液化气瓶", "severity": "critical"}]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def outbox(territory) -> int:
    return territory.store.query("SELECT count(*) AS n FROM outbox")[0]["n"]


def add_template(territory, version: int, items: list[dict[str, object]]) -> None:
    """Checklist ``shop`` at ``version`` in the territory's store."""
    write_template(territory.store, version, items)


def write_template(store, version: int, items: list[dict[str, object]]) -> None:
    """Checklist ``shop`` at ``version`` as the server would send it (not from this terminal)."""
    store.write(
        lambda tx: tx.insert(
            "checklist_template",
            {
                "id": f"shop-v{version}",
                "code": "shop",
                "version": version,
                "title": "小商铺、市场摊位",
                "items": items,
            },
            outbox=False,
        )
    )


def close(service: Hazards, hazard_id: str) -> None:
    """Rectified (with a photo), re-inspected passed and verified closed, each with a photo."""
    service.rectify(hazard_id, photos=(sha("rectified"),))
    service.reinspect(hazard_id, passed=True, photos=(sha("after"),))
    service.verify_close(hazard_id, photos=(sha("closing"),))


def run(service: Inspections, premises: str = "p-1", fail: tuple[str, ...] = ("wiring",)) -> str:
    """Start an inspection and answer every item of its template, failing ``fail``."""
    inspection = service.start(premises, "shop")
    for item in service.template_of(inspection.id).items:
        if item.code in fail:
            service.answer(inspection.id, item.code, "fail", note="插线板串接", photos=(sha("b"),))
        else:
            service.answer(inspection.id, item.code, "pass")
    return inspection.id


A = TicketAction


def new_ticket() -> Ticket:
    ticket, _ = Ticket.report(
        id="t",
        transition_id="t0",
        grid_id="g1",
        category="环境卫生",
        title="楼道堆物",
        reported_by="u",
        at=NOW,
    )
    return ticket


def step(ticket: Ticket, action: A, role: Role = Role.GRID_WORKER, **kw: object) -> Ticket:
    new, _ = ticket.apply(action, transition_id="x", by_user="u", role=role, at=NOW, **kw)
    return new


FIXTURES = Path(__file__).parent / "fixtures"


FIXTURE_PIN = "135790"


def copy_fixture(version: int, tmp_path: Path) -> Path:
    src = FIXTURES / f"schema_v{version}.db"
    dst = tmp_path / "old.db"
    shutil.copy(src, dst)
    shutil.copy(keys.keyfile_path(src), keys.keyfile_path(dst))
    return dst


def released_versions() -> list[int]:
    return sorted(int(p.stem.split("_v")[1]) for p in FIXTURES.glob("schema_v*.db"))


#: NOW is 2026-11-20 09:30 UTC = 17:30 in China: the report day is 2026-11-20.
DAY = "2026-11-20"


def _visit(session, hid: str, at: datetime, **fields) -> None:
    Visits(session).record(
        household_id=hid,
        visited_at=at,
        visit_type=fields.pop("visit_type", "routine"),
        outcome=fields.pop("outcome", "nothing_raised"),
        **fields,
    )


def insert_refused(store, household, field, value, server, op_id, by, grid="g1", at="08:00") -> str:
    """A conflict as a sync pulls it: the refused value, who wrote it, when."""
    cid = conflict_id(op_id, field)
    store.write(
        lambda tx: tx.execute(
            "INSERT INTO sync_conflict (id, entity, entity_id, field, grid_id, local_value,"
            " server_value, op_id, base_version, by_user, written_at, source, detected_at)"
            " VALUES (?, 'household', ?, ?, ?, ?, ?, ?, 1, ?, ?, 'server', ?)",
            (
                cid,
                household,
                field,
                grid,
                json.dumps(value, ensure_ascii=False),
                json.dumps(server, ensure_ascii=False),
                op_id,
                by,
                f"2026-11-20T{at}:00.000+00:00",
                "2026-11-20T09:00:00.000+00:00",
            ),
        )
    )
    return cid
