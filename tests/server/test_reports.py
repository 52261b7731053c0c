"""``GET /v1/reports/daily|monthly`` against the real server: scope, formats, streaming,
refusals, the export recorded; ``gridterm-server report`` on the same database."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

import openpyxl
import pypdf
import pytest
from sqlalchemy import select

from sync.server.cli import main as server_main
from sync.server.db import schema
from tests.clock import local_day, work_moment
from tests.server.helpers import build_district, op, ticket_fields, visit_fields

#: when the district's work happened; its local day is the day every test here reports
AT = work_moment()
TODAY = local_day(AT)
MONTH = TODAY[:7]


@pytest.fixture
def district(server):
    """A district where the grid worker of g1 visited two households today and reported an
    urgent ticket that was accepted four minutes later."""
    d = build_district(server.url, server.engine)
    worker = d.client("grid_worker")
    uid = d.user_id("grid_worker")
    reported = AT - timedelta(minutes=30)
    visited = AT.isoformat(timespec="milliseconds")
    ops = [
        op("visit", f["id"], f, seq=i + 1)
        for i, f in enumerate(
            visit_fields(h, uid, visited_at=visited) for h in d.households["g1"][:2]
        )
    ]
    tid = f"t-{d.tag}"
    ops.append(
        op(
            "ticket",
            tid,
            {
                "id": tid,
                **ticket_fields(d.grids["g1"], uid, urgent=1, reported_at=reported.isoformat()),
            },
            seq=3,
        )
    )
    for n, (action, minutes, before) in enumerate(
        (("report", 0, None), ("accept", 4, "reported")), start=4
    ):
        at = (reported + timedelta(minutes=minutes)).isoformat(timespec="milliseconds")
        sid = f"s{n}-{d.tag}"
        ops.append(op("ticket_transition", sid, _step(sid, tid, action, before, uid, at), seq=n))
    r = worker.push(ops)
    assert r.status_code == 200, r.text
    assert r.json()["others_applied"] or all(
        x["status"] in ("applied",) for x in r.json()["results"]
    ), r.text
    return d


def _step(sid: str, tid: str, action: str, before: str | None, uid: str, at: str) -> dict:
    return {
        "id": sid,
        "ticket_id": tid,
        "action": action,
        "from_status": before,
        "to_status": "accepted" if before else "reported",
        "from_level": "grid" if before else None,
        "to_level": "grid",
        "by_user": uid,
        "at": at,
        "note": "",
        "department": "",
        "photo": None,
    }


def test_supervisor_gets_the_daily_log_of_the_community_as_json(district) -> None:
    boss = district.client("community_supervisor")
    r = boss.http.get("/v1/reports/daily", params={"date": TODAY}, headers=boss.auth)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["area"]["id"] == district.community["A"] and data["totals"]["visits"] == 2
    (line,) = data["urgent_tickets"]
    assert line["kept"] is True and line["response_minutes"] == pytest.approx(4.0, abs=0.01)
    worker = next(w for w in data["workers"] if w["worker_id"] == district.workers["grid_worker"])
    assert worker["visits"] == 2 and worker["last_sync"] is not None


def test_files_in_every_format_stream_back(district, tmp_path: Path) -> None:
    boss = district.client("street_staff")
    base = {"month": MONTH, "community": district.community["A"]}
    xlsx = boss.http.get(
        "/v1/reports/monthly", params={**base, "format": "xlsx"}, headers=boss.auth
    )
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx.headers["content-type"]
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames[0] == "汇总" and sum(len(ws._charts) for ws in book.worksheets) >= 4
    pdf = boss.http.get(
        "/v1/reports/monthly", params={**base, "format": "pdf", "lang": "en"}, headers=boss.auth
    )
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = pypdf.PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Monthly summary" in text and "Page 1 of" in text
    csv = boss.http.get(
        "/v1/reports/daily", params={"date": TODAY, "format": "csv"}, headers=boss.auth
    )
    assert csv.status_code == 200 and csv.headers["content-type"] == "application/zip"
    assert "attachment" in csv.headers["content-disposition"]


def test_refusals(district) -> None:
    worker = district.client("grid_worker")
    r = worker.http.get("/v1/reports/daily", params={"date": TODAY}, headers=worker.auth)
    assert (r.status_code, r.json()["error"]["code"]) == (403, "report.role_not_allowed")
    boss = district.client("community_supervisor")
    cases = [
        ({"date": TODAY, "community": district.community["B"]}, 403, "report.area_outside"),
        ({"date": TODAY, "grid": district.grids["g3"]}, 403, "report.area_outside"),
        ({"date": "2099-01-01"}, 422, "report.future_period"),
        ({"date": "20-11-2026"}, 422, "report.bad_date"),
        ({"date": TODAY, "format": "docx"}, 422, "report.bad_format"),
        ({"date": TODAY, "grid": "nope"}, 404, "report.area_unknown"),
        (
            {"date": TODAY, "grid": district.grids["g1"], "community": district.community["A"]},
            422,
            "report.bad_area",
        ),
    ]
    for params, status, code in cases:
        r = boss.http.get("/v1/reports/daily", params=params, headers=boss.auth)
        assert (r.status_code, r.json()["error"]["code"]) == (status, code), params
    assert boss.http.get("/v1/reports/daily", params={"date": TODAY}).status_code == 401


def test_exports_are_recorded(server, district) -> None:
    boss = district.client("community_supervisor")
    boss.http.get(
        "/v1/reports/monthly", params={"month": MONTH, "format": "json"}, headers=boss.auth
    )
    with server.engine.connect() as conn:
        rows = conn.execute(
            select(schema.report_export).where(
                schema.report_export.c.user_id == district.user_id("community_supervisor")
            )
        ).all()
    assert [(r.kind, r.format, r.via, r.period) for r in rows] == [
        ("monthly", "json", "api", MONTH)
    ]
    assert rows[0].bytes > 100 and rows[0].device_id == boss.device_id


def test_reports_are_in_the_openapi_document(server) -> None:
    doc = json.loads(server.client().http.get("/openapi.json").text)
    assert {"/v1/reports/daily", "/v1/reports/monthly"} <= set(doc["paths"])
    params = {p["name"] for p in doc["paths"]["/v1/reports/daily"]["get"]["parameters"]}
    assert {"date", "grid", "community", "street", "format", "lang"} <= params


def test_server_cli_writes_the_report(server, district, tmp_path: Path, capsys) -> None:
    db = str(server.engine.url.render_as_string(hide_password=False))
    out = tmp_path / "daily.json"
    args = ["report", "daily", "--db", db, "--date", TODAY, "--community", district.community["A"],
            "--format", "json", "--out", str(out)]  # fmt: skip
    assert server_main(args) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["totals"]["visits"] == 2
    bad = ["report", "monthly", "--db", db, "--month", "2099-01", "--street", "x",
           "--format", "pdf", "--out", str(tmp_path / "m.pdf")]  # fmt: skip
    assert server_main(bad) == 2
    assert "report.area_unknown" in capsys.readouterr().err and not (tmp_path / "m.pdf").exists()
