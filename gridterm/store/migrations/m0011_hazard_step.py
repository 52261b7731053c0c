"""Schema 11: a hazard's history as synced steps (``hazard_step``), like ticket_transition.

Until now a hazard's history was read from this terminal's outbox: other terminals' steps
were missing and pruned rows took theirs along. Existing hazards get their steps from what
is known on both sides alike: found (by the inspection's inspector, with the answer's
photos), escalated to its ticket (at the ticket's report), and the status it stands at
(``carried``: when and by whom unknown, the photos it gained since found). The server's
migration 0010 calls ``carried_steps`` too, so both sides hold the same step ids.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

#: The action of a step carried forward from before schema 11 (HazardAction.CARRIED).
CARRIED = "carried"


def carried_steps(
    hazard: Mapping[str, Any],
    *,
    inspector: str,
    before: list[str],
    escalated_at: str | None,
) -> list[dict[str, Any]]:
    """The steps known of a hazard recorded before steps were kept, oldest first.

    ``hazard`` is its row (``photos`` a list), ``before`` the failed answer's photos,
    ``escalated_at`` when its ticket was reported (None without one).
    """
    hid, status = hazard["id"], hazard["status"]

    def step(suffix: str, action: str, at: str, **more: Any) -> dict[str, Any]:
        base = {"from_status": None, "to_status": None, "by_user": "", "note": ""}
        return {"id": f"{hid}:{suffix}", "hazard_id": hid, "action": action, "at": at} | {
            **base,
            "photos": [],
            "party": "",
            "ticket_id": None,
            **more,
        }

    steps = [
        step("found", "found", hazard["found_at"], to_status="open", by_user=inspector,
             photos=list(before))
    ]  # fmt: skip
    if hazard.get("ticket_id") and escalated_at:
        steps.append(step("escalated", "escalate", escalated_at, ticket_id=hazard["ticket_id"]))
    if status != "open":
        after = [p for p in hazard["photos"] if p not in before]
        # when it got there is known only for a closed one: else just after the last known
        at = hazard.get("closed_at") or _just_after(escalated_at or hazard["found_at"])
        steps.append(step("carried", CARRIED, at, from_status="open", to_status=status,
                          photos=after))  # fmt: skip
    return steps


def _just_after(iso: str) -> str:
    """A second after ``iso``, so the carried step sorts after the steps it follows."""
    return (datetime.fromisoformat(iso) + timedelta(seconds=1)).isoformat()


def migrate(db: sqlite_utils.Database) -> None:
    """Add ``hazard_step`` and fill it from the hazards already here (no outbox rows: the
    server carries its own hazards forward the same way)."""
    db.execute(
        "CREATE TABLE hazard_step ("
        " id TEXT PRIMARY KEY, hazard_id TEXT NOT NULL REFERENCES hazard(id),"
        " action TEXT NOT NULL, from_status TEXT, to_status TEXT, by_user TEXT NOT NULL,"
        " at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', photos TEXT NOT NULL DEFAULT '[]',"
        " party TEXT NOT NULL DEFAULT '', ticket_id TEXT)"
    )
    db.execute("CREATE INDEX hazard_step_hazard ON hazard_step(hazard_id, at)")
    found = db.execute(
        "SELECT h.id, h.status, h.found_at, h.closed_at, h.photos, h.ticket_id,"
        " i.inspector_id, a.photos AS before, t.reported_at AS escalated_at FROM hazard h"
        " JOIN hazard_inspection i ON i.id = h.inspection_id"
        " LEFT JOIN checklist_answer a ON a.inspection_id = h.inspection_id"
        " AND a.item_code = h.item_code LEFT JOIN ticket t ON t.id = h.ticket_id"
    )
    names = [d[0] for d in found.description]
    for values in found.fetchall():
        row = dict(zip(names, values, strict=True))
        row["photos"] = json.loads(row["photos"] or "[]")
        for s in carried_steps(
            row,
            inspector=row["inspector_id"],
            before=json.loads(row["before"] or "[]"),
            escalated_at=row["escalated_at"],
        ):
            db.execute(
                "INSERT INTO hazard_step (id, hazard_id, action, from_status, to_status,"
                " by_user, at, note, photos, party, ticket_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (s["id"], s["hazard_id"], s["action"], s["from_status"], s["to_status"],
                 s["by_user"], s["at"], s["note"], json.dumps(s["photos"]), s["party"],
                 s["ticket_id"]),
            )  # fmt: skip
