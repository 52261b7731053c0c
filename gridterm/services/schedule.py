"""The round's to-do list: key households due or overdue for a visit (重点户走访提醒)."""

from __future__ import annotations

import json
from datetime import date, datetime

from gridterm.domain.territory import KeyReason
from gridterm.domain.visit_schedule import VisitDue, round_order, visit_due
from gridterm.services import office_settings
from gridterm.services.session import Session
from gridterm.store.reader import Reader


def due_visits(session: Session, today: date) -> list[VisitDue]:
    """Key households in the user's grids that are due or overdue on ``today``, in round order.

    One query over the user's grids with the latest visit per household; no full-table load.
    """

    def read(r: Reader) -> list[VisitDue]:
        grids = session.visible_grid_ids(r)
        if not grids:
            return []
        marks = ",".join("?" * len(grids))
        settings = office_settings.current(r)
        items = []
        for row in r.iter(
            f"SELECT h.id, h.key_reasons, (SELECT max(visited_at) FROM visit v "
            f"WHERE v.household_id = h.id) AS last FROM household h "
            f"WHERE h.grid_id IN ({marks}) AND h.key_reasons != '[]' AND NOT h.vacant",
            tuple(grids),
        ):
            reasons = frozenset(KeyReason(k) for k in json.loads(row["key_reasons"]))
            last = datetime.fromisoformat(row["last"]).date() if row["last"] else None
            due = visit_due(row["id"], reasons, last, today, settings)
            if due is not None:
                items.append(due)
        return round_order(items)

    return session.store.read(read)
