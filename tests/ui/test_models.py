"""Every table model passes Qt's model tester, empty and with rows."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from gridterm.domain.deadlines import Due, DueKind
from gridterm.domain.residents import Gender, Relation, Resident
from gridterm.domain.territory import KeyReason
from gridterm.domain.tickets import Level, Ticket, TicketAction, TicketStatus, Transition
from gridterm.domain.users import Role, User
from gridterm.domain.visit_schedule import DueState
from gridterm.domain.visits import Concern, ConcernKind, Visit, VisitOutcome, VisitType
from gridterm.search.query import SearchHit
from gridterm.services.browse import BuildingRow, GridRow
from gridterm.services.deadlines import TicketLine
from gridterm.services.outbox_status import OutboxEntry
from gridterm.services.quarantine import QuarantinedRecord
from gridterm.services.register import HouseholdTile
from gridterm.services.sync_conflicts import SyncConflict
from gridterm.services.today import DueHousehold
from ui.models.due import DueModel
from ui.models.floors import FloorModel
from ui.models.outbox import ConflictModel, OutboxModel, QuarantineModel
from ui.models.residents import ResidentModel
from ui.models.search import SearchModel
from ui.models.territory import BuildingModel, GridModel
from ui.models.tickets import TicketModel
from ui.models.transitions import TransitionModel
from ui.models.visits import VisitModel

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
WORKER = User("u1", "w1", "王芳", Role.GRID_WORKER, "c1", "so", frozenset({"g1"}))
PART_TIMER = User("u2", "p1", "邓丽", Role.PART_TIME_WORKER, "c1", "so", frozenset({"g1"}))
RESIDENT = Resident(
    "r1",
    "h1",
    "王秀英",
    Gender.FEMALE,
    date(1941, 3, 2),
    Relation.HEAD,
    "420106194103021220",
    "13812345678",
    "高血压",
)
TICKET = Ticket(
    "t1", "g1", "物业管理", "楼道灯坏了", "", True, TicketStatus.REPORTED, Level.GRID, "u1", NOW
)

CASES = [
    (DueModel, [DueHousehold("h1", "3-2-501", "王秀英", (KeyReason.ELDERLY_ALONE,),
                             DueState.OVERDUE, 3, date(2026, 11, 10), 7)]),
    (GridModel, [GridRow("g1", "第一网格", "c1", "桃园社区", "residential")]),
    (BuildingModel, [BuildingRow("b1", "3", "", 6, "李伟", 24, 3)]),
    (SearchModel, [SearchHit("h1", "r1", "王秀英", "3-2-501", "initials", False),
                   SearchHit("h2", None, "", "3-2-502", "address", True)]),
    (VisitModel, [Visit("v1", "h1", "u1", NOW, VisitType.ROUTINE, ("王秀英",),
                        (Concern(ConcernKind.NEED, "加装电梯"),), "", VisitOutcome.SETTLED)]),
    (TicketModel, [TicketLine(TICKET, Due(DueKind.RESPOND, NOW)),
                   TicketLine(TICKET, None)]),
    (TransitionModel, [Transition("s1", "t1", TicketAction.REPORT, None, TicketStatus.REPORTED,
                                  None, Level.GRID, "u1", NOW)]),
    (OutboxModel, [OutboxEntry(1, "o1", "visit", "v1", "create", "rejected", NOW.isoformat(),
                               None, "grid reassigned")]),
    (QuarantineModel, [QuarantinedRecord(1, "o1", "household", "h1", "update",
                                         {"phone": "12345"}, "field.bad_phone", "bad phone",
                                         "phone", NOW.isoformat())]),
    (ConflictModel, [SyncConflict("c1", "household", "h1", "phone", "13800000000",
                                  "13900000000", "pull", NOW.isoformat())]),
]  # fmt: skip


@pytest.mark.parametrize(("model_class", "rows"), CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_row_models(qtmodeltester, qapp, model_class, rows) -> None:
    model = model_class()
    qtmodeltester.check(model)
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == len(rows)
    assert all(model.headerData(c, __import__("PySide6").QtCore.Qt.Orientation.Horizontal)
               for c in range(model.columnCount()))  # fmt: skip


def test_residents_are_masked_for_every_role_until_revealed(qtmodeltester, qapp) -> None:
    for user in (WORKER, PART_TIMER):
        model = ResidentModel(user, date(2026, 11, 20))
        model.set_rows([RESIDENT])
        qtmodeltester.check(model)
        assert model.index(0, ResidentModel.COL_PHONE).data() == "138****5678"
        assert model.index(0, ResidentModel.COL_ID).data() == "4201**********1220"
        assert model.index(0, ResidentModel.COL_AGE).data() == "85"
    worker = ResidentModel(WORKER, date(2026, 11, 20))
    worker.set_rows([RESIDENT])
    assert worker.may_reveal(RESIDENT, ResidentModel.COL_ID) == "id_number"
    assert worker.may_reveal(RESIDENT, ResidentModel.COL_NAME) is None
    worker.reveal(RESIDENT.id, "id_number")
    assert worker.index(0, ResidentModel.COL_ID).data() == "420106194103021220"
    assert worker.index(0, ResidentModel.COL_PHONE).data() == "138****5678"  # one field only
    assert worker.may_reveal(RESIDENT, ResidentModel.COL_ID) is None
    part_timer = ResidentModel(PART_TIMER, date(2026, 11, 20))
    assert part_timer.may_reveal(RESIDENT, ResidentModel.COL_ID) is None  # their role may not


def test_the_floor_grid(qtmodeltester, qapp) -> None:
    model = FloorModel()
    qtmodeltester.check(model)
    model.set_rows(
        [
            HouseholdTile("h1", "1", 5, "501", True, False, False, False, 1),
            HouseholdTile("h2", "1", 5, "502", False, True, False, False, 3),
            HouseholdTile("h3", "2", 6, "601", False, False, True, False, 0),
        ]
    )
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (2, 3)
    assert model.tile_at(1, 0).household_id == "h1"
    assert model.tile_at(0, 0) is None  # no room 601 in unit 1
