"""The market inspector's table models (premises, markets, hazards, inspections, the floor
plan and its filter) through Qt's model tester, and what their cells say."""

from __future__ import annotations

from datetime import date

from gridterm.domain.inspections import Severity
from gridterm.domain.territory import Premises
from gridterm.services.hazards import HazardLine
from gridterm.services.premises import MarketSummary, PremisesStatus
from ui.models.hazards import HazardModel, HazardRow, MarketModel
from ui.models.premises import (
    InspectionModel,
    PremisesFilter,
    PremisesGridModel,
    PremisesModel,
    premises_state,
)

PREMISES = Premises("p1", "m1", "鑫源五金", "王老板", "LIC101", "13800138000", "五金", "A", "1",
                 "3", "A1-03-05")  # fmt: skip


def test_the_market_models_pass_the_model_tester(qtmodeltester, qapp) -> None:
    from datetime import UTC, datetime

    from gridterm.domain.hazards import Hazard, HazardStatus
    from gridterm.domain.inspections import HazardInspection
    from gridterm.services.premises import InspectionLine

    now = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    statuses = [
        PremisesStatus(PREMISES, 2, Severity.MAJOR, True, 1),
        PremisesStatus(
            Premises("p2", "m1", "宏达电料", number="A1-03-06", building="A", floor="1", row="3"),
            0,
            None,
            False,
            0,
        ),
        PremisesStatus(Premises("p3", "m1", "无位置小店"), 1, Severity.MINOR, False, 1),
    ]
    hazard = Hazard("h1", "i1", "p1", "m1", "wiring", Severity.CRITICAL, date(2026, 11, 18),
                    "王老板", "私拉乱接电线\n插线板串接", HazardStatus.OPEN, now)  # fmt: skip
    cases = [
        (PremisesModel(), statuses),
        (MarketModel(), [MarketSummary("m1", "机电五金城", "桃园社区", 40, 6, 11, 3)]),
        (HazardModel(today=date(2026, 11, 20)), [HazardRow(HazardLine(hazard, True), PREMISES)]),
        (
            InspectionModel(),
            [InspectionLine(HazardInspection("i1", "p1", "m1", "u1", "shop", 1, now), "张巡查", 2)],
        ),
    ]
    for model, rows in cases:
        qtmodeltester.check(model)
        model.set_rows(rows)
        qtmodeltester.check(model)
        assert model.rowCount() == len(rows)
    assert [premises_state(s) for s in statuses] == ["overdue", "clear", "rectifying"]
    hazards = cases[2][0]
    assert hazards.index(0, HazardModel.COL_DEADLINE).data().endswith("2 days overdue") or (
        "逾期 2 天" in hazards.index(0, HazardModel.COL_DEADLINE).data()
    )
    assert hazards.index(0, HazardModel.COL_HAZARD).data() == "私拉乱接电线"

    grid = PremisesGridModel()
    qtmodeltester.check(grid)
    grid.set_rows(statuses)
    qtmodeltester.check(grid)
    assert (grid.rowCount(), grid.columnCount()) == (2, 2)  # row A1-3, and "no location"
    assert grid.premises_at(0, 1).premises.id == "p2" and grid.premises_at(1, 1) is None
    assert grid.index(0, 0).data() == "05"

    proxy = PremisesFilter()
    proxy.setSourceModel(cases[0][0])
    qtmodeltester.check(proxy)
    for text, count in (("", 3), ("王老", 1), ("lic10", 1), ("A1-03", 2), ("%", 0)):
        proxy.set_text(text)
        assert proxy.rowCount() == count, text
