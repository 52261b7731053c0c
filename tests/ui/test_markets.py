"""The market inspector's screens on the demo database: market list and floor plan, search,
a stall's detail, adding and editing stalls, the hazards list and the month's figures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gridterm.demo import checklist
from gridterm.services.hazards import Hazards
from gridterm.services.inspections import Inspections
from gridterm.services.premises import PremisesRegister
from gridterm.services.session import Session
from tests.ui.conftest import (
    DEMO_INSPECTOR,
    click_row,
    log_in,
    open_tab,
    tap,
    type_text,
    wait_idle,
)
from tests.ui.helpers import open_market
from tests.ui.layout import problems
from tests.ui.texts import untranslated, visible_texts
from tests.ui.tours import inspector_tour
from ui.models.base import ROW_ROLE
from ui.models.hazards import HazardModel
from ui.models.premises import (
    PremisesModel,
    premises_state,
)


def core(window) -> tuple[Session, PremisesRegister, Inspections]:
    """The core services of the logged-in inspector, to compare the screens with."""
    session = window.workspace.session
    return session, PremisesRegister(session), Inspections(session)


def test_the_inspector_has_market_and_hazards_instead_of_today_and_register(
    qtbot, demo_window
) -> None:
    open_market(qtbot, demo_window)
    shell = demo_window.shell
    assert list(shell.nav.buttons) == [
        "markets",
        "hazards",
        "tickets",
        "report",
        "sync",
        "settings",
    ]
    assert shell.nav.buttons["markets"].text() == "市场"


def test_browse_the_market_as_list_and_floor_plan_search_and_open_a_stall(
    qtbot, demo_window
) -> None:
    window = demo_window
    market = open_market(qtbot, window)
    _, register, _ = core(window)
    (summary,) = register.markets()
    statuses = register.market(summary.grid_id)
    assert window.shell.top.title.text() == summary.name
    assert market.model.rows() == statuses
    assert market.summary.text() == (
        f"共 {summary.premises} 户 · 已上报 {summary.open} · 整改中 {summary.rectifying}"
        f" · 逾期 {summary.overdue}"
    )

    # Floor plan: every stall is a tile in its market row; a tile says its state in words.
    tap(qtbot, market.view_choice.buttons["grid"])
    assert market.pages.currentWidget() is market.grid
    grid = market.grid_model
    assert sorted(s.premises.id for s in grid.premises) == sorted(s.premises.id for s in statuses)
    overdue = next(s for s in statuses if s.overdue)
    row, column = grid.cell_of(overdue.premises.id)
    assert (
        grid.index(row, column)
        .data(Qt.ItemDataRole.AccessibleTextRole)
        .startswith(f"{overdue.premises.number} · {overdue.premises.name} · 逾期")
    )
    assert grid.headerData(0, Qt.Orientation.Vertical) == "A栋\n1层\n1排"
    rect = market.grid.visualRect(grid.index(row, column))
    market.grid.scrollTo(grid.index(row, column))
    rect = market.grid.visualRect(grid.index(row, column))
    qtbot.mouseClick(market.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.shell.top_screen().objectName() == "premises")
    detail = window.shell.top_screen()
    qtbot.waitUntil(lambda: detail.data is not None)
    assert detail.premises_id == overdue.premises.id
    qtbot.mouseClick(window.shell.top.back, Qt.MouseButton.LeftButton)
    assert window.shell.top_screen() is market

    # Search as you type (from the floor plan it switches to the list): by licence digits…
    licence = statuses[3].premises.licence_no
    qtbot.keyClicks(market.search_box, licence[-6:])
    assert market.pages.currentIndex() == 0
    found = [market.filter.index(r, 0).data(ROW_ROLE) for r in range(market.filter.rowCount())]
    assert statuses[3] in found
    assert all(licence[-6:] in s.premises.licence_no or licence[-6:] in s.premises.number
               for s in found)  # fmt: skip
    # …and by the operator's name, typed through the input method.
    market.search_box.clear()
    operator = statuses[5].premises.operator
    type_text(qtbot, market.search_box, operator)
    expected = [
        s for s in statuses if operator in s.premises.operator or operator in s.premises.name
    ]
    assert market.filter.rowCount() == len(expected) >= 1
    market.search_box.clear()
    type_text(qtbot, market.search_box, "没有这个摊位")
    assert market.filter.rowCount() == 0
    assert market.empty.isVisible() and market.empty.text() == "没有符合条件的商户。"
    market.search_box.clear()
    assert market.filter.rowCount() == len(statuses)

    # A stall from the list: its details, hazards and inspections as the core has them.
    first = statuses[0]
    click_row(qtbot, market.table, 0, PremisesModel.COL_NAME)
    qtbot.waitUntil(lambda: window.shell.top_screen().objectName() == "premises")
    detail = window.shell.top_screen()
    qtbot.waitUntil(lambda: detail.data is not None)
    p = first.premises
    assert window.shell.top.title.text() == f"{p.number} {p.name}"
    assert detail.where.text() == f"{p.building}栋 {p.floor}层 {p.row}排 · 摊位 {p.number}"
    assert detail.values["operator"].text() == p.operator
    assert detail.values["licence_no"].text() == p.licence_no
    inspections = register.inspections(p.id)
    assert detail.tabs.tabText(1) == f"巡查记录（{len(inspections)}）"
    assert [r.inspection.id for r in detail.inspection_model.rows()] == [
        i.inspection.id for i in inspections
    ]
    assert detail.tabs.tabText(0) == f"未销号隐患（{first.open_hazards}）"


def test_start_or_resume_an_inspection_and_open_a_hazard_from_a_stall(qtbot, demo_window) -> None:
    window = demo_window
    market = open_market(qtbot, window)
    _, register, inspections = core(window)
    asked: list[tuple[str, ...]] = []
    # The inspection and hazard screens belong to their own module and tests.
    window.shell.start_inspection = lambda pid, iid=None: asked.append(("inspect", pid, iid))
    window.shell.open_hazard = lambda hid: asked.append(("hazard", hid))
    with_hazards = next(s for s in market.model.rows() if s.open_hazards)
    window.shell.open_premises(with_hazards.premises.id)
    detail = window.shell.top_screen()
    qtbot.waitUntil(lambda: detail.data is not None)
    assert detail.inspect_button.text() == "开始巡查"
    tap(qtbot, detail.inspect_button)
    assert asked == [("inspect", with_hazards.premises.id, None)]

    open_lines = register.open_hazards(with_hazards.premises.id)
    assert [r.line for r in detail.hazard_model.rows()] == open_lines
    click_row(qtbot, detail.hazard_table, 0, HazardModel.COL_HAZARD)
    assert asked[-1] == ("hazard", open_lines[0].hazard.id)

    # A paused inspection of this stall is resumed, not started again.
    running = inspections.start(with_hazards.premises.id, checklist.CODE)
    # The inspector comes back to the stall from another section.
    open_tab(qtbot, window, "hazards")
    open_tab(qtbot, window, "markets")
    assert window.shell.top_screen() is detail
    qtbot.waitUntil(lambda: detail.inspect_button.text() == "继续巡查")
    tap(qtbot, detail.inspect_button)
    assert asked[-1] == ("inspect", with_hazards.premises.id, running.id)


def test_add_a_stall_then_an_edit_with_a_bad_phone_saves_nothing(qtbot, demo_window) -> None:
    window = demo_window
    market = open_market(qtbot, window)
    store = window.workspace.store
    before = len(market.model.rows())
    tap(qtbot, market.add_button)
    edit = window.shell.top_screen()
    assert edit.objectName() == "premisesEdit"
    assert window.shell.top.title.text() == "新增商户"
    type_text(qtbot, edit.inputs["name"], "永安汽配")
    type_text(qtbot, edit.inputs["operator"], "李建国")
    qtbot.keyClicks(edit.inputs["contact_phone"], "12345")
    for field, value in (("building", "B"), ("floor", "2"), ("row", "4"), ("number", "B2-04-01")):
        qtbot.keyClicks(edit.inputs[field], value)
    outbox = store.query("SELECT count(*) AS n FROM outbox")[0]["n"]
    tap(qtbot, edit.save)
    errors = edit.form.field_errors
    qtbot.waitUntil(lambda: errors["contact_phone"].text() != "")
    assert errors["contact_phone"].text() == "联系电话不是有效的电话号码（11 位手机号或座机号）。"
    assert edit.inputs["contact_phone"].hasFocus()
    assert store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == outbox
    assert store.query("SELECT count(*) AS n FROM premises WHERE name = '永安汽配'")[0]["n"] == 0

    edit.inputs["contact_phone"].clear()
    qtbot.keyClicks(edit.inputs["contact_phone"], "13900001111")
    # A stall's name is not a person's: the message says which name is missing.
    edit.inputs["name"].clear()
    tap(qtbot, edit.save)
    qtbot.waitUntil(lambda: errors["name"].text() == "请填写店铺或摊位名称。")
    assert edit.inputs["name"].hasFocus()
    type_text(qtbot, edit.inputs["name"], "永安汽配")
    tap(qtbot, edit.save)
    qtbot.waitUntil(lambda: window.shell.top_screen() is market)
    qtbot.waitUntil(lambda: len(market.model.rows()) == before + 1)
    added = next(s for s in market.model.rows() if s.premises.name == "永安汽配")
    assert (added.premises.operator, added.premises.number, premises_state(added)) == (
        "李建国",
        "B2-04-01",
        "clear",
    )
    assert (
        market.grid_model.headerData(
            market.grid_model.cell_of(added.premises.id)[0], Qt.Orientation.Vertical
        )
        == "B栋\n2层\n4排"
    )

    # Correcting it: a bad phone is explained and changes nothing.
    window.shell.open_premises(added.premises.id)
    detail = window.shell.top_screen()
    qtbot.waitUntil(lambda: detail.data is not None)
    tap(qtbot, detail.edit_button)
    edit = window.shell.top_screen()
    qtbot.waitUntil(lambda: edit.premises is not None)
    assert edit.inputs["name"].text() == "永安汽配"
    edit.inputs["contact_phone"].clear()
    qtbot.keyClicks(edit.inputs["contact_phone"], "555")
    edit.inputs["operator"].clear()
    type_text(qtbot, edit.inputs["operator"], "王老板")
    outbox = store.query("SELECT count(*) AS n FROM outbox")[0]["n"]
    tap(qtbot, edit.save)
    qtbot.waitUntil(lambda: edit.form.field_errors["contact_phone"].text() != "")
    assert "联系电话" in edit.form.field_errors["contact_phone"].text()
    stored = PremisesRegister(window.workspace.session).get(added.premises.id)
    assert (stored.operator, stored.contact_phone) == ("李建国", "13900001111")
    assert store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == outbox

    edit.inputs["contact_phone"].clear()
    qtbot.keyClicks(edit.inputs["contact_phone"], "13900001111")
    assert edit.changes() == {"operator": "王老板"}
    tap(qtbot, edit.save)
    qtbot.waitUntil(lambda: window.shell.top_screen() is detail)
    qtbot.waitUntil(lambda: detail.values["operator"].text() == "王老板")
    last = store.query("SELECT op, fields FROM outbox WHERE entity = 'premises' ORDER BY seq")[-1]
    assert (last["op"], last["fields"]) == ("update", '{"operator": "王老板"}')


def test_hazards_by_deadline_overdue_flagged_and_the_month_figures(qtbot, demo_window) -> None:
    window = demo_window
    open_market(qtbot, window)
    session, register, _ = core(window)
    hazards = Hazards(session)
    opened: list[str] = []
    window.shell.open_hazard = opened.append
    screen = open_tab(qtbot, window, "hazards")
    qtbot.waitUntil(lambda: screen.data is not None)
    lines = hazards.my_open_hazards()
    rows = screen.model.rows()
    assert [r.line for r in rows] == lines
    deadlines = [r.line.hazard.deadline for r in rows]
    assert deadlines == sorted(deadlines)
    danger = window.ctx.theme.color("danger")
    overdue = [i for i, r in enumerate(rows) if r.line.overdue]
    assert overdue and len(overdue) < len(rows)  # the demo has both
    for i, r in enumerate(rows):
        cell = screen.model.index(i, HazardModel.COL_DEADLINE)
        assert ("逾期" in cell.data()) is r.line.overdue
        assert (cell.data(Qt.ItemDataRole.ForegroundRole) == danger) is r.line.overdue
        assert screen.model.index(i, HazardModel.COL_PREMISES).data().endswith(r.premises.name)
    assert screen.overdue.text() == f"{len(overdue)} 处隐患已超过整改期限"

    now = session.now().astimezone()
    figures = hazards.month_figures(now.year, now.month)
    assert screen.figures.text() == (
        f"发现隐患 {figures.found} 处，已整改销号 {figures.eliminated} 处"
    )
    assert screen.market_model.rows() == register.markets()

    click_row(qtbot, screen.table, 0, HazardModel.COL_HAZARD)
    assert opened == [lines[0].hazard.id]
    click_row(qtbot, screen.market_table, 0)
    qtbot.waitUntil(lambda: window.shell.top_screen().objectName() == "market")
    market = window.shell.top_screen()
    qtbot.waitUntil(lambda: market.data is not None)
    assert market.model.rowCount() == register.markets()[0].premises


def test_a_supervisor_follows_the_hazards_but_keeps_the_register(qtbot, demo_window) -> None:
    log_in(qtbot, demo_window, "S0001")
    buttons = list(demo_window.shell.nav.buttons)
    assert buttons[:3] == ["today", "register", "hazards"]
    screen = open_tab(qtbot, demo_window, "hazards")
    qtbot.waitUntil(lambda: screen.data is not None)
    assert screen.market_model.rowCount() == 1


@pytest.mark.parametrize("size", [(1280, 800), (800, 1280)], ids=["landscape", "portrait"])
def test_the_inspector_screens_are_translated_and_fit_the_tablet(qtbot, demo_window, size) -> None:
    demo_window.resize(*size)
    log_in(qtbot, demo_window, DEMO_INSPECTOR)
    seen, bad = [], []
    for name, _screen in inspector_tour(demo_window, lambda ok: qtbot.waitUntil(ok, timeout=5000)):
        seen.append(name)
        QApplication.processEvents()
        assert (demo_window.width(), demo_window.height()) == size, name
        bad += [(name, *b) for b in untranslated(visible_texts(demo_window))]
        bad += [(name, p) for p in problems(demo_window)]
    assert seen == [
        "market",
        "market_grid",
        "premises",
        "premises_edit",
        "hazards",
        "inspector_alerts",
    ]
    assert bad == []
    wait_idle(qtbot, demo_window)


def test_from_a_stall_into_its_inspection_and_from_the_hazards_list_into_a_hazard(
    qtbot, demo_window
) -> None:
    """The market screens open the real inspection and hazard screens (no stand-ins)."""
    window = demo_window
    market = open_market(qtbot, window)
    _, _, inspections = core(window)
    status = next(s for s in market.model.rows() if not s.open_hazards)
    window.shell.open_premises(status.premises.id)
    detail = window.shell.top_screen()
    qtbot.waitUntil(lambda: detail.data is not None)
    tap(qtbot, detail.inspect_button)
    screen = window.shell.top_screen()
    assert screen.objectName() == "inspection"
    qtbot.waitUntil(lambda: bool(screen.cards))
    before = len(inspections.answers(screen.inspection_id)) if screen.inspection_id else 0
    unanswered = next(c for c in screen.cards.values() if c.value() is None)
    tap(qtbot, unanswered.result.buttons["pass"])
    qtbot.waitUntil(lambda: len(inspections.answers(screen.inspection_id)) == before + 1)
    # Back to the stall: the paused inspection is offered for resuming.
    tap(qtbot, window.shell.top.back)
    assert window.shell.top_screen() is detail
    qtbot.waitUntil(lambda: detail.inspect_button.text() == "继续巡查")

    hazards = open_tab(qtbot, window, "hazards")
    qtbot.waitUntil(lambda: hazards.data is not None)
    first_line = hazards.model.rows()[0].line
    click_row(qtbot, hazards.table, 0, HazardModel.COL_HAZARD)
    detail = window.shell.top_screen()
    assert detail.objectName() == "hazardDetail"
    qtbot.waitUntil(lambda: detail.data is not None)
    assert detail.data.hazard.id == first_line.hazard.id
    wait_idle(qtbot, window)
