"""Report figures computed by the core from a small territory's records."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from gridterm.errors import NotFoundError, PermissionDeniedError, ValidationError
from gridterm.reports.masking import mask_household
from gridterm.reports.monthly import percentile
from gridterm.reports.period import parse_day, parse_month
from gridterm.reports.promise import first_response
from gridterm.reports.rows import StepRow, TicketRow
from gridterm.services.reports import Reports
from tests.conftest import NOW
from tests.core.helpers import (
    DAY,
    _visit,
)


def test_daily_log_per_worker_and_totals(worked) -> None:
    log = Reports(worked.session("s1")).daily(DAY)
    assert log.area.name == "桃园社区" and log.area.community == "桃园社区"
    w1 = next(d for d in log.workers if d.worker.worker_id == "w1")
    assert w1.activity.visits == 2 and w1.activity.key_visits == 1
    assert w1.activity.visits_by_type == {"key_group_care": 1, "routine": 1}
    assert w1.activity.concerns == 1
    assert w1.check_in is not None and w1.located
    assert w1.activity.steps["report"] == 1 and w1.activity.steps["accept"] == 1
    assert [v.address for v in w1.visit_lines] == ["3-2-501", "3-2-502"]
    (urgent,) = log.urgent_lines
    assert urgent.response.minutes == pytest.approx(5.0) and urgent.response.kept is True
    # g3 lies in the other community: its visit is not in c1's log
    assert log.totals.visits == 3 and log.checked_in == 1
    assert log.totals.promise_kept == 1


def test_daily_log_counts_the_areas_open_conflicts(worked) -> None:
    def refused(tx, cid, grid, status):
        tx.execute(
            "INSERT INTO sync_conflict (id, entity, entity_id, field, grid_id, local_value,"
            " server_value, source, status, detected_at) VALUES (?, 'household', 'h', 'notes',"
            " ?, '\"a\"', '\"b\"', 'server', ?, '2026-11-20T08:00:00+00:00')",
            (cid, grid, status),
        )

    worked.store.write(lambda tx: refused(tx, "c-1", "g1", "open"))
    worked.store.write(lambda tx: refused(tx, "c-2", "g2", "open"))
    worked.store.write(lambda tx: refused(tx, "c-3", "g1", "resolved"))
    worked.store.write(lambda tx: refused(tx, "c-4", "g3", "open"))  # the other community
    assert Reports(worked.session("s1")).daily(DAY).conflicts_open == 2
    assert Reports(worked.session("s1")).daily(DAY, "grid", "g2").conflicts_open == 1


def test_daily_log_refuses_bad_dates_and_areas(worked) -> None:
    reports = Reports(worked.session("s1"))
    with pytest.raises(ValidationError) as bad:
        reports.daily("2026-13-01")
    assert bad.value.code == "report.bad_date"
    with pytest.raises(ValidationError) as future:
        reports.daily("2026-11-21")
    assert future.value.code == "report.future_period"
    with pytest.raises(PermissionDeniedError) as outside:
        reports.daily(DAY, "community", "c2")
    assert outside.value.code == "report.area_outside"
    with pytest.raises(NotFoundError):
        reports.daily(DAY, "grid", "nope")
    with pytest.raises(PermissionDeniedError):
        Reports(worked.session("w1")).daily(DAY)  # grid workers have no reports
    assert Reports(worked.session("st1")).daily(DAY, "community", "c2").totals.visits == 1


def test_monthly_summary_coverage_concerns_tickets(worked) -> None:
    m = Reports(worked.session("s1")).monthly("2026-11")
    assert m.visits == 3 and m.visits_by_type["routine"] == 2
    # weekly visits for an elderly person living alone: 20 days so far ask for 2, one was made
    assert (m.coverage.households, m.coverage.covered) == (1, 0)
    (missed,) = m.coverage.missed
    assert (missed.required, missed.visits, missed.address) == (2, 1, "3-2-501")
    assert [(c.category, c.count, c.previous) for c in m.concerns] == [("物业管理", 1, 0)]
    t = m.tickets
    assert (t.reported, t.urgent, t.promise_kept, t.by_category) == (1, 1, 1, {"物业管理": 1})
    assert t.by_status == {"accepted": 1} and t.closed == 0 and t.mean_hours_to_close is None
    assert dict((g, n) for g, n, _ in m.visits_by_grid)["第一网格"] == 2
    assert len(m.visits_by_day) == 20 and m.visits_by_day[-1] == (date(2026, 11, 20), 3)


def test_report_masks_personal_data_per_role(worked) -> None:
    worked.store.write(
        lambda tx: tx.execute("UPDATE household SET phone = '13812345678' WHERE room = '501'")
    )
    shown = Reports(worked.session("s1")).monthly("2026-11").coverage.missed[0].phone
    assert shown == "13812345678"  # a supervisor may call the household (users.py)
    part_time = worked.session("p1").user
    assert mask_household(part_time, "王秀英", "13812345678") == ("王秀英", "138****5678")


def test_team_today_flags_who_has_not_checked_in(worked) -> None:
    team = Reports(worked.session("s1", NOW)).team()
    order = [(m.day.worker.worker_id, m.checked_in) for m in team.members]
    # whoever has not checked in comes first; w1 checked in and comes last
    assert order[-1] == ("w1", True) and ("w2", False) in order
    w1 = next(m for m in team.members if m.day.worker.worker_id == "w1")
    assert w1.checked_in and w1.open_tickets == 1 and w1.urgent_open == 1


def test_first_response_and_percentile() -> None:
    at = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    ticket = TicketRow("t", "g1", "c", "x", True, "reported", "grid", "u", at)
    late = [StepRow("t", "accept", "u", at + timedelta(minutes=12))]
    ten = timedelta(minutes=10)
    assert first_response(ticket, late, at + timedelta(hours=1), ten).kept is False
    assert first_response(ticket, late, at + timedelta(hours=1), 2 * ten).kept is True
    assert first_response(ticket, [], at + timedelta(minutes=3), ten).kept is None
    assert first_response(ticket, [], at + timedelta(minutes=11), ten).kept is False
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 0.9) == 9.0
    assert percentile([], 0.9) is None


def test_periods_parse_and_refuse() -> None:
    today = date(2026, 11, 20)
    assert parse_day("2026-11-20", today).utc_range() == (
        "2026-11-19T16:00:00.000+00:00",
        "2026-11-20T16:00:00.000+00:00",
    )
    assert parse_month("2026-02", today).days == 28
    for text in ("2026-11", "20261120", "", None):
        with pytest.raises(ValidationError):
            parse_day(text, today)
    for text in ("2026-12", "2026-1", "2026-00"):
        with pytest.raises(ValidationError):
            parse_month(text, today)


def test_coverage_bands_and_overdue_key_households() -> None:
    from gridterm.domain.territory import KeyReason
    from gridterm.reports.coverage import Band, band_of, tile_coverage

    assert [band_of(d) for d in (0, 7, 8, 30, 90, 91, None)] == [
        Band.WEEK, Band.WEEK, Band.MONTH, Band.MONTH, Band.QUARTER, Band.NONE, Band.NONE,
    ]  # fmt: skip
    today = date(2026, 11, 20)
    alone = frozenset({KeyReason.ELDERLY_ALONE})
    assert tile_coverage(alone, date(2026, 11, 10), today).overdue  # weekly, 10 days ago
    assert not tile_coverage(alone, date(2026, 11, 15), today).overdue
    assert not tile_coverage(frozenset(), None, today).overdue  # not a key household


def test_concerns_are_compared_with_last_month(worked) -> None:
    w1 = worked.session("w1", NOW - timedelta(days=30))
    concern = [{"kind": "complaint", "text": "电梯坏了", "category": "物业管理"}]
    for days in (25, 26):
        _visit(w1, "h-g1-502", NOW - timedelta(days=days), outcome="settled", concerns=concern)
    (line,) = Reports(worked.session("s1")).monthly("2026-11").concerns
    assert (line.category, line.count, line.previous, line.change) == ("物业管理", 1, 2, -1)
