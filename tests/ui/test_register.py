"""Register: grid → building → floor-by-room tiles → household; search as you type; edits."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from tests.ui.conftest import click_row, log_in, open_tab, type_text, wait_idle
from tests.ui.helpers import open_building, open_household
from ui.models.floors import tile_description


def test_the_building_shows_every_household_with_its_symbols(qtbot, window) -> None:
    log_in(qtbot, window)
    building = open_building(qtbot, window)
    assert window.shell.top.title.text() == "3栋"
    tiles = {t.room: tile_description(t) for t in building.model.tiles}
    assert tiles == {
        "501": "501 · 重点户",
        "502": "502 · 党员",
        "601": "601 · 空置",
        "602": "602 · 出租",
    }
    # Top floor first: row 0 is floor 6.
    assert building.model.headerData(0, Qt.Orientation.Vertical) == "6层"


def test_a_tile_opens_the_household_masked_and_a_tap_reveals_one_field(qtbot, window) -> None:
    log_in(qtbot, window)
    building = open_building(qtbot, window)
    click_row(qtbot, building.view, 1, 0)  # floor 5, first room: 501
    qtbot.waitUntil(lambda: window.shell.top_screen().objectName() == "household")
    household = window.shell.top_screen()
    qtbot.waitUntil(lambda: household.data is not None)
    assert window.shell.top.title.text() == "住户 3-2-501"
    assert household.resident_model.rowCount() == 1
    model, table = household.resident_model, household.resident_table
    assert model.index(0, model.COL_ID).data() == "4201**********1220"  # even a grid worker
    assert model.index(0, model.COL_PHONE).data() == "138****5678"
    assert not window.workspace.store.query("SELECT * FROM personal_data_reveal")
    table.scrollTo(model.index(0, model.COL_ID))
    click_row(qtbot, table, 0, model.COL_ID)  # the tap reveals, it does not open the resident
    qtbot.waitUntil(lambda: model.index(0, model.COL_ID).data() == "420106194103021220")
    assert window.shell.top_screen() is household
    assert model.index(0, model.COL_PHONE).data() == "138****5678"
    (reveal,) = window.workspace.store.query("SELECT * FROM personal_data_reveal")
    assert (reveal["record"], reveal["record_id"], reveal["field"]) == (
        "resident",
        "r-501",
        "id_number",
    )
    outbox = window.workspace.store.query(
        "SELECT op FROM outbox WHERE entity = 'personal_data_reveal'"
    )
    assert [o["op"] for o in outbox] == ["create"]  # reported with the next sync
    assert (
        household.findChild(type(household.where), "tag_key_household").text().endswith("独居老人")
    )
    qtbot.mouseClick(window.shell.top.back, Qt.MouseButton.LeftButton)
    assert window.shell.top_screen().objectName() == "building"


def test_search_finds_residents_by_initials_and_address(qtbot, window) -> None:
    log_in(qtbot, window)
    register = open_tab(qtbot, window, "register")
    qtbot.keyClicks(register.search_box, "wxy")
    qtbot.waitUntil(lambda: register.search_model.rowCount() == 1)
    assert register.search_model.index(0, 0).data() == "王秀英"
    assert register.results_title.text() == "找到 1 条"
    register.search_box.clear()
    qtbot.keyClicks(register.search_box, "3-2-60")
    qtbot.waitUntil(
        lambda: {r.address for r in register.search_model.rows()} == {"3-2-601", "3-2-602"}
    )
    click_row(qtbot, register.results_table, 0)
    qtbot.waitUntil(lambda: window.shell.top_screen().objectName() == "household")


def test_editing_a_household_saves_only_what_changed(qtbot, window) -> None:
    log_in(qtbot, window)
    household = open_household(qtbot, window, "h-g1-601")
    qtbot.mouseClick(household.edit_button, Qt.MouseButton.LeftButton)
    edit = window.shell.top_screen()
    qtbot.mouseClick(edit.vacant, Qt.MouseButton.LeftButton)  # someone moved in
    qtbot.mouseClick(edit.rental, Qt.MouseButton.LeftButton)
    assert edit.changes() == {"vacant": False, "rental": True}
    qtbot.mouseClick(edit.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.shell.top_screen() is household)
    qtbot.waitUntil(lambda: household.data is not None and household.data.household.rental)
    ops = window.workspace.store.query("SELECT fields FROM outbox WHERE entity = 'household'")
    assert ops and '"vacant": 0' in ops[-1]["fields"]


def test_adding_a_resident_explains_a_bad_phone(qtbot, window) -> None:
    log_in(qtbot, window)
    household = open_household(qtbot, window, "h-g1-602")
    qtbot.mouseClick(household.add_resident, Qt.MouseButton.LeftButton)
    edit = window.shell.top_screen()
    type_text(qtbot, edit.name, "李建国")
    qtbot.mouseClick(edit.gender.buttons["male"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(edit.personal["phone"].edit, "12345")
    qtbot.mouseClick(edit.save, Qt.MouseButton.LeftButton)
    phone_error = edit.form.field_errors["phone"]
    qtbot.waitUntil(lambda: phone_error.text() != "")
    assert phone_error.text() == "电话不是有效的电话号码（11 位手机号或座机号）。"
    assert not edit.form.error.isVisible()
    assert edit.personal["phone"].hasFocus()
    edit.personal["phone"].edit.clear()
    qtbot.keyClicks(edit.personal["phone"].edit, "13900001111")
    qtbot.mouseClick(edit.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.shell.top_screen() is household)
    qtbot.waitUntil(lambda: household.resident_model.rowCount() == 1)
    wait_idle(qtbot, window)
    # The new resident is searchable at once (the index follows edits).
    register = open_tab(qtbot, window, "register")
    qtbot.keyClicks(register.search_box, "ljg")
    qtbot.waitUntil(lambda: register.search_model.rowCount() == 1)


def test_search_understands_addresses_and_names_as_people_say_them(qtbot, window) -> None:
    log_in(qtbot, window)
    register = open_tab(qtbot, window, "register")
    type_text(qtbot, register.search_box, "3栋501")  # the unit left out, as people say it
    qtbot.waitUntil(lambda: [r.address for r in register.search_model.rows()] == ["3-2-501"])
    assert register.results_title.text() == "找到 1 条"
    register.search_box.clear()
    type_text(qtbot, register.search_box, "王")
    qtbot.keyClicks(register.search_box, "x")  # the surname, then the given name's initial
    qtbot.waitUntil(lambda: [r.name for r in register.search_model.rows()] == ["王秀英"])


def test_search_says_the_list_is_cut_and_why_a_short_number_finds_nothing(qtbot, window) -> None:
    log_in(qtbot, window)
    residents = [
        {"id": f"r-z{i}", "household_id": "h-g1-502", "name": f"张{chr(0x4E00 + i)}",
         "gender": "male", "relation": "other"}
        for i in range(60)
    ]  # fmt: skip
    window.workspace.store.write(
        lambda tx: [tx.insert("resident", row, outbox=False) for row in residents]
    )
    register = open_tab(qtbot, window, "register")
    qtbot.keyClicks(register.search_box, "zhang")
    qtbot.waitUntil(lambda: register.search_model.rowCount() == 50)
    assert register.results_title.text() == "前 50 条，请输入更多"
    assert not register.results_hint.isVisible()
    register.search_box.clear()
    qtbot.keyClicks(register.search_box, "138")  # the start of 王秀英's phone number
    qtbot.waitUntil(lambda: register.results_title.text() == "没有找到")
    assert register.results_hint.isVisible()
    assert "至少输入 4 位数字" in register.results_hint.text()
    qtbot.keyClicks(register.search_box, "1")
    qtbot.waitUntil(lambda: [r.name for r in register.search_model.rows()] == ["王秀英"])
    assert not register.results_hint.isVisible()


def test_typing_fast_runs_one_search_without_restarting_its_timer_per_key(
    qtbot, window, monkeypatch
) -> None:
    log_in(qtbot, window)
    register = open_tab(qtbot, window, "register")
    wait_idle(qtbot, window)
    timer = register.latest._quiet._timer
    starts = []
    original = QTimer.start

    def counting_start(self, *args):
        if self is timer:
            starts.append(args)
        return original(self, *args)

    monkeypatch.setattr(QTimer, "start", counting_start)
    runs = []
    window.ctx.ops.busy_changed.connect(lambda busy: runs.append(busy))
    qtbot.keyClicks(register.search_box, "wangxiuying" * 3)
    qtbot.waitUntil(lambda: register.results_title.text() == "没有找到")
    wait_idle(qtbot, window)
    assert len(starts) <= 3, starts  # one per delay at most, not one per key (33 keys)
    assert runs.count(1) == 1  # and one search, for the whole text


def test_a_grid_tapped_after_another_shows_its_own_buildings(qtbot, demo_window, monkeypatch):
    """Two grids tapped in quick succession: the first one's buildings, arriving last from a
    slower read, must not replace the second's under the second's title (the pool runs
    reads side by side, so answers may come back in any order)."""
    import threading

    log_in(qtbot, demo_window, "S0001")
    register = open_tab(qtbot, demo_window, "register")
    qtbot.waitUntil(lambda: register.grid_model.rowCount() > 1)
    wait_idle(qtbot, demo_window)
    # the market's grid (no buildings), then the residential one, as the tour does
    first, second = register.grid_model.rows()[:2]
    browse = demo_window.workspace.browse
    real = browse.buildings
    released = threading.Event()

    def slow_for_the_first(grid_id: str):
        if grid_id == first.grid_id:
            released.wait(5)  # held until the second grid's answer is in
        return real(grid_id)

    monkeypatch.setattr(browse, "buildings", slow_for_the_first)
    click_row(qtbot, register.grid_table, 0)
    click_row(qtbot, register.grid_table, 1)
    expected = {b.building_id for b in real(second.grid_id)}
    assert expected
    qtbot.waitUntil(lambda: {b.building_id for b in register.building_model.rows()} == expected)
    released.set()
    wait_idle(qtbot, demo_window)
    assert {b.building_id for b in register.building_model.rows()} == expected
    assert second.grid_name in register.buildings_title.text()
