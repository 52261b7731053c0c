"""JSON of the same figures, for the 12345 hotline and other platforms (与12345平台信息共享).

Codes, not labels (``visit_type: "routine"``), times in ISO 8601 with their offset, and a
``schema`` naming the shape; ``gridterm/reports/schemas/*.schema.json`` describe it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gridterm.reports.daily import Activity, DailyLog, WorkerDay
from gridterm.reports.monthly import MonthlySummary
from gridterm.reports.rows import Area

DAILY_SCHEMA = "gridterm.report.daily/1"
MONTHLY_SCHEMA = "gridterm.report.monthly/1"


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def _area(area: Area) -> dict[str, Any]:
    return {
        "level": area.level.value,
        "id": area.id,
        "name": area.name,
        "street_office": area.street_office,
        "community": area.community,
        "grids": [{"id": k, "name": v} for k, v in area.grid_names.items()],
    }


def _activity(a: Activity) -> dict[str, Any]:
    return {
        "visits": a.visits,
        "key_visits": a.key_visits,
        "visits_by_type": a.visits_by_type,
        "concerns": a.concerns,
        "ticket_steps": a.steps,
        "urgent": a.urgent,
        "promise_kept": a.promise_kept,
        "hazards_found": a.hazards_found,
        "hazards_closed": a.hazards_closed,
        "photos": a.photos,
    }


def _worker(d: WorkerDay) -> dict[str, Any]:
    w = d.worker
    return {
        "user_id": w.id,
        "worker_id": w.worker_id,
        "name": w.name,
        "role": w.role,
        "check_in": _iso(d.check_in),
        "check_out": _iso(d.check_out),
        "located": d.located,
        "last_sync": _iso(w.last_sync),
        **_activity(d.activity),
        "visit_list": [
            {
                "at": _iso(v.at),
                "address": v.address,
                "visit_type": v.visit_type,
                "outcome": v.outcome,
                "key": v.key,
                "concerns": v.concerns,
            }
            for v in d.visit_lines
        ],
    }


def daily_json(log: DailyLog) -> dict[str, Any]:
    """The daily log as a JSON-ready dict."""
    return {
        "schema": DAILY_SCHEMA,
        "area": _area(log.area),
        "date": log.period.label(),
        "generated_at": _iso(log.generated_at),
        "data_as_of": _iso(log.data_as_of),
        "checked_in": log.checked_in,
        "conflicts_open": log.conflicts_open,
        "totals": _activity(log.totals),
        "workers": [_worker(d) for d in log.workers],
        "urgent_tickets": [
            {
                "ticket_id": u.ticket_id,
                "title": u.title,
                "grid": u.grid,
                "reported_at": _iso(u.response.reported_at),
                "accepted_at": _iso(u.response.accepted_at),
                "response_minutes": u.response.minutes,
                "kept": u.response.kept,
            }
            for u in log.urgent_lines
        ],
    }


def monthly_json(m: MonthlySummary) -> dict[str, Any]:
    """The monthly summary as a JSON-ready dict."""
    t, h, c = m.tickets, m.hazards, m.coverage
    return {
        "schema": MONTHLY_SCHEMA,
        "area": _area(m.area),
        "month": m.period.label(),
        "generated_at": _iso(m.generated_at),
        "data_as_of": _iso(m.data_as_of),
        "visits": {
            "total": m.visits,
            "key": m.key_visits,
            "by_type": m.visits_by_type,
            "by_grid": [{"grid": g, "visits": n, "key": k} for g, n, k in m.visits_by_grid],
            "by_day": [{"day": _iso(d), "visits": n} for d, n in m.visits_by_day],
        },
        "key_household_coverage": {
            "households": c.households,
            "covered": c.covered,
            "share": c.share,
            "missed": [
                {
                    "address": x.address,
                    "grid": x.grid,
                    "reasons": list(x.reasons),
                    "head": x.head,
                    "phone": x.phone,
                    "required": x.required,
                    "visits": x.visits,
                    "last_visit": _iso(x.last_visit),
                }
                for x in c.missed
            ],
        },
        "concerns": [
            {"category": x.category, "count": x.count, "previous": x.previous, "change": x.change}
            for x in m.concerns
        ],
        "tickets": {
            "reported": t.reported,
            "by_category": t.by_category,
            "by_level": t.by_level,
            "by_status": t.by_status,
            "escalated": t.escalated,
            "escalation_share": t.escalation_share,
            "closed": t.closed,
            "mean_hours_to_close": t.mean_hours_to_close,
            "p90_hours_to_close": t.p90_hours_to_close,
            "overdue": t.overdue,
            "urgent": t.urgent,
            "promise_kept": t.promise_kept,
            "promise_share": t.promise_share,
        },
        "hazards": {
            "found": h.found,
            "eliminated": h.eliminated,
            "open_overdue": h.open_overdue,
            "by_kind": [
                {"kind": x.name, "found": x.found, "eliminated": x.eliminated} for x in h.by_kind
            ],
            "by_market": [
                {"market": x.name, "found": x.found, "eliminated": x.eliminated}
                for x in h.by_market
            ],
        },
    }


def write_json(data: dict[str, Any], path: Path) -> None:
    """Write the dict as UTF-8 JSON (Chinese as it is, not escaped)."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
